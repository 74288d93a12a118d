import type { HttpRequest } from '../../platform/platform';
import type { CloudIdentity } from './cloudKeys';
import type { CreateConversationRequest } from './cloudWire';

/** The query of `GET …/messages` (`wire-purecloud-v2.md` §2.5). */
export interface MessageQuery {
  after?: string;
  before?: string;
  sortOrder?: 'ascending' | 'descending';
  maxResults?: number;
}

/** The conversation part of an identity: what every call after the create needs. */
export type Conversation = Pick<CloudIdentity, 'jwt' | 'conversationId' | 'memberId'>;

/**
 * Builders of every guest chat request the client makes (`wire-purecloud-v2.md` §2): pure
 * functions from arguments to a platform {@link HttpRequest}. JSON bodies; `Authorization: Bearer`
 * on everything but the create; `timeout` = `ajaxTimeout`.
 *
 * @example
 * const requests = cloudRequests('https://api.mypurecloud.com', 12000);
 * requests.sendMessage(conversation, 'Hello');
 * // { method: 'POST', url: 'https://api.mypurecloud.com/api/v2/webchat/guest/conversations/CV/members/ME/messages',
 * //   headers: { Authorization: 'Bearer J' }, body: { kind: 'json', value: { body: 'Hello' } }, timeout: 12000 }
 *
 * @param dataURL `transport.dataURL`, the regional API host (a trailing `/` is ignored).
 * @param timeout `ajaxTimeout` (the cloud floor of 12000 is applied by the config).
 */
export function cloudRequests(dataURL: string, timeout: number) {
  const host = dataURL.replace(/\/+$/, '');
  const root = `${host}/api/v2/webchat/guest/conversations`;
  const authorized = (c: Conversation, method: HttpRequest['method'], url: string, body?: unknown): HttpRequest => ({
    method,
    url,
    headers: { Authorization: `Bearer ${c.jwt}` },
    ...(body !== undefined ? { body: { kind: 'json' as const, value: body } } : {}),
    timeout,
  });
  const conversationUrl = (c: Conversation) => `${root}/${encodeURIComponent(c.conversationId)}`;
  const memberUrl = (c: Conversation, memberId: string) => `${conversationUrl(c)}/members/${encodeURIComponent(memberId)}`;
  return {
    /** #1: no auth (§1). */
    createConversation: (body: CreateConversationRequest): HttpRequest => ({
      method: 'POST',
      url: root,
      body: { kind: 'json', value: body },
      timeout,
    }),
    /** #2: only `body` is sent, as the shipped client does (§2.3). */
    sendMessage: (c: Conversation, text: string) => authorized(c, 'POST', `${memberUrl(c, c.memberId)}/messages`, { body: text }),
    /** #3: no body; there is no stop call (§2.4). */
    typing: (c: Conversation) => authorized(c, 'POST', `${memberUrl(c, c.memberId)}/typing`),
    /** #4. */
    listMessages: (c: Conversation, query: MessageQuery) => authorized(c, 'GET', `${conversationUrl(c)}/messages${queryString(query)}`),
    /** A `next` (or `nextUri`) link of a listing: a path relative to the API host (§2.5). */
    follow: (c: Conversation, link: string) => authorized(c, 'GET', /^https?:\/\//.test(link) ? link : `${host}${link.startsWith('/') ? '' : '/'}${link}`),
    /** #6. */
    listMembers: (c: Conversation) => authorized(c, 'GET', `${conversationUrl(c)}/members`),
    /** #7. */
    getMember: (c: Conversation, memberId: string) => authorized(c, 'GET', memberUrl(c, memberId)),
    /** #8: the guest ends the chat by deleting its own member (§2.6). */
    deleteMember: (c: Conversation) => authorized(c, 'DELETE', memberUrl(c, c.memberId)),
  };
}

export type CloudRequests = ReturnType<typeof cloudRequests>;

function queryString(query: MessageQuery): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) parts.push(`${key}=${encodeURIComponent(String(value))}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}
