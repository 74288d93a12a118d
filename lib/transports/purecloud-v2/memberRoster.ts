import { EMPTY, Observable, ignoreElements, merge, tap } from 'rxjs';
import type { HttpRequest } from '../../platform/platform';
import type { CloudReply } from './cloudCall';
import type { CloudRequests, Conversation } from './cloudRequests';
import { followPages } from './followPages';
import type { WebChatMemberInfo, WebChatMemberInfoEntityList } from './cloudWire';

/** What the client knows of the conversation's members: roles, names, avatars (`wire-purecloud-v2.md` §2.6, §5.1). */
export interface MemberRoster {
  get(id: string): WebChatMemberInfo | undefined;
  put(member: WebChatMemberInfo): void;
  /** The given ids not known yet (duplicates removed). */
  unknown(ids: Iterable<string>): string[];
  /** `GET members/{id}` for each unknown id, in parallel; completes when all answered. A failed lookup leaves the id unknown (role `External`, §5.2 item 2). */
  resolve(ids: Iterable<string>): Observable<never>;
  /** `GET members`, following `nextUri`; completes when done (failures are ignored: the roles stay as they were). */
  loadAll(): Observable<never>;
}

/**
 * The member cache of one conversation: `member-change` frames carry no role, so the client asks
 * the server who a sender is before it can type a message (`wire-purecloud-v2.md` §5.1 "roles").
 *
 * @example
 * const roster = memberRoster(call, requests, conversation);
 * roster.resolve(['AG']).subscribe({ complete: () => roster.get('AG')?.role }); // 'AGENT'
 *
 * @param call The transport's request function.
 * @param requests The request builders.
 * @param conversation The conversation identity (JWT, ids).
 */
export function memberRoster(call: (request: HttpRequest) => Observable<CloudReply>, requests: CloudRequests, conversation: Conversation): MemberRoster {
  const members = new Map<string, WebChatMemberInfo>();
  const put = (member: WebChatMemberInfo) => void members.set(member.id, { ...members.get(member.id), ...member });
  const unknown = (ids: Iterable<string>) => [...new Set(ids)].filter((id) => !members.has(id));
  return {
    get: (id) => members.get(id),
    put,
    unknown,
    resolve(ids) {
      const missing = unknown(ids);
      if (missing.length === 0) return EMPTY;
      return merge(...missing.map((id) => call(requests.getMember(conversation, id)))).pipe(
        tap((reply) => {
          const member = asMember(reply);
          if (member) put(member);
        }),
        ignoreElements(),
      );
    },
    loadAll() {
      return followPages(call, requests.listMembers(conversation), nextUri, (uri) => requests.follow(conversation, uri)).pipe(
        tap((replies) => {
          for (const reply of replies) {
            const page = reply.verdict === 'ok' ? (reply.body as WebChatMemberInfoEntityList).entities ?? [] : [];
            page.filter((member) => typeof member?.id === 'string').forEach(put);
          }
        }),
        ignoreElements(),
      );
    },
  };
}

function nextUri(reply: CloudReply): string | undefined {
  const next = reply.verdict === 'ok' ? (reply.body as WebChatMemberInfoEntityList).nextUri : undefined;
  return typeof next === 'string' && next ? next : undefined;
}

function asMember(reply: CloudReply): WebChatMemberInfo | undefined {
  return reply.verdict === 'ok' && typeof reply.body.id === 'string' ? (reply.body as unknown as WebChatMemberInfo) : undefined;
}
