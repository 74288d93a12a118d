import { asyncScheduler, retry, timer } from 'rxjs';
import type { MonoTypeOperatorFunction, SchedulerLike } from 'rxjs';
import { backoffDelay } from './backoffDelay';

/** How {@link backoff} waits between resubscriptions (`contract.md` §13.4). */
export interface BackoffConfig {
  /** The first delay's ceiling (cloud: `socketReconnectInterval`, 2000). */
  base: number;
  /** The ceiling of every delay (`backoffMax`, 30000). */
  max: number;
  /** A source of numbers in `[0, 1)` for the jitter; default `Math.random` (pass the platform's). */
  random?: () => number;
  /** What the error asks to wait (a `Retry-After`), if anything. */
  retryAfterMs?: (error: unknown) => number | undefined;
  /** Consecutive failures after which the error goes through; default: retry forever. */
  maxAttempts?: number;
  scheduler?: SchedulerLike;
}

/**
 * Resubscribes to an erroring source after {@link backoffDelay}`(n, …)`, n = consecutive failures
 * (1 for the first); any value the source emits resets n. Values pass through untouched. Used
 * for the cloud socket reconnect (`contract.md` §13.3), where the shipped client reconnected at
 * once and in lockstep.
 *
 * ```
 * source:  -#                      every subscription fails after 1 frame
 * config:  { base: 2, max: 5, random: () => 1 }
 * subs:    ^!                      fails at 1, waits 2
 *          ---^!                   fails at 4, waits 4
 *          --------^!              fails at 9, waits min(8, 5) = 5
 *          --------------^!
 * ```
 *
 * @example
 * socket$.pipe(backoff({ base: config.transport.socketReconnectInterval, max: config.backoffMax,
 *   random: platform.random, scheduler: platform.scheduler }));
 *
 * @param config `base`, `max` and the optional jitter source, Retry-After reader, attempt limit and scheduler.
 */
export function backoff<T>(config: BackoffConfig): MonoTypeOperatorFunction<T> {
  const { random = Math.random, scheduler = asyncScheduler, maxAttempts = Infinity } = config;
  return retry<T>({
    count: maxAttempts,
    // `retryCount` counts consecutive failures: `resetOnSuccess` sets it back on any value.
    resetOnSuccess: true,
    delay: (error: unknown, retryCount: number) => timer(backoffDelay(retryCount, config, random, config.retryAfterMs?.(error)), scheduler),
  });
}
