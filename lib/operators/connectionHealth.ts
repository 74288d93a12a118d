import { filter, map, scan } from 'rxjs';
import type { OperatorFunction } from 'rxjs';
import type { Verdict } from '../transports/transport';

/** What {@link connectionHealth} emits: the service publishes them under these names. */
export type ConnectionHealthEvent = 'disconnected' | 'reconnected';

/**
 * Emits `'disconnected'` on the first `'networkDown'` verdict of an episode and `'reconnected'` on
 * the next `'ok'` (`contract.md` §13.2). `'reconnected'` only ever follows `'disconnected'`: the
 * seed forbids the shipped client's `reconnected` after a mere back-online (§16). Other verdicts
 * (`serverBusy`, `serverError`, …) neither open nor close an episode.
 *
 * ```
 * verdicts: -o-n-n-e-o-o-n-o-     o 'ok', n 'networkDown', e 'serverError'
 * events:   ---d-----r---d-r-     d disconnected, r reconnected
 * ```
 *
 * @example
 * health$.pipe(connectionHealth()).subscribe((event) => publish(event));
 */
export function connectionHealth(): OperatorFunction<Verdict, ConnectionHealthEvent> {
  return (verdict$) =>
    verdict$.pipe(
      scan(
        (state: { down: boolean; event?: ConnectionHealthEvent }, verdict: Verdict) => {
          if (verdict === 'networkDown') return state.down ? { down: true } : { down: true, event: 'disconnected' as const };
          if (verdict === 'ok' && state.down) return { down: false, event: 'reconnected' as const };
          return { down: state.down };
        },
        { down: false },
      ),
      filter((state): state is { down: boolean; event: ConnectionHealthEvent } => state.event !== undefined),
      map((state) => state.event),
    );
}
