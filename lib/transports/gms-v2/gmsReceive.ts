import { BehaviorSubject, EMPTY, Observable, Subject, concat, defer, distinctUntilChanged, filter, finalize, map, merge, of, startWith, switchMap, tap } from 'rxjs';
import type { ResolvedConfig } from '../../model/config';
import { backoffDelay } from '../../operators/backoffDelay';
import { gmsPollGap } from '../../operators/gmsPollGap';
import { poll } from '../../operators/poll';
import type { Platform } from '../../platform/platform';
import type { Outcome, ReceiveControl, ReceiveSignal } from '../transport';

/** What the GMS receive loop needs from its session. */
export interface GmsReceiveDeps {
  config: ResolvedConfig;
  platform: Platform;
  /** One `refresh`; its health and batch signals go out through `signals$` before it emits. */
  refresh(): Observable<Outcome>;
  /** Signals born in the session's requests (batches, `health`, `ended`). */
  signals$: Observable<ReceiveSignal>;
  /** The typing preview changed (sent as `message` on every poll, §11.1). */
  preview(text: string): void;
  /** `wake`: §6.21, cancel the server's idle timer. */
  wake(): void;
}

/**
 * The GMS receive loop (`contract.md` §11.1, `wire-gms-v2.md` §11): `polling` on start/stop, then
 * every `refresh` on the `gmsPollGap` cadence measured from the previous request's start, backing
 * off from the current gap after network failures, 5xx and 429 (§13.4, honouring `Retry-After`).
 *
 * - `resetCadence`: back to `pollRateMin`; `sleep`/`wake`: the slower sleeping cadence (waking polls at once);
 * - `pollNow`: `'busy'` while a poll is in flight; else a poll now, its outcome to `reply`.
 *
 * @example
 * session.receive(control$) // = gmsReceive(control$, { config, platform, refresh, signals$, preview, wake })
 */
export function gmsReceive(control$: Observable<ReceiveControl>, deps: GmsReceiveDeps): Observable<ReceiveSignal> {
  const { config, platform } = deps;
  return defer(() => {
    // control$ is the engine's Subject (hot): its readers below subscribe to it directly, no share() needed.
    const reset$ = control$.pipe(filter((c) => c.type === 'resetCadence'));
    const sleeping$ = control$.pipe(
      filter((c) => c.type === 'sleep' || c.type === 'wake'),
      map((c) => c.type === 'sleep'),
      startWith(false),
      distinctUntilChanged(),
    );
    const trigger$ = new Subject<void>();
    const replies: Array<(outcome: Outcome | 'busy') => void> = [];
    let inFlight = false;
    let failures = 0;
    const running$ = new BehaviorSubject(true);
    const pollRequest = () =>
      defer(() => {
        inFlight = true;
        return deps.refresh();
      }).pipe(
        tap((outcome) => {
          failures = outcome.verdict === 'networkDown' || outcome.verdict === 'serverError' ? failures + 1 : 0;
          replies.splice(0).forEach((reply) => reply(outcome));
        }),
        finalize(() => (inFlight = false)),
      );
    const loop$ = poll(pollRequest, {
      measureFrom: 'start',
      reset$,
      sleeping$,
      trigger$,
      scheduler: platform.scheduler,
      delay: (last, info) => {
        const gap = gmsPollGap(info.step, config, info.sleeping);
        if (failures === 0) return gap;
        // §13.4: network failures, 5xx and 429 back off from the current gap, honouring Retry-After.
        return backoffDelay(failures, { base: gap, max: config.backoffMax }, platform.random, last.ok ? undefined : last.retryAfterMs);
      },
    });
    const polling$ = running$.pipe(
      distinctUntilChanged(),
      switchMap((running) =>
        running
          ? concat(of<ReceiveSignal>({ type: 'polling', active: true }), loop$.pipe(switchMap(() => EMPTY)))
          : of<ReceiveSignal>({ type: 'polling', active: false }),
      ),
    );
    const handled$ = control$.pipe(
      tap((c) => {
        switch (c.type) {
          case 'start':
            running$.next(true);
            break;
          case 'stop':
          case 'pause':
            running$.next(false);
            break;
          case 'preview':
            deps.preview(c.text);
            break;
          case 'wake':
            deps.wake();
            trigger$.next();
            break;
          case 'pollNow':
            if (inFlight) c.reply('busy');
            else if (!running$.value) pollRequest().subscribe((outcome) => c.reply(outcome)); // Not looping: one poll on its own.
            else {
              replies.push(c.reply);
              trigger$.next();
            }
            break;
        }
      }),
      switchMap(() => EMPTY),
    );
    return merge(deps.signals$, polling$, handled$).pipe(
      finalize(() => {
        running$.complete();
        trigger$.complete();
      }),
    );
  });
}
