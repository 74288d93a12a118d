import type { Agent } from 'node:http';
import { asyncScheduler, type SchedulerAction, type SchedulerLike, type Subscription } from 'rxjs';
import WebSocket from 'ws';
import type { WebSocketConstructor } from '../../lib/platform/platform';

// xhr2 has no types; it is the XMLHttpRequest the platform's http needs in Node.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const XHR2 = require('xhr2') as new () => XMLHttpRequest & { nodejsHttpAgent?: Agent };

/** What one service instance still holds open (all zero after `destroy()`, or it leaked). */
export interface OpenResources {
  /** Scheduled rxjs actions not run and not cancelled (each one a Node timer). */
  timers: number;
  /** XHRs sent and neither finished nor aborted. */
  requests: number;
  /** WebSockets connecting, open or closing. */
  sockets: number;
}

/** The platform doors of one service instance, counted, so "nothing left running" is checked, not assumed. */
export interface TrackedDoors {
  scheduler: SchedulerLike;
  createXHR: () => XMLHttpRequest;
  WebSocket: WebSocketConstructor;
  /** What is open right now. */
  open(): OpenResources;
}

/**
 * Wraps the three doors through which a service in Node reaches timers, HTTP and WebSocket, and
 * counts what each one holds open. Pass them in the service options; after `destroy()` every count
 * must drop to zero (a closing socket may take a moment: wait, bounded).
 *
 * @example
 * const doors = trackedDoors(agent);
 * const chat = createWebChatService(config, { ...doors, storage });
 * chat.destroy();
 * doors.open(); // { timers: 0, requests: 0, sockets: 0 }
 *
 * @param agent The `http.Agent` the XHRs use (the soak's own, so its sockets can be inspected and closed).
 */
export function trackedDoors(agent?: Agent): TrackedDoors {
  const actions = new Set<Subscription>();
  const xhrs = new Set<XMLHttpRequest>();
  const sockets = new Set<WebSocket>();

  const scheduler: SchedulerLike = {
    now: () => asyncScheduler.now(),
    schedule<T>(work: (this: SchedulerAction<T>, state?: T) => void, delay?: number, state?: T): Subscription {
      const action = asyncScheduler.schedule(work, delay, state);
      actions.add(action);
      return action;
    },
  };

  const createXHR = (): XMLHttpRequest => {
    const xhr = new XHR2();
    if (agent) xhr.nodejsHttpAgent = agent;
    xhrs.add(xhr);
    return xhr;
  };

  class CountedWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols);
      sockets.add(this);
    }
  }

  return {
    scheduler,
    createXHR,
    WebSocket: CountedWebSocket as unknown as WebSocketConstructor,
    open() {
      let timers = 0;
      for (const action of actions) {
        // An AsyncAction is live while `pending` (scheduled, its Node timer set) and not closed.
        if (!action.closed && (action as unknown as { pending: boolean }).pending) timers += 1;
        else actions.delete(action);
      }
      let requests = 0;
      for (const xhr of xhrs) {
        // xhr2 holds its Node request exactly while one is on the wire (cleared on end, error and abort).
        // (xhrRequest creates, opens and sends in one go, so a request without one is finished.)
        if ((xhr as unknown as { _request: unknown })._request) requests += 1;
        else xhrs.delete(xhr);
      }
      let open = 0;
      for (const socket of sockets) {
        if (socket.readyState !== WebSocket.CLOSED) open += 1;
        else sockets.delete(socket);
      }
      return { timers, requests, sockets: open };
    },
  };
}
