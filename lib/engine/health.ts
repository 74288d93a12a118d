import { Observable, Subject } from 'rxjs';
import { connectionHealth } from '../operators/connectionHealth';
import { pollExceptionLimit } from '../operators/pollExceptionLimit';
import type { PollExceptionInput } from '../operators/pollExceptionLimit';
import type { ConnectionState } from '../model/state';
import type { ReceiveSignal, Verdict } from '../transports/transport';
import type { StateSource } from './chatEpic';
import type { EngineEvent } from './engineEvent';
import { published } from './engineEvent';

/** What the health of one session is read from. */
export interface HealthSources {
  /** The session's receive signals: `health` (a poll or the socket) and `response` (any other answered request). */
  signals$: Observable<ReceiveSignal>;
  /** `resetPollExceptions`. */
  pollReset$: Observable<'reset'>;
  pollExceptionLimit: number;
  /** Whether the session ended meanwhile: nothing more is said about it. */
  ended(): boolean;
}

/**
 * Connection health of one session (§13): `disconnected`/`reconnected` with the connection state,
 * and the GMS poll-exception events (`connectionPending`, `chatServerWentOffline`, …).
 */
export function healthEpic(sources: HealthSources, state$: StateSource): Observable<EngineEvent> {
  // Plain subscriptions and two Subjects instead of a merge() per operator and an inner Observable
  // per verdict: this lives as long as every idle session (bench figure 6, heap per session). Each
  // poll verdict reaches connection health, then the poll-exception count, as the two merges had it.
  return new Observable<EngineEvent>((subscriber) => {
    const say = (change: ConnectionState | null, event: EngineEvent) => {
      if (sources.ended()) return;
      if (change) subscriber.next({ type: 'connectionState', connectionState: change });
      subscriber.next(event);
    };
    const connection$ = new Subject<Verdict>();
    const server$ = new Subject<PollExceptionInput>();
    const subscription = connection$.pipe(connectionHealth()).subscribe((event) => {
      const wasDisconnected = state$.value.connectionState === 'disconnected';
      say(event === 'disconnected' ? 'disconnected' : wasDisconnected ? 'online' : null, published(event, {}));
    });
    subscription.add(
      server$.pipe(pollExceptionLimit(sources.pollExceptionLimit)).subscribe((event) => {
        const change = event === 'chatServerWentOffline' ? 'serverOffline' : event === 'connectionRestored' ? 'online' : null;
        say(change, published(event, {}));
      }),
    );
    const error = (rejection: unknown) => subscriber.error(rejection);
    subscription.add(
      sources.signals$.subscribe({
        next: (signal) => {
          if (signal.type !== 'health' && signal.type !== 'response') return;
          connection$.next(signal.verdict);
          // Only the poll's own verdict counts toward pollExceptionLimit (§13.1).
          if (signal.type === 'health') server$.next(signal.verdict);
        },
        error,
      }),
    );
    subscription.add(sources.pollReset$.subscribe({ next: (reset) => server$.next(reset), error }));
    return subscription;
  });
}
