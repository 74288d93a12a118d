import { Observable, timer } from 'rxjs';
import type { OperatorFunction, SchedulerLike, Subscription } from 'rxjs';
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
 * engine.verdicts$.pipe(serverFailing(scheduler)).subscribe((failing) => …);
 */
export function serverFailing(scheduler: SchedulerLike, holdAtMost = 10000): OperatorFunction<Verdict, boolean> {
  // One subscriber and, only while failing, one timer (not a chain of operators and an inner
  // Observable per verdict): every engine's outbox holds this for its whole life (bench figure 6).
  return (verdict$) =>
    new Observable<boolean>((subscriber) => {
      let failing = false;
      let hold: Subscription | null = null;
      let done = false;
      const say = (now: boolean) => {
        if (now === failing) return;
        failing = now;
        subscriber.next(now);
      };
      subscriber.next(false);
      const source = verdict$.subscribe({
        next: (verdict) => {
          if (verdict !== 'ok' && !failures.has(verdict)) return;
          hold?.unsubscribe();
          hold = null;
          if (verdict === 'ok') return say(false);
          say(true);
          hold = timer(holdAtMost, scheduler).subscribe(() => {
            hold = null;
            say(false);
            if (done) subscriber.complete();
          });
        },
        error: (e: unknown) => subscriber.error(e),
        // As a switch to the hold's timer: the end waits for a running hold to let go.
        complete: () => {
          done = true;
          if (!hold) subscriber.complete();
        },
      });
      return () => {
        source.unsubscribe();
        hold?.unsubscribe();
      };
    });
}
