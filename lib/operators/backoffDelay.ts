/** The backoff base and ceiling (`contract.md` §13.4). */
export interface BackoffDelayConfig {
  /** The transport's normal gap: gms the current gap, v3 `pollTimeout`, cloud `socketReconnectInterval`. */
  base: number;
  /** `backoffMax` (default 30000). */
  max: number;
}

/**
 * The wait in ms before retry number `attempt` (`contract.md` §13.4): with
 * `d = min(max, base × 2^(attempt − 1))`, a delay drawn uniformly from `[d/2, d]`, raised to
 * `retryAfterMs` when the server sent `Retry-After`.
 *
 * The jitter keeps many pages that lost the same server from coming back in lockstep.
 *
 * @example
 * backoffDelay(3, { base: 2000, max: 30000 }, () => 1); // 8000
 * backoffDelay(3, { base: 2000, max: 30000 }, () => 0); // 4000
 *
 * @param attempt Consecutive failures so far, from 1 (smaller values count as 1).
 * @param config `base` and `max`.
 * @param random A source of numbers in `[0, 1)` (the platform's `random`, fixed in tests).
 * @param retryAfterMs What the server's `Retry-After` asks for, if it sent one.
 */
export function backoffDelay(attempt: number, config: BackoffDelayConfig, random: () => number, retryAfterMs?: number): number {
  const ceiling = Math.min(config.max, config.base * 2 ** (Math.max(1, attempt) - 1));
  const delay = ceiling / 2 + random() * (ceiling / 2);
  return retryAfterMs === undefined ? delay : Math.max(delay, retryAfterMs);
}
