import { mergeMap, scan } from 'rxjs';
import type { OperatorFunction } from 'rxjs';
import type { Verdict } from '../transports/transport';

/** The GMS poll health events, named as the service publishes them (`contract.md` §13.1). */
export type PollHealthEvent = 'connectionPending' | 'chatServerWentOffline' | 'chatServerBackOnline' | 'connectionRestored';

/** What {@link pollExceptionLimit} reads: poll verdicts, and `'reset'` for `resetPollExceptions`. */
export type PollExceptionInput = Verdict | 'reset';

interface PollExceptionState {
  /** Consecutive `statusCode: 1` replies. */
  exceptions: number;
  /** `chatServerWentOffline` was published for this episode. */
  offline: boolean;
  events: PollHealthEvent[];
}

/**
 * Emits the GMS poll health events from the stream of poll verdicts (`contract.md` §13.1).
 *
 * A GMS server in trouble answers `200` with `statusCode: 1`, so this is a `scan` over verdicts,
 * not a `retry`: `'serverBusy'` counts an exception — the first one emits `connectionPending`, the
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
    verdict$.pipe(
      scan((state: PollExceptionState, input: PollExceptionInput) => nextPollExceptionState(state, input, limit), {
        exceptions: 0,
        offline: false,
        events: [],
      }),
      mergeMap((state) => state.events),
    );
}

function nextPollExceptionState(state: PollExceptionState, input: PollExceptionInput, limit: number): PollExceptionState {
  switch (input) {
    case 'serverBusy': {
      const exceptions = state.exceptions + 1;
      const events: PollHealthEvent[] = exceptions === 1 ? ['connectionPending'] : [];
      const goesOffline = exceptions > limit && !state.offline;
      if (goesOffline) events.push('chatServerWentOffline');
      return { exceptions, offline: state.offline || goesOffline, events };
    }
    case 'ok': {
      const events: PollHealthEvent[] = state.offline
        ? ['chatServerBackOnline', 'connectionRestored']
        : state.exceptions > 0
          ? ['connectionRestored']
          : [];
      return { exceptions: 0, offline: false, events };
    }
    case 'reset':
      return { exceptions: 0, offline: false, events: [] };
    default:
      return { ...state, events: [] };
  }
}
