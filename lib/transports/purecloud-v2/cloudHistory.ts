import { EMPTY, Observable, concat, concatMap, defer, of, take } from 'rxjs';
import type { HttpRequest } from '../../platform/platform';
import type { Outcome, TransportSession } from '../transport';
import { replyOutcome } from './cloudCall';
import type { CloudReply } from './cloudCall';
import type { CloudSessionParts } from './cloudSessionParts';
import { isWebChatMessage } from './isWebChatMessage';
import type { WebChatMessageEntityList } from './cloudWire';

/**
 * `fetchHistory` on Genesys Cloud (contract §6.18, `wire-purecloud-v2.md` §7): the page of
 * `maxMessagePageSize` before the oldest message seen, senders looked up first, as an
 * `oldMessages` batch; `{end: true}` once a page without `next` (or a short one) was read.
 *
 * @example
 * fetchHistory: cloudHistory(parts, own)
 */
export function cloudHistory(parts: CloudSessionParts, own: (request: HttpRequest) => Observable<CloudReply>): NonNullable<TransportSession['fetchHistory']> {
  const { config, platform, requests, identity, transcript, roster } = parts;
  const selfId = identity.memberId;
  let historyDone = parts.historyDone;

  return () =>
    defer(() => {
      const before = transcript.oldestId();
      if (historyDone || !before) return of({ ok: true as const, verdict: 'ok' as const, body: { end: true as const } });
      const pageSize = config.transport.maxMessagePageSize;
      return own(requests.listMessages(identity, { before, sortOrder: 'descending', maxResults: pageSize })).pipe(
        concatMap((reply) => {
          if (reply.verdict !== 'ok') return of(replyOutcome(reply, platform.now()) as Exclude<Outcome, { ok: true }>);
          const list = reply.body as WebChatMessageEntityList;
          const entities = (Array.isArray(list.entities) ? list.entities : []).filter(isWebChatMessage);
          // §7: a page without `next`, or shorter than asked, is the first page of the conversation.
          if (!list.next || entities.length < pageSize) historyDone = true;
          if (entities.length === 0) return of({ ok: true as const, verdict: 'ok' as const, body: { end: true as const } });
          const unknown = roster.unknown(entities.map((message) => message.sender.id).filter((id) => id !== selfId));
          return concat(
            unknown.length > 0 ? roster.loadAll() : EMPTY,
            defer(() => {
              const items = transcript.history(entities, roster.get);
              return of({ ok: true as const, verdict: 'ok' as const, body: { batch: { items, oldMessages: true }, response: reply.body } });
            }),
          );
        }),
        take(1),
      );
    });
}
