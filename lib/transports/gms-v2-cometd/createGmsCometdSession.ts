import { Observable, Subject, Subscription, defer, map, of, take, tap } from 'rxjs';
import type { ResolvedConfig } from '../../model/config';
import type { GmsSessionData } from '../../model/results';
import { typingResend } from '../../operators/typingResend';
import type { Platform } from '../../platform/platform';
import { downloadedFile } from '../gms-v2/downloadedFile';
import type { GmsCaller } from '../gms-v2/gmsCall';
import type { GmsKeys } from '../gms-v2/gmsKeys';
import { gmsMessagesOf } from '../gms-v2/gmsMessagesOf';
import { gmsTranscript } from '../gms-v2/gmsTranscript';
import type { GmsEnvelope, GmsIdentity } from '../gms-v2/gmsWire';
import { withFileLimits } from '../gms-v2/parseFileLimits';
import { withoutSecureKey } from '../gms-v2/withoutSecureKey';
import type { Outcome, ReceiveSignal, TransportSession } from '../transport';
import { classifyGmsCometdResponse } from './classifyGmsCometdResponse';
import type { GmsCometdSettings } from './gmsCometdConfig';
import type { GmsCometdAsync } from './gmsCometdKeys';
import { publishAnswered } from './gmsCometdLink';
import type { GmsCometdLink } from './gmsCometdLink';
import { gmsCometdReceive } from './gmsCometdReceive';
import type { GmsCometdRequests } from './gmsCometdRequests';
import { gmsCometdHistory } from './gmsCometdHistory';

/** What every CometD session of one transport shares. */
export interface GmsCometdContext {
  config: ResolvedConfig;
  platform: Platform;
  settings: GmsCometdSettings;
  requests: GmsCometdRequests;
  keys: GmsKeys;
  /** The file API's calls (`chat-ntf`), reported as `ajaxResponse` like every REST answer. */
  call: GmsCaller;
  /** Async mode's callbacks (§14.5), when `async.enabled`. */
  async?: GmsCometdAsync;
}

/** Pushes held back while an earlier index is missing, before the gap is taken as the server's. */
const maxHeldPushes = 20;

/** `startTyping` is sent again on this tick while the preview changes (`contract.md` §7 CometD). */
export const typingResendMs = 5000;

/**
 * One GMS chat over CometD (`wire-gms-v2.md` §11): commands are publishes on the channel, results
 * and notifications arrive as pushed envelopes that go through the GMS transcript cursor (dedupe by
 * index, `…index` persisted), `chatEnded: true` in any push ends the session. Files go over HTTP
 * to `cometD.apiURL`. The connection is the session's: it closes when receiving stops.
 *
 * @example
 * const session = createGmsCometdSession(context, link, id, { highestIndex: 1, lowestIndex: 1 });
 *
 * @param context The transport's shared parts.
 * @param link The chat's connection (already attached).
 * @param id The chat's identity.
 * @param options The highest and lowest transcript index delivered so far.
 */
