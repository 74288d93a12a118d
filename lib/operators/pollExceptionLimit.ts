import { defer, mergeMap } from 'rxjs';
import type { OperatorFunction } from 'rxjs';
import type { Verdict } from '../model/receive';

/** The GMS poll health events, named as the service publishes them (`contract.md` §13.1). */
export type PollHealthEvent = 'connectionPending' | 'chatServerWentOffline' | 'chatServerBackOnline' | 'connectionRestored';

/** What {@link pollExceptionLimit} reads: poll verdicts, and `'reset'` for `resetPollExceptions`. */
export type PollExceptionInput = Verdict | 'reset';

/**
 * Emits the GMS poll health events from the stream of poll verdicts (`contract.md` §13.1).
 *
 * A GMS server in trouble answers `200` with `statusCode: 1`, so this counts verdicts (per
 * subscription), not a `retry`: `'serverBusy'` counts an exception — the first one emits `connectionPending`, the
 * one that passes `limit` emits `chatServerWentOffline` (once per episode, product rule §15.5;
 * the shipped client repeated it every `limit + 1`). `'ok'` ends the episode:
 * `chatServerBackOnline` then `connectionRestored` when offline was announced, else
 * `connectionRestored` when any exception was counted. `'reset'` (`resetPollExceptions`) clears
 * silently. Other verdicts are not poll exceptions (§13.1: network failures go to
 * {@link connectionHealth}, HTTP errors to the backoff) and change nothing.
 *
 * ```
 * verdicts: -b-b-b-b-b-b-b-o-o-     limit 5; b 'serverBusy', o 'ok'
 * events:   -P---------W---(BR)     P connectionPending, W chatServerWentOffline,
 *                                   B chatServerBackOnline, R connectionRestored
 * ```
 *
 * @example
 * verdict$.pipe(pollExceptionLimit(config.pollExceptionLimit)).subscribe((event) => publish(event));
 *
 * @param limit `pollExceptionLimit` (5): exceptions tolerated before the server counts as offline.
 */
export function pollExceptionLimit(limit: number): OperatorFunction<PollExceptionInput, PollHealthEvent> {
  return (verdict$) =>
    defer(() => {
      /** Consecutive `statusCode: 1` replies. */
      let exceptions = 0;
      /** `chatServerWentOffline` was published for this episode. */
      let offline = false;
      return verdict$.pipe(
        mergeMap((input): PollHealthEvent[] => {
          const events: PollHealthEvent[] = [];
          if (input === 'serverBusy') {
            exceptions += 1;
            if (exceptions === 1) events.push('connectionPending');
            if (exceptions > limit && !offline) {
              offline = true;
              events.push('chatServerWentOffline');
            }
          } else if (input === 'ok' || input === 'reset') {
            if (input === 'ok' && offline) events.push('chatServerBackOnline');
            if (input === 'ok' && exceptions > 0) events.push('connectionRestored');
            exceptions = 0;
            offline = false;
          }
          return events;
        }),
      );
    });
}
