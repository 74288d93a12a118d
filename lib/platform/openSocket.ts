import { Observable } from 'rxjs';
import ReconnectingWebSocket from 'reconnecting-websocket';
import type { WebSocketConstructor } from './platform';

/** What one WebSocket attempt reports. */
export type SocketEvent =
  | { type: 'open' }
  | { type: 'message'; data: unknown }
  | { type: 'close'; code?: number; reason?: string }
  | { type: 'error' };

/**
 * One WebSocket attempt as an observable of {@link SocketEvent}s: the platform's only door to
 * reconnecting-websocket (the Cloud event stream, `wire-purecloud-v2.md` §5, is its user). Its own
 * retries are switched off: when to reconnect, and how long to wait, is the caller's decision on the
 * platform's scheduler (the Cloud transport's `socketConnection`, §13.4 backoff with jitter), so
 * every delay is testable in virtual time. Unsubscribing closes the socket.
 *
 * @example
 * openSocket('wss://…/v1/token/…', platform.WebSocket, 14000).subscribe((event) => …);
 *
 * @param url The socket's URL (for Cloud: the stored `eventStreamUri`).
 * @param WebSocket The platform's WebSocket constructor (`ws` in Node); the global one when absent.
 * @param connectTimeoutMs How long a connect may take before the attempt fails.
 */
export function openSocket(url: string, WebSocket: WebSocketConstructor | undefined, connectTimeoutMs: number): Observable<SocketEvent> {
  return new Observable<SocketEvent>((subscriber) => {
    const socket = new ReconnectingWebSocket(url, [], {
      ...(WebSocket ? { WebSocket } : {}),
      // One connection per attempt: reconnecting-websocket must neither retry nor wait on its own timers.
      maxRetries: 0,
      minReconnectionDelay: 0,
      maxReconnectionDelay: 0,
      connectionTimeout: connectTimeoutMs,
    });
    const onOpen = () => subscriber.next({ type: 'open' });
    const onMessage = (event: MessageEvent) => subscriber.next({ type: 'message', data: event.data });
    const onClose = (event: { code?: number; reason?: string }) => subscriber.next({ type: 'close', code: event.code, reason: event.reason });
    const onError = () => subscriber.next({ type: 'error' });
    socket.addEventListener('open', onOpen);
    socket.addEventListener('message', onMessage);
    socket.addEventListener('close', onClose);
    socket.addEventListener('error', onError);
    // The listeners stay: once unsubscribed, the subscriber ignores what the closing socket still reports.
    return () => socket.close();
  });
}
