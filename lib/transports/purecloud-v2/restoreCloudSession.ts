import { Observable, concat, concatMap, defer, of } from 'rxjs';
import { restoreExpired } from '../../operators/restoreExpired';
import type { RestoreOutcome } from '../transport';
import { socketFailure, whenOpen } from './cloudContext';
import type { CloudContext } from './cloudContext';
import { cloudFailure } from './cloudFailure';
import type { CloudIdentity } from './cloudKeys';
import { cloudTranscript } from './cloudTranscript';
import { createCloudSession } from './createCloudSession';
import { fetchMessagePages } from './fetchMessagePages';
import type { HeldConnection } from './heldConnection';
import { memberRoster } from './memberRoster';

/**
 * Emits the outcome of a Genesys Cloud restore (`wire-purecloud-v2.md` §7 Restore, contract §14.3),
 * then completes: nothing persisted ⇒ `none`; too old ⇒ `timeout`; `GET members/{self}` must be
 * CONNECTED (401/404 or another state clears the keys) → reopen the stream → one descending page
 * (`pagination`) or every page → `GET members` → the replay as one `restoring` batch.
 *
 * @example
 * restoreCloudSession(context).subscribe((outcome) => …);
 *
 * @param context The transport's shared parts.
 */
export function restoreCloudSession(context: CloudContext): Observable<RestoreOutcome> {
  const { config, platform, keys, requests, call, gate, connect } = context;
  return defer(() => {
    const identity = keys.identity();
    if (!identity) return of<RestoreOutcome>({ kind: 'none' });
    if (restoreExpired(keys.ping(), platform.now(), config.restoreTimeout)) {
      keys.clear();
      return of<RestoreOutcome>({ kind: 'timeout' });
    }
    gate.reset();
    return call(requests.getMember(identity, identity.memberId)).pipe(
      concatMap((reply): Observable<RestoreOutcome> => {
        // §14.3: 401/404 or a member no longer CONNECTED ⇒ keys cleared, restoreFailed; other failures keep the keys.
        if (reply.verdict === 'sessionLost') {
          keys.clear();
          return of({ kind: 'failed', failure: { ...cloudFailure(reply.response, platform.now()) } });
        }
        if (reply.verdict !== 'ok') return of({ kind: 'failed', failure: { ...cloudFailure(reply.response, platform.now()) } });
        if (reply.body.state !== 'CONNECTED') {
          keys.clear();
          return of({ kind: 'failed', failure: {} });
        }
        const connection = connect(identity);
        return whenOpen(
          connection,
          () => replay(context, identity, connection, reply.body),
          () => ({ kind: 'failed', failure: { ...socketFailure } }),
          (outcome) => outcome.kind === 'restored',
        );
      }),
    );
  });
}

/** §7 restore steps 4–6: the last page (pagination) or everything, then `GET members`, as one `restoring` batch. */
function replay(context: CloudContext, identity: CloudIdentity, connection: HeldConnection, self: Record<string, unknown>): Observable<RestoreOutcome> {
const { config, platform, keys, requests, call, gate } = context;
  const pagination = config.transport.pagination;
  const pageSize = config.transport.maxMessagePageSize;
  const query = pagination ? { sortOrder: 'descending' as const, maxResults: pageSize } : { sortOrder: 'ascending' as const, maxResults: 100 };
  return fetchMessagePages(call, requests, identity, query, !pagination).pipe(
    concatMap((pages): Observable<RestoreOutcome> => {
      if (!pages.ok) {
        if (pages.reply.verdict === 'sessionLost') keys.clear();
        return of({ kind: 'failed', failure: { ...cloudFailure(pages.reply.response, platform.now()) } });
      }
      const roster = memberRoster(call, requests, identity);
      roster.put({ ...(self as { id: string }), id: identity.memberId, role: 'CUSTOMER' });
      const transcript = cloudTranscript(identity.memberId, config.transport.botEventsEnabled, keys.lastMessageId());
      const historyDone = !pagination || pages.next === undefined || pages.messages.length < pageSize;
      return concat(
        roster.loadAll(),
        defer(() => {
          // A descending page, oldest first: messages with equal timestamps keep the server's order.
          const chronological = pagination ? [...pages.messages].reverse() : pages.messages;
          const { items } = transcript.live(chronological.map((message) => ({ kind: 'message' as const, message })), roster.get);
          const newest = transcript.newestId();
          if (newest) keys.saveLastMessageId(newest);
          keys.savePing(platform.now());
          const session = createCloudSession({ config, platform, keys, requests, call, gate, identity, connection, transcript, roster, historyDone });
          return of<RestoreOutcome>({ kind: 'restored', async: false, session, ...(items.length ? { batch: { items, restoring: true } } : {}) });
        }),
      );
    }),
  );
}
