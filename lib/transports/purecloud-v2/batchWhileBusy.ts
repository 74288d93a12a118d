import { Observable, OperatorFunction, Subscription } from 'rxjs';

/**
 * Like `concatMap`, but the values that arrive while an inner observable runs are not queued one
 * by one: they are handed to `project` together, as one array, when it finishes. The first value
 * (or every value, while nothing is busy) goes alone.
 *
 * The cloud socket needs exactly this (`wire-purecloud-v2.md` §5.2 item 2): while the sender of a
 * frame is being looked up, that frame and all later ones are held, in arrival order, and then
 * processed as one batch.
 *
 * ```
 * source:  -abc-----------d-|
 * project:  each inner takes 3 frames, then emits its values joined
 * result:  ----a--y----------(z|)      y = 'bc' (held together while [a] ran), z = 'd'
 * ```
 *
 * @example
 * frames$.pipe(batchWhileBusy((frames) => lookupSenders(frames).pipe(map(() => toBatch(frames)))));
 *
 * @param project Turns the held values into the observable whose values are emitted; runs one at a time.
 */
export function batchWhileBusy<T, R>(project: (values: T[]) => Observable<R>): OperatorFunction<T, R> {
  return (source) =>
    new Observable<R>((subscriber) => {
      let held: T[] = [];
      let busy = false;
      let draining = false;
      let sourceDone = false;
      let inner: Subscription | undefined;
      const drain = (): void => {
        if (draining) return;
        draining = true;
        while (!busy && held.length > 0 && !subscriber.closed) {
          const values = held;
          held = [];
          busy = true;
          inner = project(values).subscribe({
            next: (value) => subscriber.next(value),
            error: (error: unknown) => subscriber.error(error),
            complete: () => {
              busy = false;
              inner = undefined;
              drain();
            },
          });
        }
        draining = false;
        if (!busy && held.length === 0 && sourceDone) subscriber.complete();
      };
      const upstream = source.subscribe({
        next: (value) => {
          held.push(value);
          drain();
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => {
          sourceDone = true;
          drain();
        },
      });
      return () => {
        upstream.unsubscribe();
        inner?.unsubscribe();
      };
    });
}
