import { Observable, filter, map, merge } from 'rxjs';
import type { GmsEnvelope } from '../gms-v2/gmsWire';
import { gmsBatch, highestKey } from '../gms-v2/gmsBatch';
import { gmsMessagesOf } from '../gms-v2/gmsMessagesOf';
import { withoutSecureKey } from '../gms-v2/withoutSecureKey';
import type { Outcome, RawBatch, StartOutcome, StartRequest } from '../transport';
import { createGmsCometdSession } from './createGmsCometdSession';
import type { GmsCometdContext } from './createGmsCometdSession';
import { nextEnvelope, withGmsCometdLink } from './gmsCometdLink';
import type { GmsCometdLink } from './gmsCometdLink';

/** The start refusal after 5 failed handshakes (`wire-gms-v2.md` §11), as the shipped client gave it. */
const unreachable = { statusCode: 1 };

/**
 * Emits the outcome of `startChat` over CometD (`wire-gms-v2.md` §11), then completes: connect
 * (5 handshakes at most, else `{statusCode: 1}`), publish `requestChat` with the form and a nested
 * `userData` (`GCTI_LanguageCode` first; `GCTI_Chat_AsyncMode: "true"` in async mode, §6.2), and take
 * the first push that names the chat (`chatId` + `secureKey`) as the create answer: the identity
 * persisted, its messages the first batch. The connection stays open for the session; any other end
 * closes it.
 *
 * @example
 * startGmsCometdSession(context, { form: { firstname: 'Ada' }, userData: {}, interactionData: {} }).subscribe(…);
 *
 * @param context The transport's shared parts.
 * @param request The merged start request.
 */
export function startGmsCometdSession(context: GmsCometdContext, request: StartRequest): Observable<StartOutcome> {
  const { config, platform, settings, keys, async } = context;
  const f = request.form;
  const text = (v: unknown) => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));
  const userData: Record<string, unknown> = { GCTI_LanguageCode: config.main.lang ?? 'en', ...request.userData };
  if (settings.asyncEnabled) userData.GCTI_Chat_AsyncMode = 'true';
  const requestChat = {
    operation: 'requestChat',
    nickname: text(f.nickname) || text(f.firstname),
    firstName: text(f.firstname),
    lastName: text(f.lastname),
    emailAddress: text(f.email),
    subject: text(f.subject),
    userData,
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
  };
  const named = (envelope: GmsEnvelope) => (typeof envelope.chatId === 'string' && typeof envelope.secureKey === 'string') || (envelope.statusCode ?? 0) !== 0;
  const refused: StartOutcome = { ok: false, failure: { ...unreachable }, verdict: 'serverError' };
  return withGmsCometdLink(
    context,
    refused,
    (link) =>
      merge(
        nextEnvelope(link, named, context).pipe(map((envelope) => created(link, envelope))),
        link.publish(requestChat).pipe(filter((sent): sent is Outcome & { ok: false } => !sent.ok)),
      ),
    (outcome) => outcome.ok,
  );

  function created(link: GmsCometdLink, envelope: GmsEnvelope | undefined): StartOutcome {
    if (!envelope) return { ok: false, failure: { status: 0, statusText: 'timeout' }, verdict: 'networkDown' };
    if ((envelope.statusCode ?? 0) !== 0 || typeof envelope.chatId !== 'string' || typeof envelope.secureKey !== 'string') {
      return { ok: false, failure: withoutSecureKey({ ...envelope }), verdict: envelope.statusCode === 1 ? 'serverBusy' : 'refused' };
    }
    const id = { chatId: envelope.chatId, secureKey: envelope.secureKey, userId: String(envelope.userId ?? ''), alias: String(envelope.alias ?? '') };
    keys.saveSession(id, platform.now());
    const messages = gmsMessagesOf(envelope);
    const batch: RawBatch | undefined = messages.length > 0 ? gmsBatch(messages, false, envelope.idleTimerExpire) : undefined;
    const highest = batch ? highestKey(batch, 0) : 0;
    if (batch) keys.saveIndex(highest + 1);
    const session = createGmsCometdSession(context, link, id, { highestIndex: highest, lowestIndex: 1 });
    async?.write(session.sessionData() as never, highest + 1);
    return { ok: true, verdict: 'ok', body: { response: { ...envelope }, session, ...(batch ? { batch } : {}) } };
  }
}
