import { EMPTY, Observable, defer, map, tap } from 'rxjs';
import type { ResolvedConfig } from '../../model/config';
import { backoffDelay } from '../../operators/backoffDelay';
import { gmsPollGap } from '../../operators/gmsPollGap';
import type { Platform } from '../../platform/platform';
import { pollReceive } from '../shared/pollReceive';
import type { Polled } from '../shared/pollReceive';
import type { Outcome, ReceiveControl, ReceiveSignal } from '../transport';

/** What the GMS receive loop needs from its session. */
export interface GmsReceiveDeps {
  config: ResolvedConfig;
  platform: Platform;
  /** One `refresh`; its health and batch signals go out through `signals$` before it emits. */
  refresh(): Observable<Outcome>;
  /** Signals born in the session's requests (batches, `health`, `ended`). */
  signals$: Observable<ReceiveSignal>;
  /** The session's sends and uploads: each takes the cadence back to `pollRateMin` (§11.1). */
  cadenceReset$: Observable<unknown>;
  /** `wake`: §6.21, cancel the server's idle timer. */
  wake(): void;
}

/**
 * The GMS receive loop (`contract.md` §11.1, `wire-gms-v2.md` §11) on the shared {@link pollReceive}:
 * every `refresh` on the `gmsPollGap` cadence measured from the previous request's start, backing
 * off from the current gap after network failures, 5xx and 429 (§13.4, honouring `Retry-After`).
 * A send or upload of the session goes back to `pollRateMin`; `sleep` slows the cadence, `wake` polls at once.
 *
 * @example
 * session.receive(control$) // = gmsReceive(control$, { config, platform, refresh, signals$, cadenceReset$, wake })
 *
 * @param control$ The service's poll controls.
 * @param deps The session's poll, its signals, its cadence resets and the wake hook.
 */
export function gmsReceive(control$: Observable<ReceiveControl>, deps: GmsReceiveDeps): Observable<ReceiveSignal> {
  const { config, platform } = deps;
  return defer(() => {
    let failures = 0;
    return pollReceive<Polled & { outcome: Outcome }>(control$, {
      pollOnce: () =>
        deps.refresh().pipe(
          tap((outcome) => (failures = outcome.verdict === 'networkDown' || outcome.verdict === 'serverError' ? failures + 1 : 0)),
          map((outcome) => ({ outcome, signals: EMPTY })),
        ),
      delay: (last, info) => {
        const gap = gmsPollGap(info.step, config, info.sleeping);
        if (failures === 0) return gap;
        // §13.4: network failures, 5xx and 429 back off from the current gap, honouring Retry-After.
        return backoffDelay(failures, { base: gap, max: config.backoffMax }, platform.random, last.outcome.ok ? undefined : last.outcome.retryAfterMs);
      },
      measureFrom: 'start',
      sleep: 'slows',
      reset$: deps.cadenceReset$,
      events$: deps.signals$,
      onControl: (control) => {
        if (control.type === 'wake') deps.wake();
      },
      scheduler: platform.scheduler,
    });
  });
}
