import { firstValueFrom, filter, timeout } from 'rxjs';
import type { Observable } from 'rxjs';
import type { WebChatEvent, WebChatEventMap, WebChatEventName } from '../../lib/model/events';

/** Records every event of a service, and waits (bounded) for one to happen. */
export interface EventRecorder {
  events: WebChatEvent[];
  names(options?: { except?: WebChatEventName[] }): WebChatEventName[];
  /** Resolves with the data of the `nth` (default: next unseen) event named `name` matching `where`; rejects after `ms`. */
  next<K extends WebChatEventName>(name: K, where?: (data: WebChatEventMap[K]) => boolean, ms?: number): Promise<WebChatEventMap[K]>;
  all<K extends WebChatEventName>(name: K): WebChatEventMap[K][];
  stop(): void;
}

export function recordEvents(events$: Observable<WebChatEvent>): EventRecorder {
  const events: WebChatEvent[] = [];
  const taken = new Set<WebChatEvent>();
  const subscription = events$.subscribe((e) => events.push(e));
  return {
    events,
    names: (options = {}) => events.map((e) => e.event).filter((n) => !(options.except ?? ['ajaxResponse']).includes(n)),
    all: <K extends WebChatEventName>(name: K) => events.filter((e) => e.event === name).map((e) => e.data as WebChatEventMap[K]),
    next: async <K extends WebChatEventName>(name: K, where: (data: WebChatEventMap[K]) => boolean = () => true, ms = 5000) => {
      const matches = (e: WebChatEvent) => e.event === name && !taken.has(e) && where(e.data as WebChatEventMap[K]);
      const found = events.find(matches) ?? (await firstValueFrom(events$.pipe(filter(matches), timeout({ first: ms, with: () => { throw new Error(`no ${name} event within ${ms} ms; saw: ${events.map((x) => x.event).join(', ')}`); } }))));
      taken.add(found);
      return found.data as WebChatEventMap[K];
    },
    stop: () => subscription.unsubscribe(),
  };
}
