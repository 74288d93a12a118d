import { Observable } from 'rxjs';
import { CometD } from 'cometd';
import type { Message } from 'cometd';
import type { WebSocketConstructor } from './platform';
import { cometdDoors, type CometdDoors } from './cometdWindow';

/** What one CometD connection is opened with (`contract.md` §2.1 `cometD.*`). */
export interface CometdOptions {
  /** The Bayeux endpoint (`cometD.cometURL`). */
  url: string;
  /** The service channel subscribed to, published on, and pushed on (`cometD.channel`). */
  channel: string;
  /** `cometD.websocketEnabled`: false leaves long-polling only. */
  websocketEnabled: boolean;
  /** Headers on every long-polling request (`enableCustomHeader`), read when the connection opens. */
  requestHeaders: Record<string, string>;
  /** `cometD.logLevel` of the library. */
  logLevel: string;
}

/** The answer to one publish: the server's Bayeux reply (`successful`), or a transport failure. */
export interface CometdAck {
  successful: boolean;
  error?: string;
}

/** What an open connection reports. */
export type CometdEvent =
  /** Handshake done, channel subscribed: publishes may go out. */
  | {
      type: 'connected';
      /** Publishes `data` on the service channel; emits the Bayeux acknowledgement, then completes. */
      publish(data: Record<string, unknown>): Observable<CometdAck>;
    }
  /** Data pushed on the channel (acks, which carry `successful`, are not data). */
  | { type: 'message'; data: unknown };

/** Why a connection errored: its handshake failed, or an established one lost `/meta/connect` (or was disconnected). */
export interface CometdFailure {
  cometd: 'handshakeFailed' | 'connectionLost';
  error?: string;
}

/** Opens one connection: the platform's door to the `cometd` package. */
export type CometdOpener = (options: CometdOptions) => Observable<CometdEvent>;

/** The library reads `window.*` (Node has none): the platform's `ws` and XMLHttpRequest factory stand in for them. */
export interface CometdHost {
  WebSocket?: WebSocketConstructor;
  createXHR?: () => XMLHttpRequest;
}

/**
 * One CometD connection as an observable (`wire-gms-v2.md` §11): handshake, subscribe to the
 * channel, then `connected` with a `publish` of the channel, and every push on it as `message`.
 * The library's own retries are cut off: a failed handshake, a failed `/meta/connect` and a server
 * `/meta/disconnect` each end the attempt with a {@link CometdFailure} error, so when to try again
 * (the transport's backoff and its 3 s re-attach) runs on the platform's scheduler. Unsubscribing
 * (or failing) disconnects and closes every WebSocket this client's library opened.
 *
 * @example
 * openCometd({ url: 'https://host/genesys/cometd', channel: '/service/chatV2/customer-support', websocketEnabled: true, requestHeaders: {}, logLevel: 'info' }, host)
 *
 * @param options The endpoint, channel and library settings.
 * @param host In Node, the `ws` constructor and XMLHttpRequest factory of the platform.
 */
export function openCometd(options: CometdOptions, host: CometdHost = {}): Observable<CometdEvent> {
  return new Observable<CometdEvent>((subscriber) => {
    const doors = cometdDoors(host);
    const cometd = new CometD();
    if (!options.websocketEnabled) cometd.unregisterTransport('websocket');
    // Every socket and XHR of this client is created inside one of these two transport calls.
    routeThrough(doors, cometd.findTransport('websocket'), 'send');
    routeThrough(doors, cometd.findTransport('long-polling'), 'xhrSend');
    cometd.configure({
      url: options.url,
      logLevel: (['warn', 'info', 'debug'].includes(options.logLevel) ? options.logLevel : 'info') as 'info',
      useWorkerScheduler: false,
      requestHeaders: options.requestHeaders,
    });
    let open = true;
    let connected = false;
    const fail = (failure: CometdFailure) => {
      if (!open) return;
      open = false;
      // Disconnecting also cancels the library's own next handshake or connect: the transport decides.
      cometd.disconnect();
      doors.closeAll();
      subscriber.error(failure);
    };
    const publish = (data: Record<string, unknown>) =>
      new Observable<CometdAck>((ack) => {
        cometd.publish(options.channel, data, (reply: Message) => {
          ack.next({ successful: reply.successful === true, ...(reply.error ? { error: reply.error } : {}) });
          ack.complete();
        });
      });
    cometd.addListener('/meta/connect', (message: Message) => {
      if (connected && message.successful === false) fail({ cometd: 'connectionLost', ...(message.error ? { error: message.error } : {}) });
    });
    cometd.addListener('/meta/disconnect', () => connected && fail({ cometd: 'connectionLost' }));
    const pushed = (message: Message) => {
      if (open && message.successful === undefined && message.data !== undefined) subscriber.next({ type: 'message', data: message.data });
    };
    cometd.handshake((reply: Message) => {
      if (!reply.successful) return fail({ cometd: 'handshakeFailed', ...(reply.error ? { error: reply.error } : {}) });
      cometd.subscribe(options.channel, pushed, (subscribed: Message) => {
        if (!open) return;
        if (!subscribed.successful) return fail({ cometd: 'handshakeFailed', ...(subscribed.error ? { error: subscribed.error } : {}) });
        connected = true;
        subscriber.next({ type: 'connected', publish });
      });
    });
    return () => {
      if (!open) return;
      open = false;
      cometd.disconnect();
      doors.closeAll();
    };
  });
}

/** Replaces a transport's method with one that runs it through the client's doors. */
function routeThrough(doors: CometdDoors, transport: unknown, method: string): void {
  const target = transport as Record<string, unknown> | null;
  const original = target?.[method];
  if (!target || typeof original !== 'function') return;
  target[method] = (...args: unknown[]) => doors.run(() => original.apply(target, args));
}
