import { Observable, concatMap, of, take, timer, type SchedulerLike } from 'rxjs';
import { backoffDelay, type BackoffDelayConfig } from '../../operators/backoffDelay';
import type { Outcome } from '../transport';
import { gmsMessagesOf } from './gmsMessagesOf';
import type { GmsEnvelope, GmsMessage } from './gmsWire';

/** A send that failed without a GMS answer: the server may or may not have the message. */
export type UnknownDelivery = Extract<Outcome<GmsEnvelope>, { ok: false }>;

export interface VerifyDeliveryOptions {
  /** The text that was sent. */
  text: string;
  /** The first transcript position the message can have (it was sent after everything before it). */
  from: number;
  /**
   * One `refresh` from at most `from`; its messages also go through the pipeline like every poll's,
   * so it must not start past what was delivered (a gap would publish later messages first).
   */
  refresh: (atMost: number) => Observable<Outcome<GmsEnvelope>>;
  /** How many reads of the transcript to try before giving up. */
  attempts: number;
  /** A wait before the first read: a request that timed out may still be on its way to the server. */
  firstReadAfter?: number;
  backoff: BackoffDelayConfig;
  random: () => number;
  scheduler: SchedulerLike;
}

/**
 * Settles a `sendMessage` whose request failed without a GMS answer (network failure, timeout, 5xx,
 * a WAF page, a garbled body) by reading the transcript (`contract.md` §6.4, §13.4: "a send only
 * where delivery can be verified"). The send is never repeated, so the message can never be in
 * the transcript twice; the transcript says whether it arrived.
 *
 * Emits one outcome, then completes:
 * - the customer's message is in the transcript at `from` or later ⇒ `ok` with the refresh's envelope;
 * - it is not ⇒ the send's failure with `errorReason: 'MessageNotDelivered'` (safe to send again);
 * - the transcript could not be read `attempts` times ⇒ the failure with `errorReason: 'MessageDeliveryUnknown'`.
 *
 * ```
 * refresh:  --x--------x------ok(found)|      x = the read failed: back off, read again
 * result:   -----------------ok|
 * ```
 *
 * A server may still act on a request the client gave up on (a slow proxy): after a timeout the first
 * read waits `firstReadAfter`, and even so `MessageNotDelivered` says what the transcript held when it
 * was read. A message that lands later shows up once in `messageReceived`, as the agent sees it.
 *
 * @example
 * session.send(text).pipe(concatMap((o) => (o.ok || knownRefusal(o) ? of(o) : verifyDelivery(o, { text, from, refresh, attempts: 3, backoff, random, scheduler }))));
 *
 * @param failed The send's failure.
 * @param options The text, the lowest position, how to read the transcript, and the retry budget.
 */
export function verifyDelivery(failed: UnknownDelivery, options: VerifyDeliveryOptions): Observable<Outcome<GmsEnvelope>> {
  const give = (errorReason: string): Outcome<GmsEnvelope> => ({ ...failed, failure: { ...failed.failure, errorReason } });
  const read = (attempt: number): Observable<Outcome<GmsEnvelope>> =>
    options.refresh(options.from).pipe(
      take(1),
      concatMap((outcome) => {
        if (outcome.ok) {
          const found = gmsMessagesOf(outcome.body).some((message) => isOwnMessage(message, options.text, options.from));
          return of(found ? outcome : give('MessageNotDelivered'));
        }
        if (attempt >= options.attempts) return of(give('MessageDeliveryUnknown'));
        const wait = backoffDelay(attempt, options.backoff, options.random, outcome.retryAfterMs);
        return timer(wait, options.scheduler).pipe(concatMap(() => read(attempt + 1)));
      }),
    );
  return options.firstReadAfter ? timer(options.firstReadAfter, options.scheduler).pipe(concatMap(() => read(1))) : read(1);
}

function isOwnMessage(message: GmsMessage, text: string, from: number): boolean {
  return (
    message.type === 'Message' &&
    message.from?.type === 'Client' &&
    message.text === text &&
    typeof message.index === 'number' &&
    message.index >= from
  );
}
