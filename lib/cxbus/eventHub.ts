import type { SchedulerLike } from 'rxjs';
import type { Logger } from '../platform/platform';
import type { BusEvent, EventCallback } from './types';

/** How `publish` treats an event: plain, sticky (`republish`) or quiet (`publishDirect`). */
export type PublishMode = 'publish' | 'republish' | 'publishDirect';

/** Subscriptions, sticky copies and delivery of bus events (`cxbus.md` §3, §4). */
export interface EventHub {
  publish(publisher: string, event: string, data: unknown, mode: PublishMode): void;
  subscribe(subscriber: string, event: string, fn: EventCallback): void;
  unsubscribe(subscriber: string, event: string, fn?: EventCallback): boolean;
  /** `{event: [subscriber namespaces]}` for the events whose name starts with `<namespace>.`. */
  subscribers(namespace: string): Record<string, string[]>;
}

interface Subscription {
  subscriber: string;
  fn: EventCallback;
}

/**
 * Creates the event side of the bus.
 *
 * Delivery (`cxbus.md` §4): each callback gets its own event object `{time, publisher, event, data}`
 * in its own macrotask, in subscription order, so a throwing or slow subscriber cannot disturb the
 * others; a sticky copy (`republish`) is replayed to a later subscriber, asynchronously too. With
 * `async()` false, callbacks run synchronously and a throw stops the remaining ones (shipped).
 *
 * ```
 * publish('ready')   : r--------
 * subscriber A       : -a-------   one macrotask each,
 * subscriber B       : --b------   in subscription order
 * ```
 *
 * @example
 * const hub = eventHub({ scheduler: asyncScheduler, now: Date.now, async: () => true, logger });
 * hub.subscribe('MyPlugin', 'WebChatService.ready', (e) => console.log(e.event));
 * hub.publish('WebChatService', 'WebChatService.ready', {}, 'republish');
 *
 * @param deps.scheduler Where callbacks run (`asyncScheduler`: a macrotask, like `setTimeout(…, 0)`).
 * @param deps.async Whether delivery is asynchronous (`CXBus.configure({async})`), read per publish.
 */
export function eventHub(deps: { scheduler: SchedulerLike; now: () => number; async: () => boolean; logger: Logger }): EventHub {
  const table = new Map<string, Subscription[]>();
  const sticky = new Map<string, { publisher: string; data: unknown }>();

  const eventObject = (publisher: string, event: string, data: unknown): BusEvent => ({
    time: deps.now(),
    publisher,
    event,
    // cxbus.md §4: `data` is `{}` when nothing was published.
    data: data === undefined ? {} : data,
  });

  const call = (subscription: Subscription, event: BusEvent) => {
    try {
      subscription.fn(event);
    } catch (error) {
      // cxbus.md §4 (product): caught and logged, other subscribers unaffected.
      deps.logger.error(`[CXBus] a subscriber of ${event.event} (${subscription.subscriber}) threw`, error);
    }
  };

  const deliverLater = (subscription: Subscription, publisher: string, event: string, data: unknown) => {
    deps.scheduler.schedule(() => {
      // Product: a callback unsubscribed before its turn is not called any more.
      if (table.get(event)?.includes(subscription)) call(subscription, eventObject(publisher, event, data));
    });
  };

  return {
    publish(publisher, event, data, mode) {
      if (mode === 'republish') sticky.set(event, { publisher, data });
      const current = [...(table.get(event) ?? [])];
      if (mode !== 'publishDirect' || current.length > 0) deps.logger.debug(`[CXBus] ${event} (${current.length} subscribers)`);
      if (deps.async()) {
        for (const subscription of current) deliverLater(subscription, publisher, event, data);
        return;
      }
      for (const subscription of current) {
        try {
          subscription.fn(eventObject(publisher, event, data));
        } catch (error) {
          // Shipped synchronous mode: a throw stops the remaining callbacks (logged, not rethrown,
          // so a publisher's own stream never dies of a subscriber's bug).
          deps.logger.error(`[CXBus] a subscriber of ${event} threw; remaining subscribers skipped`, error);
          return;
        }
      }
    },
    subscribe(subscriber, event, fn) {
      const subscription = { subscriber, fn };
      table.set(event, [...(table.get(event) ?? []), subscription]);
      const copy = sticky.get(event);
      // §3: a sticky event replays to a later subscriber, asynchronously even in sync mode.
      if (copy) deliverLater(subscription, copy.publisher, event, copy.data);
    },
    unsubscribe(subscriber, event, fn) {
      const before = table.get(event) ?? [];
      const after = before.filter((s) => s.subscriber !== subscriber || (fn !== undefined && s.fn !== fn));
      table.set(event, after);
      return after.length !== before.length;
    },
    subscribers(namespace) {
      const out: Record<string, string[]> = {};
      for (const [event, subscriptions] of table) {
        if (event.startsWith(`${namespace}.`) && subscriptions.length > 0) out[event] = subscriptions.map((s) => s.subscriber);
      }
      return out;
    },
  };
}
