import { AsyncSubject, Observable, Subscription } from 'rxjs';
import type { Subscriber } from 'rxjs';
import type { ConnectionSignal } from './socketConnection';

/** A connection opened before anyone listens to it. */
export interface HeldConnection {
  /** The first signal, replayed: `open`, or `lost` when the first connect failed. */
  readonly first: Observable<ConnectionSignal>;
  /** Every later signal, buffered until the first (and only) subscriber comes. Unsubscribing does not close. */
  readonly rest: Observable<ConnectionSignal>;
  close(): void;
}

/**
 * Subscribes to the event-stream connection at once and holds what it says: a start (or restore)
 * must see the socket open before it reports success (`contract.md` §8.1 `started`), while the
 * frames that follow belong to `receive()`, which the service subscribes a moment later
 * (`wire-purecloud-v2.md` §7). Nothing is lost in between.
 *
 * @example
 * const held = heldConnection(socketConnection(config));
 * held.first.subscribe((signal) => signal.type === 'open' ? handOver(held.rest) : held.close());
 *
 * @param signals$ The connection (never errors).
 */
export function heldConnection(signals$: Observable<ConnectionSignal>): HeldConnection {
  const first = new AsyncSubject<ConnectionSignal>();
  const buffered: ConnectionSignal[] = [];
  let listener: Subscriber<ConnectionSignal> | null = null;
  let seenFirst = false;
  const subscription: Subscription = signals$.subscribe((signal) => {
    if (!seenFirst) {
      seenFirst = true;
      first.next(signal);
      first.complete();
      return;
    }
    if (listener) listener.next(signal);
    else buffered.push(signal);
  });
  return {
    first: first.asObservable(),
    rest: new Observable<ConnectionSignal>((subscriber) => {
      listener = subscriber;
      for (const signal of buffered.splice(0)) {
        if (subscriber.closed) break;
        subscriber.next(signal);
      }
      return () => {
        if (listener === subscriber) listener = null;
      };
    }),
    close: () => {
      subscription.unsubscribe();
      listener?.complete();
    },
  };
}
