import { Observable, concatMap, of, take, timer, type SchedulerLike } from 'rxjs';
import { backoffDelay, type BackoffDelayConfig } from '../../operators/backoffDelay';
import type { Outcome } from '../transport';

/** A send that failed without an answer from the chat server: the server may or may not have the message. */
export type UnknownDelivery = Extract<Outcome, { ok: false }>;

export interface SettleDeliveryOptions<T> {
  /**
   * One read of the transcript, starting no later than the send; its messages go through the
   * pipeline like a poll's (so they are neither lost nor published twice).
   */
  read: () => Observable<Outcome<T>>;
  /** Whether a read holds the customer's sent message. */
  found: (body: T) => boolean;
  /** How many reads of the transcript to try before giving up. */
  attempts: number;
  /** A wait before the first read: a request that timed out may still be on its way to the server. */
  firstReadAfter?: number;
  /** The wait between failed reads (unused when `attempts` is 1: a read that retries on its own). */
  backoff?: BackoffDelayConfig;
  random?: () => number;
  scheduler: SchedulerLike;
}

/**
 * The wait before the first read of a send that failed with `failure`: `ajaxTimeout` after a
 * timeout (the request may still be on its way to the server), else none.
 *
 * @example
 * settleDelivery(failed, { ..., firstReadAfter: firstReadAfter(failed.failure, config.ajaxTimeout) })
 */
export function firstReadAfter(failure: object, ajaxTimeout: number): number {
  return 'statusText' in failure && failure.statusText === 'timeout' ? ajaxTimeout : 0;
}

/**
 * Settles a `sendMessage` whose request failed without an answer from the chat server (network
 * failure, timeout, 5xx, a WAF page, a garbled body) by reading the transcript (`contract.md` §6.4,
 * §13.4: "a send only where delivery can be verified"). The send is never repeated, so the message
 * can never be in the transcript twice; the transcript says whether it arrived.
 *
 * Emits one outcome, then completes:
 * - a read holds the message ⇒ `ok` with that read's body;
 * - a read does not ⇒ the send's failure with `errorReason: 'MessageNotDelivered'` (safe to send again);
 * - the transcript could not be read `attempts` times ⇒ the failure with `errorReason: 'MessageDeliveryUnknown'`.
 *
 * ```
 * read:     --x--------x------ok(found)|      x = the read failed: back off, read again
 * result:   -----------------ok|
 * ```
 *
 * A server may still act on a request the client gave up on (a slow proxy): after a timeout the first
 * read waits `firstReadAfter`, and even so `MessageNotDelivered` says what the transcript held when it
 * was read. A message that lands later shows up once in `messageReceived`, as the agent sees it.
 *
 * @example
 * send(text).pipe(concatMap((o) => (o.ok || answered(o) ? of(o) : settleDelivery(o, { read, found, attempts: 3, backoff, random, scheduler }))));
 *
 * @param failed The send's failure.
 * @param options How to read the transcript and recognise the message, and the retry budget.
 */
export function settleDelivery<T>(failed: UnknownDelivery, options: SettleDeliveryOptions<T>): Observable<Outcome<T>> {
  const give = (errorReason: string): Outcome<T> => ({ ...failed, failure: { ...failed.failure, errorReason } });
  const read = (attempt: number): Observable<Outcome<T>> =>
    options.read().pipe(
      take(1),
      concatMap((outcome) => {
        if (outcome.ok) return of(options.found(outcome.body) ? outcome : give('MessageNotDelivered'));
        if (attempt >= options.attempts) return of(give('MessageDeliveryUnknown'));
        const wait = backoffDelay(attempt, options.backoff ?? { base: 0, max: 0 }, options.random ?? (() => 0), outcome.retryAfterMs);
        return timer(wait, options.scheduler).pipe(concatMap(() => read(attempt + 1)));
      }),
    );
  return options.firstReadAfter ? timer(options.firstReadAfter, options.scheduler).pipe(concatMap(() => read(1))) : read(1);
}
