import { BehaviorSubject, EMPTY, Observable, Subject, concat, concatMap, defer, distinctUntilChanged, filter, finalize, map, merge, mergeMap, of, switchMap, tap } from 'rxjs';
import type { SchedulerLike } from 'rxjs';
import { poll } from '../../operators/poll';
import type { PollInfo } from '../../operators/poll';
import type { Outcome, ReceiveControl, ReceiveSignal } from '../transport';

/** One finished poll, as a session hands it to the loop. */
export interface Polled {
  /** `'busy'`: the turn was skipped (another tab's poll is pending, nexus wire §10). */
  outcome: Outcome | 'busy';
  /** What the poll means for the service, in order (a session that emits them itself gives `EMPTY`). */
  signals: Observable<ReceiveSignal>;
}

/** What the loop needs from a polled transport's session. */
export interface PollReceiveConfig<P extends Polled> {
  /** One poll, emitting once (never errors; unsubscribing aborts it). */
  pollOnce(): Observable<P>;
  /** The gap before the next poll, from the last one (see `operators/poll`). */
  delay(last: P, info: PollInfo): number;
  /** gms: from the previous poll's start (§11.1); nexus: from its end (§11.2). */
  measureFrom: 'start' | 'end';
  /** gms: `sleep` slows the cadence and `wake` polls at once; nexus: `sleep` stops the loop until `wake`. */
  sleep: 'slows' | 'stops';
  /** Re-plans the cadence from step 0 on each emission (gms: the session's sends and uploads, §11.1). */
  reset$?: Observable<unknown>;
  /** True while a read of the session's own runs: the loop stops around it (nexus §11.3). */
  readingAlone$?: Observable<boolean>;
  /** The loop stopped after it ran (stop, pause, sleep, a read of its own). */
  paused?(): void;
  /** Signals born outside the loop (command replies, `ended`, `sessionLost`). */
  events$: Observable<ReceiveSignal>;
  /** Any control, before the loop reacts to it (gms: `wake`'s idle-timer notice). */
  onControl?(control: ReceiveControl): void;
  scheduler?: SchedulerLike;
}

/** Stream state of the loop from the service's controls. */
interface Mode {
  polling: boolean;
  sleeping: boolean;
}

/**
 * The receive loop of a polled back end (`contract.md` §11): emits `polling` on each start/stop,
 * then every poll's signals; polls never overlap; the gap comes from `delay` over `operators/poll`.
 *
 * ```
 * control$  ------------------stop-------start------------
 * polls     p----(gap)------p---|         p----(gap)------p
 * signals   (ah)------------(hb)a---------a(hb)-----------h
 *           a = polling, h = health, b = batch
 * ```
 *
 * - `stop`/`pause`: aborts the poll in flight (a `pollNow` caller waiting on it hears `'busy'`);
 *   `start` polls at once.
 * - `pollNow`: `'busy'` while a poll is in flight; else a poll now (through the loop when it runs,
 *   so polls still never overlap), whose outcome goes to `reply` after its signals.
 *
 * @example
 * pollReceive(control$, { pollOnce, delay: (last) => last.delayMs, measureFrom: 'end', sleep: 'stops', events$ })
 *
 * @param control$ The service's poll controls (hot).
 * @param config The session's poll, its cadence and its out-of-band signals.
 */
export function pollReceive<P extends Polled>(control$: Observable<ReceiveControl>, config: PollReceiveConfig<P>): Observable<ReceiveSignal> {
  return defer(() => {
    const mode$ = new BehaviorSubject<Mode>({ polling: true, sleeping: false });
    const trigger$ = new Subject<void>();
    const waiting: Array<(outcome: Outcome | 'busy') => void> = [];
    let inFlight = false;
    let running = false;
    const slows = config.sleep === 'slows';

    const tracked = () => config.pollOnce().pipe(tap({ subscribe: () => (inFlight = true), finalize: () => (inFlight = false) }));
    const answer = (polled: P, replies: Array<(outcome: Outcome | 'busy') => void>) =>
      concat(
        polled.signals,
        defer(() => {
          replies.splice(0).forEach((reply) => reply(polled.outcome));
          return EMPTY;
        }),
      );
    const release = () => waiting.splice(0).forEach((reply) => reply('busy'));

    const loop$ = poll(tracked, {
      delay: config.delay,
      measureFrom: config.measureFrom,
      trigger$,
      scheduler: config.scheduler,
      ...(config.reset$ ? { reset$: config.reset$ } : {}),
      ...(slows ? { sleeping$: mode$.pipe(map((mode) => mode.sleeping), distinctUntilChanged()) } : {}),
    }).pipe(concatMap((polled) => answer(polled, waiting)));

    // mode$ is a BehaviorSubject: each reading-alone state meets the current mode at once.
    const running$ = (config.readingAlone$ ?? of(false)).pipe(
      switchMap((readingAlone) => mode$.pipe(map((mode) => mode.polling && (slows || !mode.sleeping) && !readingAlone))),
      distinctUntilChanged(),
      switchMap((run, i) => {
        running = run;
        if (run) return loop$;
        // A poll triggered for `pollNow` was aborted with the loop: its caller must not hang.
        release();
        if (i > 0) config.paused?.();
        return EMPTY;
      }),
    );

    const setMode = (patch: Partial<Mode>) => mode$.next({ ...mode$.value, ...patch });
    const controls$ = control$.pipe(
      mergeMap((control): Observable<ReceiveSignal> => {
        config.onControl?.(control);
        switch (control.type) {
          case 'start':
            setMode({ polling: true });
            return EMPTY;
          case 'wake':
            setMode({ sleeping: false });
            if (slows) trigger$.next();
            return EMPTY;
          case 'stop':
          case 'pause':
            setMode({ polling: false });
            return EMPTY;
          case 'sleep':
            setMode({ sleeping: true });
            return EMPTY;
          case 'pollNow':
            if (inFlight) control.reply('busy');
            else if (running) {
              waiting.push(control.reply);
              trigger$.next();
            } else return tracked().pipe(concatMap((polled) => answer(polled, [control.reply])));
            return EMPTY;
          default:
            return EMPTY;
        }
      }),
    );

    const polling$ = mode$.pipe(
      map((mode) => mode.polling),
      distinctUntilChanged(),
      map((active): ReceiveSignal => ({ type: 'polling', active })),
    );

    return merge(polling$, controls$, running$, config.events$).pipe(
      finalize(() => {
        release();
        trigger$.complete();
      }),
    );
  });
}
