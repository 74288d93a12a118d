import { Observable, share } from 'rxjs';
import type { TabChannel, TabCoordination } from './platform';

/** The parts of `navigator.locks` multi-tab mode uses. */
interface LockManagerLike {
  request(name: string, options: { signal?: AbortSignal }, callback: () => Promise<void>): Promise<unknown>;
}

/**
 * The browser's cross-tab primitives: Web Locks for the lead, BroadcastChannel for the relay.
 * `undefined` where either is missing (an old browser, an insecure origin without `navigator.locks`,
 * Node): then each tab keeps its own connection, as before issue 13.
 */
export function webTabs(): TabCoordination | undefined {
  const locks = typeof navigator !== 'undefined' ? (navigator as { locks?: LockManagerLike }).locks : undefined;
  if (!locks || typeof locks.request !== 'function' || typeof BroadcastChannel === 'undefined' || typeof AbortController === 'undefined') return undefined;
  return {
    lock(name, onHeld) {
      const withdraw = new AbortController();
      let release = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      // A withdrawn request rejects with AbortError: that is its normal end, not a failure.
      locks.request(name, { signal: withdraw.signal }, () => {
        onHeld();
        return held;
      }).catch(() => undefined);
      return () => {
        withdraw.abort();
        release();
      };
    },
    channel: (name) => broadcastChannel(name),
  };
}

function broadcastChannel(name: string): TabChannel {
  const channel = new BroadcastChannel(name);
  const messages$ = new Observable<unknown>((subscriber) => {
    const listener = (event: MessageEvent) => subscriber.next(event.data);
    channel.addEventListener('message', listener);
    return () => channel.removeEventListener('message', listener);
  }).pipe(share());
  return {
    post: (message) => channel.postMessage(message),
    messages$,
    close: () => channel.close(),
  };
}
