import { Observable, map } from 'rxjs';
import type { HttpRequest } from '../../platform/platform';
import type { CloudReply } from './cloudCall';
import type { CloudRequests, Conversation, MessageQuery } from './cloudRequests';
import { followPages } from './followPages';
import { isWebChatMessage } from './isWebChatMessage';
import type { WebChatMessage, WebChatMessageEntityList } from './cloudWire';

/** Every message of the pages read, in the order the server listed them, or the first failed reply. */
export type MessagePages =
  | { ok: true; messages: WebChatMessage[]; /** The last page's `next`, when the walk stopped before the end. */ next?: string; lastReply: CloudReply }
  | { ok: false; reply: CloudReply };

/**
 * `GET …/messages` with `query`, then, when `all`, every `next` link until none is left
 * (`wire-purecloud-v2.md` §2.5, §6 step 3, §7 restore step 4). Emits one {@link MessagePages} and
 * completes; a failing page ends the walk with that reply.
 *
 * @example
 * fetchMessagePages(call, requests, conversation, { after: 'm3' }, true); // catch-up after a reconnect
 *
 * @param call The transport's request function.
 * @param requests The request builders.
 * @param conversation The conversation identity.
 * @param query The first page's query.
 * @param all Follow `next` to the end (true) or read one page (false).
 */
export function fetchMessagePages(
  call: (request: HttpRequest) => Observable<CloudReply>,
  requests: CloudRequests,
  conversation: Conversation,
  query: MessageQuery,
  all: boolean,
): Observable<MessagePages> {
  const next = (reply: CloudReply) => (all && reply.verdict === 'ok' ? nextOf(reply) : undefined);
  return followPages(call, requests.listMessages(conversation, query), next, (link) => requests.follow(conversation, link)).pipe(
    map((replies): MessagePages => {
      const failed = replies.find((reply) => reply.verdict !== 'ok');
      if (failed) return { ok: false, reply: failed };
      const messages = replies.flatMap((reply) => {
        const entities = (reply.body as WebChatMessageEntityList).entities;
        return Array.isArray(entities) ? entities.filter(isWebChatMessage) : [];
      });
      const lastReply = replies[replies.length - 1];
      const next = nextOf(lastReply);
      return { ok: true, messages, lastReply, ...(next !== undefined ? { next } : {}) };
    }),
  );
}

function nextOf(reply: CloudReply): string | undefined {
  const next = (reply.body as WebChatMessageEntityList).next;
  return typeof next === 'string' && next ? next : undefined;
}
