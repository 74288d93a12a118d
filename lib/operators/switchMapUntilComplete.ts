import { connect, endWith, ignoreElements, switchMap, takeUntil } from 'rxjs';
import type { ObservableInput, OperatorFunction } from 'rxjs';

/**
 * `switchMap`, except that it completes as soon as the source completes, dropping the inner
 * observable still running (plain `switchMap` waits for it).
 *
 * The timing operators arm timers per value (idle typing, agent typing, heartbeat); once their
 * source has ended — the socket closed, the session ended — a timer firing later would report on
 * something that no longer exists.
 *
 * ```
 * source:  -a----b-|
 * project:  a ⇒ --x--,  b ⇒ --y--
 * result:  ---x------|     (y would come 2 frames after b: dropped at the completion)
 * ```
 *
 * @example
 * frame$.pipe(switchMapUntilComplete(() => timer(14000, scheduler)));
 *
 * @param project Maps each source value to the observable to switch to.
 */
export function switchMapUntilComplete<T, R>(project: (value: T, index: number) => ObservableInput<R>): OperatorFunction<T, R> {
  return (source) =>
    source.pipe(connect((shared) => shared.pipe(switchMap(project), takeUntil(shared.pipe(ignoreElements(), endWith(true))))));
}
