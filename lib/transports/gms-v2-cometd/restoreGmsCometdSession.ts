import { Observable, concatMap, defer, filter, map, merge, of, take } from 'rxjs';
import { restoreExpired } from '../../operators/restoreExpired';
import { gmsBatch, highestKey } from '../gms-v2/gmsBatch';
import { gmsMessagesOf } from '../gms-v2/gmsMessagesOf';
import type { GmsEnvelope, GmsIdentity } from '../gms-v2/gmsWire';
import type { RestoreOutcome } from '../transport';
import { createGmsCometdSession } from './createGmsCometdSession';
import type { GmsCometdContext } from './createGmsCometdSession';
import { nextEnvelope, withGmsCometdLink } from './gmsCometdLink';
import type { GmsCometdLink } from './gmsCometdLink';

/** The restore failure when the server cannot be reached or does not answer (keys kept, §14.3). */
const unanswered = { status: 0, statusText: 'error' };

/**
 * Emits the outcome of a CometD restore (`contract.md` §14.3, §14.5), then completes. Sync: the GMS
 * keys of the store (older than `restoreTimeout` ⇒ `timeout`), connect, `requestNotifications` from
 * position 1 ⇒ the whole transcript as the `restoring` batch. Async (`async.enabled`): the identity
 * from `setSessionData` (else the store; no `restoreTimeout`), `requestNotifications` at `-1` to
 * learn the last position, then one page of `maxMessagePageSize` before it; older pages come with
 * `fetchHistory`. `statusCode 1` ⇒ `restoredOffline`; `chatEnded` true or missing ⇒ `timeout`; no
 * connection or no answer ⇒ `failed` with the keys kept.
 *
 * @example
 * restoreGmsCometdSession(context, { async: false }).subscribe((outcome) => …);
 *
 * @param context The transport's shared parts.
 * @param options `async` when the service runs the async restore.
 */
export function restoreGmsCometdSession(context: GmsCometdContext, options: { async?: boolean }): Observable<RestoreOutcome> {
  const { config, platform, settings, keys, async } = context;
  const asyncMode = settings.asyncEnabled && options.async === true;
  return defer(() => (asyncMode && async ? async.read() : of(undefined))).pipe(
    concatMap((stored): Observable<RestoreOutcome> => {
      const persisted = stored ? { id: stored, ping: null } : keys.read();
      if (!persisted) return of({ kind: 'none' });
      if (!asyncMode && restoreExpired(persisted.ping, platform.now(), config.restoreTimeout)) {
        keys.clear();
        return of({ kind: 'timeout' });
      }
      return attach(context, persisted.id, asyncMode);
    }),
  );
}

function attach(context: GmsCometdContext, id: GmsIdentity, asyncMode: boolean): Observable<RestoreOutcome> {
  const { platform, settings, requests, keys } = context;
  return withGmsCometdLink<RestoreOutcome>(
    context,
    { kind: 'failed', failure: { ...unanswered } },
    (link) => {
      /** `requestNotifications` from `position`, and the push that answers it (`undefined`: none in time, or the publish failed). */
      const ask = (position: number): Observable<GmsEnvelope | undefined> =>
        merge(
          // The answer starts at `position` (pushes of what this client had not had may come first).
          nextEnvelope(link, (envelope) => position < 1 || envelope.statusCode !== 0 || envelope.chatEnded !== false || startsAt(envelope, position), context),
          defer(() => link.publish(requests.operation(id, 'requestNotifications', { transcriptPosition: position }))).pipe(
            filter((sent) => !sent.ok),
            map(() => undefined),
          ),
        ).pipe(take(1));
      const read$ = asyncMode
        ? ask(-1).pipe(
            concatMap((latest) => {
              if (!latest || latest.statusCode === 1 || latest.chatEnded !== false) return of(latest);
              const next = typeof latest.nextPosition === 'number' ? latest.nextPosition : 1;
              return ask(Math.max(1, next - settings.maxMessagePageSize));
            }),
          )
        : ask(1);
      return read$.pipe(map((envelope) => outcomeOf(link, envelope)));
    },
    (outcome) => outcome.kind === 'restored' || outcome.kind === 'restoredOffline',
  );

  function outcomeOf(link: GmsCometdLink, envelope: GmsEnvelope | undefined): RestoreOutcome {
    if (!envelope) return { kind: 'failed', failure: { ...unanswered } };
    if (envelope.statusCode === 1) return { kind: 'restoredOffline', session: session(link, 0, 1) };
    // §14.3: `chatEnded` true **or missing** on the restore path means the chat is over.
    if (envelope.chatEnded !== false) {
      keys.clear();
      context.async?.clear();
      return { kind: 'timeout' };
    }
    keys.saveSession(id, platform.now());
    const messages = gmsMessagesOf(envelope);
    const batch = gmsBatch(messages, true, envelope.idleTimerExpire);
    const highest = highestKey(batch, 0);
    const lowest = messages.reduce((low, m) => (typeof m.index === 'number' && m.index < low ? m.index : low), highest + 1);
    keys.saveIndex(highest + 1);
    return { kind: 'restored', async: asyncMode, session: session(link, highest, lowest), ...(messages.length > 0 ? { batch } : {}) };
  }

  function session(link: GmsCometdLink, highestIndex: number, lowestIndex: number) {
    return createGmsCometdSession(context, link, id, { highestIndex, lowestIndex });
  }
}

/** Whether a push holds the message at `position`, or says the transcript has nothing there yet. */
function startsAt(envelope: GmsEnvelope, position: number): boolean {
  const messages = gmsMessagesOf(envelope);
  return messages.some((m) => m.index === position) || (typeof envelope.nextPosition === 'number' && envelope.nextPosition <= position && messages.length === 0);
}
