import { EMPTY, Observable, defer, finalize, map, merge, of, switchMap, take, tap, timer } from 'rxjs';
import type { FormField } from '../../platform/platform';
import type { StartOutcome, StartRequest } from '../transport';
import { createGmsSession } from './createGmsSession';
import type { GmsSessionContext } from './createGmsSession';
import { gmsBatch, highestKey } from './gmsBatch';
import { userDataFields } from './gmsForm';
import { gmsMessagesOf } from './gmsMessagesOf';
import type { GmsIdentity } from './gmsWire';
import { withoutSecureKey } from './withoutSecureKey';

/** Another tab's start lock younger than this blocks a start (§14.2). */
const startLockAge = 2000;
const startLockRefresh = 500;

/**
 * Emits the outcome of `startChat` on GMS (`wire-gms-v2.md` §5.1), then completes: the create POST
 * with the form and `userData` (`GCTI_LanguageCode` first), the identity persisted, the answer's
 * messages as the first batch. §14.2: another tab's start lock younger than 2 s refuses the start;
 * this tab's lock is refreshed while the create runs and removed after it.
 *
 * @example
 * startGmsSession(context, { form: { firstname: 'Jane' }, userData: {}, interactionData: {} }).subscribe(…);
 *
 * @param context The transport's shared session context.
 * @param request The merged start request.
 */
export function startGmsSession(context: GmsSessionContext, request: StartRequest): Observable<StartOutcome> {
  const { config, platform, call, requests, keys } = context;
  return defer(() => {
    const lock = keys.startLock();
    if (lock && platform.now() - lock < startLockAge) {
      return of<StartOutcome>({ ok: false, failure: { statusCode: 1 }, verdict: 'refused' });
    }
    const f = request.form;
    const text = (v: unknown) => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));
    const nickname = text(f.nickname) || text(f.firstname);
    const fields: FormField[] = [['nickname', nickname], ['firstName', text(f.firstname)], ['lastName', text(f.lastname)]];
    fields.push(['emailAddress', text(f.email)], ['subject', text(f.subject)], ['text', '']);
    fields.push(['userId', ''], ['secureKey', ''], ['alias', '']);
    if (config.endpoint) fields.push(['endpoint', config.endpoint]);
    fields.push(...userDataFields({ GCTI_LanguageCode: config.main.lang ?? 'en', ...request.userData }));
    const heartbeat$ = timer(0, startLockRefresh, platform.scheduler).pipe(tap(() => keys.saveStartLock(platform.now())));
    const create$ = call(requests.create(fields)).pipe(
      map((outcome): StartOutcome => {
        if (!outcome.ok) return outcome;
        const envelope = outcome.body;
        if (typeof envelope.chatId !== 'string' || typeof envelope.secureKey !== 'string') {
          return { ok: false, failure: withoutSecureKey({ ...envelope }), verdict: 'refused' };
        }
        const id: GmsIdentity = {
          chatId: envelope.chatId,
          secureKey: envelope.secureKey,
          userId: String(envelope.userId ?? ''),
          alias: String(envelope.alias ?? ''),
        };
        keys.saveSession(id, platform.now());
        const messages = gmsMessagesOf(envelope);
        const batch = messages.length > 0 ? gmsBatch(messages, false, envelope.idleTimerExpire) : undefined;
        const highest = batch ? highestKey(batch, 0) : 0;
        if (batch) keys.saveIndex(highest + 1);
        const session = createGmsSession(context, id, { replayOnFirstPoll: false, highestIndex: highest });
        return { ok: true, verdict: 'ok', body: { response: { ...envelope }, session, ...(batch ? { batch } : {}) } };
      }),
    );
    return merge(heartbeat$.pipe(switchMap(() => EMPTY)), create$).pipe(
      take(1),
      finalize(() => keys.clearStartLock()),
    );
  });
}
