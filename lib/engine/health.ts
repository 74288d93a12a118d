import { filter, map, merge } from 'rxjs';
import type { Observable } from 'rxjs';
import { connectionHealth } from '../operators/connectionHealth';
import { pollExceptionLimit } from '../operators/pollExceptionLimit';
import type { ReceiveSignal } from '../transports/transport';
import type { Engine, SessionRuntime } from './engine';

/** Connection health of one session: `disconnected`/`reconnected` and the GMS poll-exception events (§13). */
export function health(engine: Engine, runtime: SessionRuntime, signals$: Observable<ReceiveSignal>): void {
  const pollVerdicts$ = signals$.pipe(
    filter((s): s is Extract<ReceiveSignal, { type: 'health' }> => s.type === 'health'),
    map((s) => s.verdict),
  );
  const responseVerdicts$ = engine.deps.transport.responses$.pipe(map((r) => r.verdict));
  runtime.subscription.add(
    merge(pollVerdicts$, responseVerdicts$)
      .pipe(connectionHealth())
      .subscribe((event) => {
        if (runtime.ended) return;
        if (event === 'disconnected') engine.emit({ type: 'connectionState', connectionState: 'disconnected' });
        else if (engine.state.connectionState === 'disconnected') engine.emit({ type: 'connectionState', connectionState: 'online' });
        engine.publish(event, {});
      }),
  );
  runtime.subscription.add(
    merge(pollVerdicts$, runtime.pollReset$)
      .pipe(pollExceptionLimit(engine.deps.config.pollExceptionLimit))
      .subscribe((event) => {
        if (runtime.ended) return;
        if (event === 'chatServerWentOffline') engine.emit({ type: 'connectionState', connectionState: 'serverOffline' });
        if (event === 'connectionRestored') engine.emit({ type: 'connectionState', connectionState: 'online' });
        engine.publish(event, {});
      }),
  );
}