export function createGmsCometdSession(context: GmsCometdContext, link: GmsCometdLink, id: GmsIdentity, options: { highestIndex: number; lowestIndex: number }): TransportSession {
  const { platform, requests, keys, call, async } = context;
  const signals$ = new Subject<ReceiveSignal>();
  const transcript = gmsTranscript(keys, (batch) => signals$.next({ type: 'batch', batch }), { replayOnFirstPoll: false, highestIndex: options.highestIndex });
  const history = gmsCometdHistory(context, link, id, options.lowestIndex);
  const preview$ = new Subject<string>();
  let resend = new Subscription();
  let ended = false;
  const sessionData = (): GmsSessionData => ({ secureKey: id.secureKey, sessionID: id.chatId, sessionId: id.chatId, alias: id.alias, userId: id.userId });

  /** `chatEnded: true` in any push ends the session; statusCode 2 with errors publishes `error` first (§8.1, §9). */
  const checkEnded = (envelope: GmsEnvelope): void => {
    if (ended || envelope.chatEnded !== true) return;
    ended = true;
    const errors = Array.isArray(envelope.errors) ? envelope.errors : [];
    const error = envelope.statusCode === 2 && errors.length > 0 ? withoutSecureKey({ ...envelope }) : undefined;
    signals$.next({ type: 'ended', ...(error ? { error: error as Record<string, unknown> } : {}) });
  };
  const publish = (operation: string, params: Record<string, unknown> = {}, answers?: (envelope: GmsEnvelope) => boolean, unanswered?: Parameters<typeof publishAnswered>[4]): Observable<Outcome> =>
    publishAnswered(link, requests.operation(id, operation, params), context, answers, unanswered);
  /**
   * No push held the customer's message in two `ajaxTimeout`s (long enough for a re-attach's
   * `requestNotifications` to bring it): a drop may have taken the message or its failure push, so
   * the send is not resolved on the Bayeux reply; its fate is unknown, and it is never sent again.
   */
  const fateUnknown = { wait: 2 * context.config.ajaxTimeout, outcome: { ok: false as const, verdict: 'networkDown' as const, failure: { status: 0, statusText: 'timeout', errorReason: 'MessageDeliveryUnknown' } } };
  /**
   * A send (`sendMessage`, `customNotice`): while the connection is lost it is not published at all,
   * so the server certainly does not have it: `MessageNotDelivered`, which the outbox sends again once
   * the connection is back (the loss reaches the outbox a tick after the link knows it).
   */
  const publishSend = (operation: string, params: Record<string, unknown>, answers?: (envelope: GmsEnvelope) => boolean, unanswered?: Parameters<typeof publishAnswered>[4]): Observable<Outcome> =>
    defer(() => (link.attached ? publish(operation, params, answers, unanswered) : of<Outcome>({ ok: false, verdict: 'networkDown', failure: { status: 0, statusText: 'error', errorReason: 'MessageNotDelivered' } })));
  /** A push that skips indexes (an earlier one is late): ask from the next position instead; its answer brings both in order. */
  let held = { next: 0, pushes: 0 };
  const gapBefore = (envelope: GmsEnvelope): boolean => {
    const next = transcript.next();
    const fresh = gmsMessagesOf(envelope).flatMap((m) => (typeof m.index === 'number' && m.index >= next ? [m.index] : []));
    // A server that really lacks an index is believed after a few pushes: the chat must go on.
    if (fresh.length === 0 || Math.min(...fresh) === next || (held.next === next && held.pushes >= maxHeldPushes)) return false;
    if (held.next !== next) {
      held = { next, pushes: 0 };
      publish('requestNotifications', { transcriptPosition: next }).subscribe();
    }
    held.pushes += 1;
    return true;
  };
  const stopResend = () => {
    resend.unsubscribe();
    resend = new Subscription();
  };

  return {
    sessionData,
    receive: (control$) =>
      gmsCometdReceive(control$, {
        events$: link.events$,
        signals$,
        push: (envelope) => {
          const outcome = classifyGmsCometdResponse({ push: envelope }, platform.now());
          if (history.claims(envelope)) return outcome.verdict;
          if (outcome.ok && gapBefore(envelope)) return outcome.verdict;
          if (outcome.ok || outcome.verdict === 'ended') {
            keys.savePing(platform.now());
            transcript.absorb(envelope);
            async?.write(sessionData(), transcript.next());
          }
          checkEnded(envelope);
          return outcome.verdict;
        },
        reattached: () => publish('requestNotifications', { transcriptPosition: transcript.next() }).subscribe(),
        wake: () => publish('customNotice', { message: '', eventAttributes: JSON.stringify({ purpose: 'cancel-idle-timer' }) }).subscribe(),
        close: () => {
          stopResend();
          link.close();
        },
      }),
    // §7 CometD: the preview is not sent on its own; `startTyping` carries it again while it changes.
    preview: (text) => preview$.next(text),
    sendMessage: (message) => {
      const params: Record<string, unknown> = { message: message.message, messageType: message.type ?? 'text' };
      if (message.parentMessageID) params.eventAttributes = JSON.stringify({ 'general-properties': { 'related-event-id': message.parentMessageID } });
      const own = (envelope: GmsEnvelope) => gmsMessagesOf(envelope).some((m) => m.type === 'Message' && m.from?.type === 'Client' && m.text === message.message);
      return publishSend('sendMessage', params, own, fateUnknown);
    },
    typing: (isTyping, text) => {
      stopResend();
      if (isTyping) resend.add(preview$.pipe(typingResend(typingResendMs, text, platform.scheduler)).subscribe((changed) => publish('startTyping', { message: changed }).subscribe()));
      return publish(isTyping ? 'startTyping' : 'stopTyping', { message: text });
    },
    // The customer ended it: no `error` even if a later push carries errors.
    end: () =>
      publish('disconnect').pipe(
        tap(() => {
          ended = true;
          stopResend();
        }),
      ),
    sendCustomNotice: (message, eventAttributes) => publishSend('customNotice', { message, ...(eventAttributes ? { eventAttributes: JSON.stringify(eventAttributes) } : {}) }),
    updateUserData: (userData) => publish('updateData', { userData }),
    // §6.11: limits-response messages never enter the message pipeline.
    getFileLimits: () => call(requests.file(id, 'fileGetLimits')).pipe(map(withFileLimits)),
    sendFile: (file, fileName) => call(requests.file(id, 'fileUpload', { file, fileName })),
    downloadFile: (fileId, fileName) => platform.http(requests.file(id, 'fileDownload', { fileId })).pipe(take(1), map((response) => downloadedFile(response, fileId, fileName))),
    ...(context.settings.asyncEnabled ? { fetchHistory: history.fetch } : {}),
    forget: () => {
      keys.clear();
      async?.clear();
    },
  };
}
