import { concatMap, filter, map, merge, of } from 'rxjs';
import type { Observable } from 'rxjs';
import { connectionHealth } from '../operators/connectionHealth';
import { pollExceptionLimit } from '../operators/pollExceptionLimit';
import type { ReceiveSignal, Verdict } from '../transports/transport';
import type { StateSource } from './chatEpic';
import type { EngineEvent } from './engineEvent';
import { published } from './engineEvent';

/** What the health of one session is read from. */
export interface HealthSources {
  /** The session's receive signals (their `health` verdicts). */
  signals$: Observable<ReceiveSignal>;
  /** The verdicts of every other completed request. */
  responseVerdicts$: Observable<Verdict>;
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
  const pollVerdicts$ = sources.signals$.pipe(
    filter((s): s is Extract<ReceiveSignal, { type: 'health' }> => s.type === 'health'),
    map((s) => s.verdict),
  );
  const connection$ = merge(pollVerdicts$, sources.responseVerdicts$).pipe(
    connectionHealth(),
    filter(() => !sources.ended()),
    concatMap((event) => {
      const published$ = published(event, {});
      if (event === 'disconnected') return of<EngineEvent[]>({ type: 'connectionState', connectionState: 'disconnected' }, published$);
      if (state$.value.connectionState === 'disconnected') return of<EngineEvent[]>({ type: 'connectionState', connectionState: 'online' }, published$);
      return of(published$);
    }),
  );
  const server$ = merge(pollVerdicts$, sources.pollReset$).pipe(
    pollExceptionLimit(sources.pollExceptionLimit),
    filter(() => !sources.ended()),
    concatMap((event) => {
      const published$ = published(event, {});
      if (event === 'chatServerWentOffline') return of<EngineEvent[]>({ type: 'connectionState', connectionState: 'serverOffline' }, published$);
      if (event === 'connectionRestored') return of<EngineEvent[]>({ type: 'connectionState', connectionState: 'online' }, published$);
      return of(published$);
    }),
  );
  return merge(connection$, server$);
}
