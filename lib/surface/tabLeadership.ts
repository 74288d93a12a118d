import { Observable } from 'rxjs';
import type { TabCoordination } from '../platform/platform';

/**
 * Emits once, when this tab holds the lead of `name`, and never completes: the tab leads until it
 * unsubscribes, which releases the lock (or withdraws the request while it still waits). Web Locks
 * grant the lock to one tab at a time, and to the next only after the holder released it — so a
 * leader that polls only while subscribed never overlaps the next one.
 *
 * ```
 * this tab:    ──────L─────────────!      (L: leads; !: unsubscribe releases)
 * other tab:   ───────────────────────L── (waits, then leads)
 * ```
 *
 * @example
 * const leading = tabLeadership(platform.tabs, 'webchat-rx:chat').subscribe(() => startPolling());
 * leading.unsubscribe(); // stop polling first, then this
 *
 * @param tabs The platform's cross-tab primitives.
 * @param name The lock's name: one per chat (see {@link multiTabName}).
 */
export function tabLeadership(tabs: TabCoordination, name: string): Observable<void> {
  return new Observable<void>((subscriber) => tabs.lock(name, () => subscriber.next()));
}

/**
 * The lock and channel name of one chat: the storage key prefix (deployment) and the back end, so
 * two chats of one origin never share a lead.
 */
export function multiTabName(storagePrefix: string, transportId: string, dataURL: string): string {
  return `webchat-rx.multiTab|${storagePrefix}|${transportId}|${dataURL}`;
}
