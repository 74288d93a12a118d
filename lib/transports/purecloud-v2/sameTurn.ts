import { Observable, type OperatorFunction, type SchedulerLike, type Subscription } from 'rxjs';

/**
 * Groups the values that arrive in one turn of the scheduler — before it runs its next action — into
 * one array. Frames the socket delivers back to back (one network read) come out together, so a
 * frame another one overtook on the wire is put back in order by the batch's timestamp sort
 * (`cloudTranscript.live`, issue 6: every message in the conversation's order). The cost is one
 * scheduler turn (no added delay in time). Completion emits the group still open; an error drops it.
 *
 * ```
 * source:  -(ab)---c--|
 * result:  -x------y--|     x = [a, b], y = [c]
 * ```
 *
 * @example
 * frames$.pipe(sameTurn(platform.scheduler), batchWhileBusy((groups) => round(groups.flat())));
 *
 * @param scheduler The platform's scheduler (a TestScheduler in marble specs).
 */
export function sameTurn<T>(scheduler: SchedulerLike): OperatorFunction<T, T[]> {
  return (source) =>
    new Observable<T[]>((subscriber) => {
      let group: T[] = [];
      // The action that ends the open group (a 0 ms delay: the next turn); cancelled on unsubscribe.
      let turn: Subscription | undefined;
      const flush = () => {
        const values = group;
        group = [];
        if (values.length > 0) subscriber.next(values);
      };
      const subscription = source.subscribe({
        next: (value) => {
          // The first value of a group schedules its end (buffer + debounceTime did the same, in two operators).
          if (group.push(value) === 1) turn = scheduler.schedule(flush);
        },
        error: (error) => subscriber.error(error),
        complete: () => {
          turn?.unsubscribe();
          flush();
          subscriber.complete();
        },
      });
      return () => {
        subscription.unsubscribe();
        turn?.unsubscribe();
      };
    });
}
