import {
  BehaviorSubject,
  EMPTY,
  Observable,
  Subject,
  concat,
  concatMap,
  defer,
  distinctUntilChanged,
  finalize,
  map,
  merge,
  mergeMap,
  switchMap,
  takeWhile,
  tap,
} from 'rxjs';
import type { SchedulerLike } from 'rxjs';
import { poll } from '../../operators/poll';
import type { Outcome, ReceiveControl, ReceiveSignal } from '../transport';

/** One finished poll, as the session hands it to the loop. */
export interface NexusPolled {
  /** `'busy'`: the turn was skipped (another tab's poll is pending, wire §10). */
  outcome: Outcome | 'busy';
  /** The wait before the next poll (`nexusPollDelay`: `pollTimeout`, slowed after failures). */
  delayMs: number;
  /** What the poll means for the service, in order; emitting them also persists the cursor. */
  signals: Observable<ReceiveSignal>;
}

/** What the receive loop needs from its session. */
export interface NexusReceiveDeps {
  /** One `GET messages`, emitting once (never errors; unsubscribing aborts it). */
  pollOnce(): Observable<NexusPolled>;
  /** The loop stopped (stop, pause, sleep, history): the next poll resumes with `index=` (§11.2). */
  paused(): void;
  /** True while a read of the session's own runs (`fetchHistory`, a send's delivery check): polling pauses around it (`wire-nexus-v3.md` §11.3). */
  readingAlone$: Observable<boolean>;
  /** Signals born outside the loop: a send reply with `chatEnded`, `INVALID_SESSION` on a command. */
  events$: Observable<ReceiveSignal>;
  scheduler?: SchedulerLike;
}

/** Stream state of the loop from the service's controls. */
interface Mode {
  polling: boolean;
  sleeping: boolean;
}

/**
 * The Nexus receive loop (`contract.md` §11.2, `wire-nexus-v3.md` §10): emits `polling` on each
 * start/stop, then for every poll its `health` verdict, its `batch` and, when the server says so,
 * `ended` or `sessionLost` (after which it completes). Polls never overlap; the next one starts
 * `delayMs` after the previous one ENDED.
 *
 * ```
 * control$  ------------------stop-------start------------
 * polls     p----(3000)----p---|          p----(3000)----p
 * signals   (ah)------------(hb)a---------a(hb)-----------h
 *           a = polling, h = health, b = batch
 * ```
 *
 * - `stop`/`pause`: aborts the in-flight poll; `sleep` pauses without `polling` (the loop is
 *   still logically on); `wake`/`start` poll at once with `index=<last raw index>`.
 * - `pollNow`: `'busy'` while a poll is in flight; else a poll now (through the loop when it runs,
 *   so polls still never overlap), whose outcome goes to `reply` after its signals.
 * - `resetCadence` and `preview` mean nothing on v3 (the preview travels in typing messages).
 *
 * @example
 * session.receive(control$) // = nexusReceive(control$, { pollOnce, paused, readingAlone$, events$, scheduler })
 *
 * @param control$ The service's poll controls.
 * @param deps The session's poll, pause hook, reading-alone flag and out-of-band signals.
 */
export function nexusReceive(control$: Observable<ReceiveControl>, deps: NexusReceiveDeps): Observable<ReceiveSignal> {
  return defer(() => {
    const mode$ = new BehaviorSubject<Mode>({ polling: true, sleeping: false });
    const trigger$ = new Subject<void>();
    const waiting: Array<(outcome: Outcome | 'busy') => void> = [];
    let inFlight = false;
    let running = false;

    const tracked = () =>
      deps.pollOnce().pipe(
        tap({ subscribe: () => (inFlight = true), finalize: () => (inFlight = false) }),
      );
    const answer = (polled: NexusPolled, replies: Array<(outcome: Outcome | 'busy') => void>) =>
      concat(
        polled.signals,
        defer(() => {
          replies.splice(0).forEach((reply) => reply(polled.outcome));
          return EMPTY;
        }),
      );
    const release = () => waiting.splice(0).forEach((reply) => reply('busy'));

    // mode$ is a BehaviorSubject: each reading-alone state meets the current mode at once.
    const loop$ = deps.readingAlone$.pipe(
      switchMap((readingAlone) => mode$.pipe(map((mode) => mode.polling && !mode.sleeping && !readingAlone))),
      distinctUntilChanged(),
      switchMap((run, i) => {
        running = run;
        if (!run) {
          // A poll triggered for `pollNow` was aborted with the loop: its caller must not hang.
          release();
          if (i > 0) deps.paused();
          return EMPTY;
        }
        return poll(tracked, { delay: (last) => last.delayMs, measureFrom: 'end', trigger$, scheduler: deps.scheduler }).pipe(
          concatMap((polled) => answer(polled, waiting)),
        );
      }),
    );

    const setMode = (patch: Partial<Mode>) => mode$.next({ ...mode$.value, ...patch });
    const controls$ = control$.pipe(
      mergeMap((control): Observable<ReceiveSignal> => {
        switch (control.type) {
          case 'start':
          case 'wake':
            setMode(control.type === 'start' ? { polling: true } : { sleeping: false });
            return EMPTY;
          case 'stop':
          case 'pause':
            setMode({ polling: false });
            return EMPTY;
          case 'sleep':
            setMode({ sleeping: true });
            return EMPTY;
          case 'pollNow':
            if (inFlight) {
              control.reply('busy');
              return EMPTY;
            }
            if (running) {
              waiting.push(control.reply);
              trigger$.next();
              return EMPTY;
            }
            return tracked().pipe(concatMap((polled) => answer(polled, [control.reply])));
          default:
            return EMPTY;
        }
      }),
    );

    const polling$ = mode$.pipe(
      map((mode): ReceiveSignal => ({ type: 'polling', active: mode.polling })),
      distinctUntilChanged((a, b) => a.type === 'polling' && b.type === 'polling' && a.active === b.active),
    );

    return merge(polling$, controls$, loop$, deps.events$).pipe(
      takeWhile((signal) => signal.type !== 'ended' && signal.type !== 'sessionLost', true),
      finalize(release),
    );
  });
}
