import { concat, defer, distinctUntilChanged, filter, map, of, startWith, switchMap, timer } from 'rxjs';
import type { OperatorFunction, SchedulerLike } from 'rxjs';
import type { Verdict } from '../model/receive';

/** The verdicts that say the server is not taking requests now (a refusal or an end says something else). */
const failures: ReadonlySet<Verdict> = new Set<Verdict>(['serverBusy', 'serverError', 'networkDown']);

/**
 * Whether the server is failing, from the verdicts of its responses: `true` from a failure
 * (`serverBusy`, `serverError`, `networkDown`) until the next `ok`, or until `holdAtMost` ms pass
 * without one (a back end with no regular requests must not hold forever); `false` to start with.
 * The outbox holds its sends while it is `true` (issue 14: a 5xx streak is no `disconnected`, §13.2,
 * but a send into it could only fail).
 *
 * ```
 * verdicts: -o-e--e-----o-e------     e serverError, o ok (holdAtMost 5)
 * failing:  f--t---------f-t----f     (repeats are not emitted)
 * ```
 *
 * @example
 * transport.responses$.pipe(serverFailing(scheduler)).subscribe((failing) => …);
 */
export function serverFailing(scheduler: SchedulerLike, holdAtMost = 10000): OperatorFunction<{ verdict: Verdict }, boolean> {
  return (response$) =>
    defer(() =>
      response$.pipe(
        map(({ verdict }) => verdict),
        filter((verdict) => verdict === 'ok' || failures.has(verdict)),
        switchMap((verdict) => (verdict === 'ok' ? of(false) : concat(of(true), timer(holdAtMost, scheduler).pipe(map(() => false))))),
        startWith(false),
        distinctUntilChanged(),
      ),
    );
}
