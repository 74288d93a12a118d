import { buffer, connect, debounceTime, filter, type OperatorFunction, type SchedulerLike } from 'rxjs';

/**
 * Groups the values that arrive in one turn of the scheduler — before it runs its next action — into
 * one array. Frames the socket delivers back to back (one network read) come out together, so a
 * frame another one overtook on the wire is put back in order by the batch's timestamp sort
 * (`cloudTranscript.live`, issue 6: every message in the conversation's order). The cost is one
 * scheduler turn (no added delay in time).
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
    source.pipe(
      connect((shared) => shared.pipe(buffer(shared.pipe(debounceTime(0, scheduler))))),
      filter((group) => group.length > 0),
    );
}
