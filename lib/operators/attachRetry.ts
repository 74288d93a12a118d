import { EMPTY, asyncScheduler, catchError, concat, concatMap, defer, of, tap, throwError, timer } from 'rxjs';
import type { Observable, OperatorFunction, SchedulerLike } from 'rxjs';
import { backoffDelay } from './backoffDelay';

/** The value {@link attachRetry} emits when an attached connection is lost (the session is `disconnected`). */
export interface AttachLost {
  type: 'lost';
}

/** The error {@link attachRetry} ends with when its attempts are spent. */
export interface AttachExhausted {
  /** `'handshake'`: never attached (start fails); `'reattach'`: lost and not back (`chatServerTimeout`). */
  exhausted: 'handshake' | 'reattach';
  error: unknown;
}

export interface AttachRetryConfig<T> {
  /** Before the first attach: failures back off ({@link backoffDelay}); the `attempts`-th failure ends it. */
  handshake: { base: number; max: number; attempts: number; random: () => number };
  /** After an attach was lost: one new attempt every `gap` ms; the `attempts`-th failed one ends it. */
  reattach: { gap: number; attempts: number };
  /** Whether a value says the connection is attached (it resets the count). */
  attached: (value: T) => boolean;
  scheduler?: SchedulerLike;
}

/**
 * Resubscribes to a connection that errors (`wire-gms-v2.md` §11 CometD): while it never attached,
 * with the §13.4 backoff and at most `handshake.attempts` attempts in all (start fails
 * `{statusCode:1}` after 5); once attached, a loss emits {@link AttachLost} and then tries again
 * every `reattach.gap` ms, at most `reattach.attempts` times (`chatServerTimeout` after 30, 3 s apart).
 * An attach resets the count. Ends with an {@link AttachExhausted} error.
 *
 * ```
 * config:  handshake { base: 2, max: 2, attempts: 2, random: () => 1 }, reattach { gap: 3, attempts: 2 }
 * subs:    ^!                 fails (handshake 1), waits 2
 *          ---^-----!         attaches (a), then is lost: emits L, waits 3
 *          ----------^!       re-attach 1 fails, waits 3
 *          -------------^!    re-attach 2 fails: exhausted 'reattach'
 * result:  ----a-----L--------#
 * ```
 *
 * @example
 * openCometd(options).pipe(attachRetry({ handshake: { base: 1000, max: 30000, attempts: 5, random }, reattach: { gap: 3000, attempts: 30 }, attached: (e) => e.type === 'connected', scheduler }))
 *
 * @param config The two budgets, what "attached" is, and the scheduler.
 */
export function attachRetry<T>(config: AttachRetryConfig<T>): OperatorFunction<T, T | AttachLost> {
  const { handshake, reattach, attached, scheduler = asyncScheduler } = config;
  return (source) =>
    defer(() => {
      let attachedOnce = false;
      let failures = 0;
      const exhausted = (phase: AttachExhausted['exhausted'], error: unknown) => throwError((): AttachExhausted => ({ exhausted: phase, error }));
      const run = (): Observable<T | AttachLost> =>
        source.pipe(
          tap((value) => {
            if (!attached(value)) return;
            attachedOnce = true;
            failures = 0;
          }),
          catchError((error: unknown) => {
            failures += 1;
            if (!attachedOnce) {
              if (failures >= handshake.attempts) return exhausted('handshake', error);
              return timer(backoffDelay(failures, handshake, handshake.random), scheduler).pipe(concatMap(run));
            }
            if (failures > reattach.attempts) return exhausted('reattach', error);
            const lost: Observable<AttachLost> = failures === 1 ? of({ type: 'lost' as const }) : EMPTY;
            return concat(lost, timer(reattach.gap, scheduler).pipe(concatMap(run)));
          }),
        );
      return run();
    });
}
