import { Observable, defer, map, of } from 'rxjs';
import { restoreExpired } from '../../operators/restoreExpired';
import type { RestoreOutcome } from '../transport';
import { isEnvelope } from './classifyGmsResponse';
import { createGmsSession } from './createGmsSession';
import type { GmsSessionContext } from './createGmsSession';
import { gmsBatch, highestKey } from './gmsBatch';
import { gmsMessagesOf } from './gmsMessagesOf';
import type { GmsEnvelope } from './gmsWire';

/**
 * Emits the outcome of a GMS restore (`contract.md` §14.3), then completes: nothing persisted ⇒
 * `none`; older than `restoreTimeout` ⇒ `timeout` (keys cleared); else a `refresh` from position 1:
 * `statusCode 1` ⇒ `restoredOffline` (the first good poll replays); `chatEnded` true or missing ⇒
 * `timeout`; an answer that is no GMS envelope ⇒ `failed` with the keys kept; else `restored` with
 * the whole transcript as a `restoring` batch.
 *
 * @example
 * restoreGmsSession(context).subscribe((outcome) => …);
 *
 * @param context The transport's shared session context.
 */
export function restoreGmsSession(context: GmsSessionContext): Observable<RestoreOutcome> {
  const { config, platform, call, requests, keys } = context;
  return defer(() => {
    const persisted = keys.read();
    if (!persisted) return of<RestoreOutcome>({ kind: 'none' });
    if (restoreExpired(persisted.ping, platform.now(), config.restoreTimeout)) {
      keys.clear();
      return of<RestoreOutcome>({ kind: 'timeout' });
    }
    const { id } = persisted;
    return call(requests.refresh(id, 1, ''), { refresh: true }).pipe(
      map((outcome): RestoreOutcome => {
        if (outcome.verdict === 'serverBusy') {
          return { kind: 'restoredOffline', session: createGmsSession(context, id, { replayOnFirstPoll: true, highestIndex: 0 }) };
        }
        const envelope = (outcome.ok ? outcome.body : (outcome.failure as { responseJSON?: GmsEnvelope }).responseJSON ?? outcome.failure) as GmsEnvelope;
        // §14.3: only GMS itself can say the chat is over; a network failure, a proxy's page or a
        // garbled body is an HTTP failure: restoreFailed, keys kept, the app may try again.
        if (outcome.verdict === 'networkDown' || outcome.verdict === 'serverError' || !isEnvelope(envelope)) {
          return { kind: 'failed', failure: outcome.ok ? {} : (outcome.failure as Record<string, unknown>) };
        }
        // §14.3: `chatEnded` true **or missing** on the restore path means the chat is over.
        if (!outcome.ok || envelope.chatEnded !== false) {
          keys.clear();
          return { kind: 'timeout' };
        }
        keys.savePing(platform.now());
        const batch = gmsBatch(gmsMessagesOf(envelope), true, envelope.idleTimerExpire);
        const highest = highestKey(batch, 0);
        keys.saveIndex(highest + 1);
        return { kind: 'restored', async: false, session: createGmsSession(context, id, { replayOnFirstPoll: false, highestIndex: highest }), batch };
      }),
    );
  });
}
