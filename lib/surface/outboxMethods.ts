import { AsyncSubject, distinctUntilChanged, map } from 'rxjs';
import type { Observable } from 'rxjs';
import type { OutboxEntry } from '../model/outbox';
import type { Engine } from '../engine/engine';
import { destroyedRejection } from './commandLanes';

/** The modern surface's view of the outbox (issue 14). */
export interface OutboxMethods {
  /** The pending sends, in order, replayed to late subscribers; a new array on every change. */
  readonly outbox$: Observable<readonly OutboxEntry[]>;
  /** Sends a `failed` entry again: resolves with the send's answer once delivered, rejects as a send does. */
  retrySend(id: string): Observable<unknown>;
  /** Removes a `queued` or `failed` entry (a command still waiting for it rejects). */
  discardSend(id: string): Observable<void>;
}

/**
 * `outbox$`, `retrySend` and `discardSend` over an engine. Like a command, each call runs at once
 * and replays its single result to every subscriber; `destroy()` rejects what is still waiting.
 */
export function outboxMethods(engine: Engine): OutboxMethods {
  const call = <T>(work: () => Observable<T>): Observable<T> => {
    const reply = new AsyncSubject<T>();
    if (engine.destroyed) {
      reply.error(destroyedRejection);
      return reply.asObservable();
    }
    const cut = engine.destroyed$.subscribe(() => reply.error(destroyedRejection));
    const running = work().subscribe(reply);
    reply.subscribe({ error: () => cleanup(), complete: () => cleanup() });
    function cleanup() {
      cut.unsubscribe();
      running.unsubscribe();
    }
    return reply.asObservable();
  };
  return {
    outbox$: engine.state$.pipe(
      map((state) => state.outbox),
      distinctUntilChanged(),
    ),
    retrySend: (id) => call(() => engine.outbox.retry(id)),
    discardSend: (id) => call(() => engine.outbox.discard(id)),
  };
}
