import { Observable, Subscription } from 'rxjs';
import type { GmsEnvelope } from '../gms-v2/gmsWire';
import type { ReceiveControl, ReceiveSignal, Verdict } from '../transport';
import type { LinkEvent } from './gmsCometdLink';

/** What the CometD receive side needs from its session. */
export interface GmsCometdReceiveDeps {
  /** The connection's reports. */
  events$: Observable<LinkEvent>;
  /** Signals born in the session's requests and pushes (batches, `ended`). */
  signals$: Observable<ReceiveSignal>;
  /** A pushed envelope: its verdict (health), after its messages went out as a batch. */
  push(envelope: GmsEnvelope): Verdict;
  /** Attached again after a loss: `requestNotifications` from the next position (§11 re-attach). */
  reattached(): void;
  /** `wake`: cancel the server's idle timer (§6.21). */
  wake(): void;
  /** Receiving stopped: the connection goes. */
  close(): void;
}

/**
 * The receive side of GMS over CometD (`contract.md` §11.4): no polling, so no `polling` signal.
 * Each push is a `health` verdict (`statusCode 1` counts toward `pollExceptionLimit`); a loss is
 * `networkDown` (`disconnected`), a re-attach `requestNotifications` and `ok` (`reconnected`); 30
 * failed re-attaches are `serverTimeout` (`chatServerTimeout`). Unsubscribing disconnects.
 *
 * @example
 * session.receive(control$) // = gmsCometdReceive(control$, { events$, signals$, push, reattached, wake, close })
 *
 * @param control$ The service's controls (only `wake` means something here).
 * @param deps The session's connection, signals and hooks.
 */
export function gmsCometdReceive(control$: Observable<ReceiveControl>, deps: GmsCometdReceiveDeps): Observable<ReceiveSignal> {
  return new Observable<ReceiveSignal>((subscriber) => {
    const subscription = new Subscription();
    subscription.add(deps.signals$.subscribe(subscriber));
    subscription.add(
      deps.events$.subscribe((event) => {
        switch (event.type) {
          case 'envelope':
            subscriber.next({ type: 'health', verdict: deps.push(event.envelope) });
            return;
          case 'lost':
            subscriber.next({ type: 'health', verdict: 'networkDown' });
            return;
          case 'attached':
            if (!event.again) return;
            deps.reattached();
            subscriber.next({ type: 'health', verdict: 'ok' });
            return;
          case 'timeout':
            subscriber.next({ type: 'serverTimeout' });
            return;
          case 'refused':
            return;
        }
      }),
    );
    subscription.add(
      control$.subscribe((control) => {
        if (control.type === 'wake') deps.wake();
        if (control.type === 'pollNow') control.reply('busy');
      }),
    );
    subscription.add(() => deps.close());
    return subscription;
  });
}
