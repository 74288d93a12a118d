import { Observable, takeWhile } from 'rxjs';
import type { SchedulerLike } from 'rxjs';
import { pollReceive } from '../shared/pollReceive';
import type { Polled } from '../shared/pollReceive';
import type { ReceiveControl, ReceiveSignal } from '../transport';

/** One finished poll, as the session hands it to the loop. */
export interface NexusPolled extends Polled {
  /** The wait before the next poll (`nexusPollDelay`: `pollTimeout`, slowed after failures). */
  delayMs: number;
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

/**
 * The Nexus receive loop (`contract.md` §11.2, `wire-nexus-v3.md` §10): emits `polling` on each
 * start/stop, then for every poll its `health` verdict, its `batch` and, when the server says so,
 * `ended` or `sessionLost` (after which it completes). Polls never overlap; the next one starts
 * `delayMs` after the previous one ENDED (the shared {@link pollReceive} loop).
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
 * - v3 has no cadence reset (its gap follows the poll answers) and no preview on the poll.
 *
 * @example
 * session.receive(control$) // = nexusReceive(control$, { pollOnce, paused, readingAlone$, events$, scheduler })
 *
 * @param control$ The service's poll controls.
 * @param deps The session's poll, pause hook, reading-alone flag and out-of-band signals.
 */
export function nexusReceive(control$: Observable<ReceiveControl>, deps: NexusReceiveDeps): Observable<ReceiveSignal> {
  return pollReceive(control$, {
    pollOnce: deps.pollOnce,
    delay: (last) => last.delayMs,
    measureFrom: 'end',
    sleep: 'stops',
    readingAlone$: deps.readingAlone$,
    paused: deps.paused,
    events$: deps.events$,
    scheduler: deps.scheduler,
  }).pipe(takeWhile((signal) => signal.type !== 'ended' && signal.type !== 'sessionLost', true));
}
