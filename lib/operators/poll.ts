import { EMPTY, Subject, asyncScheduler, combineLatest, defer, distinctUntilChanged, exhaustMap, map, merge, of, scan, startWith, switchMap, take, tap, timer } from 'rxjs';
import type { Observable, SchedulerLike } from 'rxjs';

/** What {@link PollConfig.delay} knows besides the last value. */
export interface PollInfo {
  /** Gaps planned since subscribe or the last `reset$`: 0 for the first gap. */
  step: number;
  /** How long the last request took, in ms. */
  elapsed: number;
  /** The latest `sleeping$` value (false until it says otherwise). */
  sleeping: boolean;
}

export interface PollConfig<T> {
  /**
   * The gap in ms before the next request, from the last request's value. A non-finite gap
   * (`Infinity`) plans nothing: the loop waits for `trigger$`.
   */
  delay(last: T, info: PollInfo): number;
  /**
   * `'start'`: the gap runs from the previous request's start (gms §11.1: a request slower than
   * the gap is followed at once); `'end'`: from its end (nexus §11.2).
   */
  measureFrom: 'start' | 'end';
  /** Back to step 0; a pending wait is re-planned (gms: `pollRateMin` after a send, §11.1). */
  reset$?: Observable<unknown>;
  /** Sleep/wake; a change re-plans the pending wait. */
  sleeping$?: Observable<boolean>;
  /** A request now, unless one is in flight (the `poll` command, the browser's `online`). */
  trigger$?: Observable<unknown>;
  scheduler?: SchedulerLike;
}

/** The wait between two requests, as planned when the first one ended. */
interface PlannedWait<T> {
  last: T;
  start: number;
  end: number;
  step: number;
}

/** The loop's state: the wait in progress (none while a request is in flight) and the next gap's step. */
interface PollState<T> {
  wait?: PlannedWait<T>;
  step: number;
}

/** What the loop folds: a request started or ended, or a `reset$`. */
type PollInput<T> = { type: 'started' } | { type: 'ended'; last: T; start: number; end: number } | { type: 'reset' };

/**
 * The pure transition of the loop. A request that starts ends the wait (a trigger may cut it
 * short: its timer must not start a second request later); one that ends plans the next wait.
 * A reset while waiting re-plans that wait at step 0; while a request is in flight, it only sets
 * the step back to 0.
 */
function pollStep<T>(state: PollState<T>, input: PollInput<T>): PollState<T> {
  switch (input.type) {
    case 'started':
      return { step: state.step };
    case 'ended':
      return { wait: { last: input.last, start: input.start, end: input.end, step: state.step }, step: state.step + 1 };
    case 'reset':
      return state.wait ? { wait: { ...state.wait, step: 0 }, step: 1 } : { step: 0 };
  }
}

/**
 * The poll loop: emits the value of each request, one request at a time, the next one
 * `delay(last, info)` ms after the previous one's start or end.
 *
 * The first request starts on subscribe. Each request is expected to emit one value (only the
 * first counts) and never to error — an error ends the loop, and a request that completes empty
 * leaves it waiting for `trigger$`. `reset$` and `sleeping$` re-plan a pending wait (measured as
 * configured, so a wait whose moment has passed ends at once); while a request is in flight,
 * `reset$` only sets the step back to 0 and `trigger$` is ignored. Unsubscribing aborts the
 * request in flight (it is unsubscribed) and leaves no timer. Never completes.
 *
 * ```
 * request:  --(r|)                 each request takes 2 frames
 *
 * measureFrom 'start', delay 5:
 * result:   --r----r----r-         starts at 0, 5, 10
 *
 * measureFrom 'end', delay 3:
 * result:   --r----r----r-         ends at 2, 7, 12; starts 3 later
 *
 * measureFrom 'start', delay 8, trigger$:
 * trigger$: ----xx----x------
 * result:   --r---r-----r----      starts at 0, 4 (now), 10 (now; 5 came in flight); next at 18
 *
 * request: (r|) (instant), measureFrom 'start', delay 2 × (step + 1):
 * reset$:   -------x--------
 * result:   r-r---r-r---r---       gaps 2, 4; the wait for 12 is re-planned at 7 to 6 + 2; then 4
 * ```
 *
 * @example
 * // GMS: the gap runs between poll starts, reset after a send, slower while sleeping.
 * poll(() => refresh(), {
 *   measureFrom: 'start',
 *   delay: (_, { step, sleeping }) => gmsPollGap(step, config, sleeping),
 *   reset$: sent$, sleeping$, trigger$: pollNow$, scheduler: platform.scheduler,
 * });
 *
 * @param request Makes one request; called once per poll.
 * @param config The cadence and its controls.
 */
export function poll<T>(request: () => Observable<T>, config: PollConfig<T>): Observable<T> {
  const scheduler = config.scheduler ?? asyncScheduler;
  return defer(() => {
    const request$ = new Subject<PollInput<T>>();
    const state$ = merge(request$, (config.reset$ ?? EMPTY).pipe(map((): PollInput<T> => ({ type: 'reset' })))).pipe(scan(pollStep<T>, { step: 0 }));
    const sleeping$ = (config.sleeping$ ?? EMPTY).pipe(startWith(false), distinctUntilChanged());

    // A new state or a sleep/wake re-plans the pending wait (measured as configured, so a wait
    // whose moment has passed ends at once).
    const due$ = combineLatest([state$, sleeping$]).pipe(
      switchMap(([{ wait }, sleeping]) => {
        if (!wait) return EMPTY;
        const gap = config.delay(wait.last, { step: wait.step, elapsed: wait.end - wait.start, sleeping });
        const from = config.measureFrom === 'start' ? wait.start : wait.end;
        return Number.isFinite(gap) ? timer(Math.max(0, from + gap - scheduler.now()), scheduler) : EMPTY;
      }),
    );

    // The plan first, so an instant request's end (and a replayed `sleeping$`) is read.
    return merge(due$, config.trigger$ ?? EMPTY, of(null)).pipe(
      // Never two requests in flight: a trigger during a request is dropped.
      exhaustMap(() =>
        defer(() => {
          request$.next({ type: 'started' });
          const start = scheduler.now();
          return request().pipe(
            take(1),
            tap((last) => request$.next({ type: 'ended', last, start, end: scheduler.now() })),
          );
        }),
      ),
    );
  });
}
