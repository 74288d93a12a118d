import { cappedGrowth } from './cappedGrowth';

/** The Nexus poll keys (`contract.md` §2.2) and the backoff ceiling. */
export interface NexusPollDelayConfig {
  /** `transport.pollTimeout` (3000): the gap from the end of one poll to the start of the next. */
  pollTimeout: number;
  /** `transport.pollIntervalMultiplier` (1.2): the slow-down per consecutive failed poll. */
  pollIntervalMultiplier: number;
  /** The ceiling (`backoffMax`, 30000). */
  max: number;
}

/**
 * The wait in ms from the end of one Nexus poll to the start of the next (`contract.md` §11.2):
 * `pollTimeout`, times `pollIntervalMultiplier` per consecutive failed poll (compounding, capped at
 * `max`), raised to `retryAfterMs` when the server sent `Retry-After`.
 *
 * The caller decides what counts: a 429 is not a failure (its `Retry-After` is honoured through
 * `retryAfterMs`), and a success resets `consecutiveFailures` to 0 — the shipped nextgen client's
 * behaviour, kept instead of the jittered backoff of §13.4.
 *
 * @example
 * nexusPollDelay(0, { pollTimeout: 3000, pollIntervalMultiplier: 1.2, max: 30000 });       // 3000
 * nexusPollDelay(2, { pollTimeout: 3000, pollIntervalMultiplier: 1.2, max: 30000 });       // 4320
 * nexusPollDelay(0, { pollTimeout: 3000, pollIntervalMultiplier: 1.2, max: 30000 }, 5000); // 5000
 *
 * @param consecutiveFailures Failed polls in a row (0 after a success).
 * @param config `pollTimeout`, `pollIntervalMultiplier` and `max`.
 * @param retryAfterMs What the server's `Retry-After` asks for, if it sent one.
 */
export function nexusPollDelay(consecutiveFailures: number, config: NexusPollDelayConfig, retryAfterMs?: number): number {
  const delay = cappedGrowth(config.pollTimeout, config.pollIntervalMultiplier, consecutiveFailures, config.max);
  return retryAfterMs === undefined ? delay : Math.max(delay, retryAfterMs);
}
