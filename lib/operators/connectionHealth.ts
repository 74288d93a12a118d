import { defer, filter, map } from 'rxjs';
import type { OperatorFunction } from 'rxjs';
import type { Verdict } from '../model/receive';

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
    defer(() => {
      let down = false;
      return verdict$.pipe(
        // Only a change is an event: networkDown while up, ok while down; anything else keeps the state.
        filter((verdict) => (verdict === 'networkDown' ? !down : verdict === 'ok' && down)),
        map(() => ((down = !down) ? 'disconnected' : 'reconnected')),
      );
    });
}
