import { filter, firstValueFrom, throwError, timeout } from 'rxjs';
import type { Observable } from 'rxjs';

/**
 * The first value of `source$` that passes `predicate`, or a rejection after `ms` — every wait of
 * the bench is bounded, so a broken transport fails the figure instead of hanging the run.
 *
 * @example await waitFor(chat.on('messageReceived'), (e) => e.restoring, 10_000, 'the restore replay');
 */
export function waitFor<T>(source$: Observable<T>, predicate: (value: T) => boolean, ms: number, what: string): Promise<T> {
  return firstValueFrom(source$.pipe(filter(predicate), timeout({ first: ms, with: () => throwError(() => new Error(`timed out after ${ms} ms waiting for ${what}`)) })));
}
