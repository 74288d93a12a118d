import { Subject, asyncScheduler } from 'rxjs';
import type { SchedulerLike } from 'rxjs';
import type { TabChannel, TabCoordination } from '../platform/platform';

/** One simulated tab's {@link TabCoordination}, and a way to close the tab under the service's feet. */
export interface FakeTab extends TabCoordination {
  /** The page goes away: its locks are released and its channels hear and say nothing more. */
  close(): void;
}

/** Several tabs of one simulated browser, sharing its locks and channels. */
export interface FakeTabs {
  /** A new tab of this browser. */
  tab(): FakeTab;
  /** Who holds lock `name` now: the tab's number (1 for the first `tab()`), or `undefined`. */
  holder(name: string): number | undefined;
  /** Every message posted, in posting order, with the number of the tab that posted it. */
  posted: { tab: number; channel: string; message: unknown }[];
}

interface LockRequest {
  tab: number;
  onHeld: () => void;
}

/**
 * Web Locks and BroadcastChannel for tests, on a scheduler: a grant and each delivery happen as a
 * scheduled action (as the browser's do as tasks), in order, so a run in virtual time is exact. A
 * posted message is copied with `structuredClone`, which refuses what the browser refuses.
 *
 * @example
 * const browser = fakeTabs(scheduler);
 * const first = createWebChatService(config, { ...fakePlatform({ scheduler }), tabs: browser.tab() });
 *
 * @param scheduler Where grants and deliveries run; default `asyncScheduler`.
 * @param options `channelDelay`: ms a message takes to arrive (default 0): with 1, a lock granted
 *   at the moment of a post reaches its tab before the message does (browsers order neither).
 */
export function fakeTabs(scheduler: SchedulerLike = asyncScheduler, options: { channelDelay?: number } = {}): FakeTabs {
  const holders = new Map<string, number>();
  const queues = new Map<string, LockRequest[]>();
  const endpoints = new Map<string, Set<{ tab: number; deliver: Subject<unknown> }>>();
  const posted: FakeTabs['posted'] = [];
  let tabs = 0;

  const grantNext = (name: string) =>
    scheduler.schedule(() => {
      const queue = queues.get(name) ?? [];
      if (holders.has(name) || queue.length === 0) return;
      const next = queue.shift() as LockRequest;
      holders.set(name, next.tab);
      next.onHeld();
    });

  const tab = (): FakeTab => {
    const id = ++tabs;
    const releases = new Set<() => void>();
    const mine = new Set<{ close(): void }>();
    return {
      lock(name, onHeld) {
        const request: LockRequest = { tab: id, onHeld };
        queues.set(name, [...(queues.get(name) ?? []), request]);
        grantNext(name);
        let done = false;
        const release = () => {
          if (done) return;
          done = true;
          releases.delete(release);
          queues.set(name, (queues.get(name) ?? []).filter((r) => r !== request));
          if (holders.get(name) === id) {
            holders.delete(name);
            grantNext(name);
          }
        };
        releases.add(release);
        return release;
      },
      channel(name) {
        const deliver = new Subject<unknown>();
        const endpoint = { tab: id, deliver };
        const peers = endpoints.get(name) ?? new Set();
        endpoints.set(name, peers.add(endpoint));
        const channel: TabChannel & { close(): void } = {
          post(message) {
            if (!peers.has(endpoint)) throw new Error('InvalidStateError: channel closed');
            const copy = structuredClone(message);
            posted.push({ tab: id, channel: name, message: copy });
            for (const peer of peers) {
              if (peer !== endpoint) scheduler.schedule(() => peers.has(peer) && peer.deliver.next(structuredClone(copy)), options.channelDelay ?? 0);
            }
          },
          messages$: deliver.asObservable(),
          close() {
            peers.delete(endpoint);
            deliver.complete();
          },
        };
        mine.add(channel);
        return channel;
      },
      close() {
        for (const release of [...releases]) release();
        for (const channel of mine) channel.close();
      },
    };
  };
  return { tab, holder: (name) => holders.get(name), posted };
}
