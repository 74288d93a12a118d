import { asyncScheduler, map, timer } from 'rxjs';
import type { OperatorFunction, SchedulerLike } from 'rxjs';
import { switchMapUntilComplete } from './switchMapUntilComplete';

/**
 * Emits `'expired'` once when `intervalMs` pass without a source value, then stays quiet until
 * the next value re-arms it (`contract.md` §13.3: every heartbeat frame and every frame with
 * `metadata` re-arms `socketHeartbeatTrackerInterval`, 14000). It arms on the first value only:
 * prepend one (`startWith`) to watch from the socket's `open`. A source that completes takes the
 * armed watchdog with it.
 *
 * ```
 * frames:  -a--b-------------c--|      intervalMs = 5
 * result:  ---------x----------------  (x = 'expired', 5 frames after b; c re-arms; the
 *                                       completion 3 frames later drops that watch)
 * ```
 *
 * @example
 * frame$.pipe(heartbeatWatchdog(config.transport.socketHeartbeatTrackerInterval, platform.scheduler))
 *   .subscribe(() => closeAndReconnect());
 *
 * @param intervalMs How much silence means the connection is dead.
 * @param scheduler Where the watchdog's timer runs.
 */
export function heartbeatWatchdog(intervalMs: number, scheduler: SchedulerLike = asyncScheduler): OperatorFunction<unknown, 'expired'> {
  return switchMapUntilComplete(() => timer(intervalMs, scheduler).pipe(map(() => 'expired' as const)));
}
