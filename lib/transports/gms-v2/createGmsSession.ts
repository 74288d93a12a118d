import { Observable, Subject, concatMap, defer, map, merge, of, take, tap } from 'rxjs';
import type { ResolvedConfig } from '../../model/config';
import type { GmsSessionData } from '../../model/results';
import type { FormField, HttpRequest, Platform } from '../../platform/platform';
import { firstReadAfter } from '../shared/settleDelivery';
import type { Outcome, ReceiveSignal, TransportSession } from '../transport';
import { isEnvelope } from './classifyGmsResponse';
import { downloadedFile } from './downloadedFile';
import type { GmsCaller } from './gmsCall';
import { userDataFields } from './gmsForm';
import type { GmsKeys } from './gmsKeys';
import { gmsReceive } from './gmsReceive';
import type { GmsRequests } from './gmsRequests';
import { gmsTranscript } from './gmsTranscript';
import type { GmsEnvelope, GmsIdentity } from './gmsWire';
import { withFileLimits } from './parseFileLimits';
import { verifyDelivery } from './verifyDelivery';
import { withoutSecureKey } from './withoutSecureKey';

/** What every GMS session of one transport shares. */
export interface GmsSessionContext {
  config: ResolvedConfig;
  platform: Platform;
  call: GmsCaller;
  requests: GmsRequests;
  keys: GmsKeys;
  /** Each answered request's verdict as a `response` signal (the transport's health, `answeredResponses`). */
  answered$: Observable<ReceiveSignal>;
}

const deliveryChecks = 3; // Reads of the transcript to settle a send whose outcome is unknown (§6.4).

/** A failure the server answered with a GMS envelope: it did not take the request (`wire-gms-v2.md` §8). */
const answeredByGms = (failure: object): boolean => 'statusCode' in failure || isEnvelope((failure as { responseJSON?: unknown }).responseJSON);

/**
 * One GMS chat (`wire-gms-v2.md` §5–§11): the poll loop, the command requests and the batches their
 * answers carry. Messages of any answer go through the pipeline and move the cursor (`…index`);
 * `chatEnded: true` in any answer ends the session (statusCode 2 with errors publishes `error` first).
 *
 * @example
 * const session = createGmsSession(context, id, { replayOnFirstPoll: false, highestIndex: 0 });
 *
 * @param context The transport's shared parts.
 * @param id The chat's identity.
 * @param options `replayOnFirstPoll` after `restoredOffline` (§14.3); `highestIndex` delivered so far.
 */
