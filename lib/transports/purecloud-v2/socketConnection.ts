import { Observable, asyncScheduler, catchError, concat, connect, defer, endWith, map, merge, of, retry, startWith, takeWhile, throwError, timer } from 'rxjs';
import type { SchedulerLike } from 'rxjs';
import { backoffDelay } from '../../operators/backoffDelay';
import { heartbeatWatchdog } from '../../operators/heartbeatWatchdog';
import type { SocketEvent } from '../../platform/openSocket';

/** What one WebSocket attempt reports (the platform's `openSocket`). */
export type { SocketEvent };

/** Why a connection was given up. */
export type LostReason = 'close' | 'error' | 'silence' | 'closing';

/** What the event-stream connection reports to the session. */
export type ConnectionSignal =
  /** The socket is open; `reopened` after a loss (`wire-purecloud-v2.md` §6 step 3: catch up). */
  | { type: 'open'; reopened: boolean }
  | { type: 'frame'; data: unknown }
  /** The attempt is over; `opened` = it had opened (false: the connect itself failed). A new attempt follows after a backoff. */
  | { type: 'lost'; opened: boolean; reason: LostReason };

export interface SocketConnectionConfig {
  /** Opens one socket to the stored `eventStreamUri`; unsubscribing closes it. */
  open: () => Observable<SocketEvent>;
  /** `transport.socketHeartbeatTrackerInterval` (14000): silence that means the socket is dead (§13.3). */
  heartbeatMs: number;
  /** `transport.socketReconnectInterval` (2000): the backoff base (§13.4). */
  reconnectBase: number;
  /** `backoffMax` (30000). */
  reconnectMax: number;
  /** The platform's `random`, for the jitter. */
  random: () => number;
  /** A frame announcing that the server is about to close (`v2.system.socket_closing`, §5.1): reconnect now. */
  isClosingFrame?: (data: unknown) => boolean;
  scheduler?: SchedulerLike;
}

/**
 * The guest's event-stream connection, kept alive: opens the socket, reports its frames, gives it
 * up on `close`, `error`, a closing frame or `heartbeatMs` of silence (the heartbeat watchdog,
 * `contract.md` §13.3, armed from the attempt's start so a connect that hangs is caught too), and
 * opens a new one after {@link backoffDelay}`(n, {base, max})`, n = consecutive attempts that did
 * not open (`contract.md` §13.4; the shipped client reconnected at once). Never errors; runs until
 * unsubscribed.
 *
 * ```
 * heartbeatMs 5, reconnectBase 2, random 1 (the ceiling):
 * socket 1:  -o-f-f-x
 * socket 2:           e       subscribed at 9: backoffDelay(1) = 2 after the close
 * socket 3:               -o-f  subscribed at 13: backoffDelay(2) = 4 after the failure
 * result:    -O-F-F-L-N----R-F
 * o/O open, f/F frame, x close, e error, L/N lost (had opened / had not), R open {reopened: true};
 * a socket silent for heartbeatMs is lost the same way (reason 'silence').
 * ```
 *
 * @example
 * socketConnection({ open: () => openSocket(uri, platform.WebSocket, 14000), heartbeatMs: 14000,
 *   reconnectBase: 2000, reconnectMax: 30000, random: platform.random, scheduler: platform.scheduler })
 *   .subscribe((signal) => …);
 *
 * @param config The socket factory and the timings.
 */
export function socketConnection(config: SocketConnectionConfig): Observable<ConnectionSignal> {
  const scheduler = config.scheduler ?? asyncScheduler;
  return defer(() => {
    let everOpened = false;
    let failures = 0;
    const attempt$ = defer(() => {
      let opened = false;
      const lost = (reason: LostReason): ConnectionSignal => ({ type: 'lost', opened, reason });
      return config.open().pipe(
        catchError(() => of<SocketEvent>({ type: 'error' })),
        // A socket observable that just ends is a closed socket.
        endWith<SocketEvent>({ type: 'close' }),
        connect((events$) =>
          merge(
            events$,
            events$.pipe(startWith(null), heartbeatWatchdog(config.heartbeatMs, scheduler), map(() => ({ type: 'silence' as const }))),
          ),
        ),
        map((event): ConnectionSignal => {
          switch (event.type) {
            case 'open': {
              const reopened = everOpened;
              opened = true;
              everOpened = true;
              failures = 0;
              return { type: 'open', reopened };
            }
            case 'message':
              return config.isClosingFrame?.(event.data) ? lost('closing') : { type: 'frame', data: event.data };
            case 'close':
              return lost('close');
            case 'error':
              return lost('error');
            case 'silence':
              return lost('silence');
          }
        }),
        takeWhile((signal) => signal.type !== 'lost', true),
      );
    });
    // An attempt always ends with its `lost` signal; that end is what `retry` waits out before the next
    // attempt (`retry` rather than `repeat`: the bundle already carries it for `backoff`).
    return concat(attempt$, throwError(() => 'lost')).pipe(
      retry({
        delay: () => {
          failures += 1;
          return timer(backoffDelay(failures, { base: config.reconnectBase, max: config.reconnectMax }, config.random), scheduler);
        },
      }),
    );
  });
}