export function createGmsSession(context: GmsSessionContext, id: GmsIdentity, options: { replayOnFirstPoll: boolean; highestIndex: number }): TransportSession {
  const { config, platform, call, requests, keys } = context;
  const signals$ = new Subject<ReceiveSignal>();
  /** Sends and uploads take the poll cadence back to `pollRateMin` (§11.1). */
  const cadenceReset$ = new Subject<void>();
  const transcript = gmsTranscript(keys, (batch) => signals$.next({ type: 'batch', batch }), options);
  let preview = '';
  let ended = false;

  /** `chatEnded: true` in any response ends the session; statusCode 2 with errors publishes `error` first (§8.1, §9). */
  const checkEnded = (outcome: Outcome<GmsEnvelope>): void => {
    const envelope = (outcome.ok ? outcome.body : (outcome.failure as { responseJSON?: unknown }).responseJSON ?? outcome.failure) as GmsEnvelope;
    if (ended || envelope?.chatEnded !== true) return;
    ended = true;
    const errors = envelope.errors ?? [];
    const error = envelope.statusCode === 2 && errors.length > 0 ? withoutSecureKey({ ...envelope }) : undefined;
    signals$.next({ type: 'ended', ...(error ? { error: error as Record<string, unknown> } : {}) });
  };

  const send = (request: HttpRequest, refresh = false, onOk = (body: GmsEnvelope) => transcript.absorb(body)) =>
    call(request, { refresh }).pipe(
      tap((outcome) => {
        if (outcome.ok) onOk(outcome.body);
        checkEnded(outcome);
      }),
    );
  const command = (op: string, fields: FormField[] = []) => send(requests.command(id, op, fields));

  /** A poll: its health first; a good one stamps the ping, and carries the replay when one is pending. */
  const refresh = (): Observable<Outcome<GmsEnvelope>> =>
    defer(() => {
      const replay = transcript.replayPending();
      return call(requests.refresh(id, replay ? 1 : transcript.next(), preview), { refresh: true }).pipe(
        tap((outcome) => {
          signals$.next({ type: 'health', verdict: outcome.verdict });
          if (outcome.ok) {
            keys.savePing(platform.now());
            transcript.absorb(outcome.body, replay);
          }
          checkEnded(outcome);
        }),
      );
    });

  /** A read for {@link verifyDelivery}: delivered like a poll's, so it starts no later than the next undelivered position (§7). */
  const readFrom = (atMost: number) => defer(() => send(requests.refresh(id, Math.min(atMost, transcript.next()), preview), true));

  const sendMessage: TransportSession['sendMessage'] = (message) =>
    defer(() => {
      const fields: FormField[] = [['message', message.message], ['messageType', message.type ?? 'text']];
      if (message.parentMessageID) fields.push(['eventAttributes', JSON.stringify({ 'general-properties': { 'related-event-id': message.parentMessageID } })]);
      // Sends are one at a time (the send lane): nothing this customer sent later can be before `from`.
      const from = transcript.sendFrom();
      // Only a text send comes back as a customer `Message` to match (§6.4).
      const own = (message.type ?? 'text') === 'text' ? transcript.startSend(message.message) : undefined;
      return command('send', fields).pipe(
        concatMap((outcome) =>
          // §6.4: never sent twice; when GMS gave no answer, the transcript tells whether it arrived.
          outcome.ok || answeredByGms(outcome.failure)
            ? of(outcome)
            : verifyDelivery(outcome, {
                text: message.message,
                own,
                from,
                refresh: readFrom,
                attempts: deliveryChecks,
                firstReadAfter: firstReadAfter(outcome.failure, config.ajaxTimeout),
                backoff: { base: config.pollRateMin, max: config.backoffMax },
                random: platform.random,
                scheduler: platform.scheduler,
              }),
        ),
        tap((outcome) => {
          own?.settle(outcome.ok);
          cadenceReset$.next();
        }),
      );
    });

  return {
    sessionData: (): GmsSessionData => ({ secureKey: id.secureKey, sessionID: id.chatId, sessionId: id.chatId, alias: id.alias, userId: id.userId }),
    receive: (control$) =>
      gmsReceive(control$, {
        config,
        platform,
        refresh,
        signals$: merge(signals$, context.answered$),
        cadenceReset$,
        wake: () => command('customNotice', [['message', ''], ['eventAttributes', JSON.stringify({ purpose: 'cancel-idle-timer' })]]).subscribe(),
      }),
    sendMessage,
    preview: (text) => (preview = text),
    typing: (isTyping, text) => command(isTyping ? 'startTyping' : 'stopTyping', [['message', text], ['transcriptPosition', String(transcript.next())]]),
    // The customer ended it: no `error` even if the reply carries errors.
    end: () =>
      call(requests.command(id, 'disconnect')).pipe(
        tap((outcome) => {
          if (outcome.ok) transcript.absorb(outcome.body);
          ended = true;
        }),
      ),
    sendCustomNotice: (message, eventAttributes) =>
      command('customNotice', [['message', message], ...(eventAttributes ? ([['eventAttributes', JSON.stringify(eventAttributes)]] as FormField[]) : [])]),
    updateUserData: (userData) => command('updateData', userDataFields(userData)),
    // §6.11: limits-response messages never enter the message pipeline.
    getFileLimits: () => call(requests.command(id, 'file/limits')).pipe(map(withFileLimits)),
    sendFile: (file, fileName) => send(requests.upload(id, file, fileName)).pipe(tap((outcome) => outcome.ok && cadenceReset$.next())),
    downloadFile: (fileId, fileName) => platform.http(requests.download(id, fileId)).pipe(take(1), map((response) => downloadedFile(response, fileId, fileName))),
    forget: () => keys.clear(),
  };
}
