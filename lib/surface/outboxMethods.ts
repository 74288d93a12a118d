import { AsyncSubject, distinctUntilChanged, map } from 'rxjs';
import type { Observable } from 'rxjs';
import type { OutboxEntry } from '../model/outbox';
import type { WebChatState } from '../model/state';
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

/** The two outbox calls, by name: what a following tab relays to the leading tab (issue 13). */
export type OutboxCallName = 'retrySend' | 'discardSend';

/** Where the outbox methods read and run: a state, the calls' work, and when the service is destroyed. */
export interface OutboxSource {
  state$: Observable<WebChatState>;
  run(name: OutboxCallName, id: string): Observable<unknown>;
  destroyed$: Observable<void>;
  destroyed(): boolean;
}

/**
 * `outbox$`, `retrySend` and `discardSend` over `source` (an engine, or in multi-tab mode the tab's
 * replicated state and the leading tab). Like a command, each call runs at once and replays its
 * single result to every subscriber; `destroy()` rejects what is still waiting.
 */
export function outboxMethodsOf(source: OutboxSource): OutboxMethods {
  const call = <T>(name: OutboxCallName, id: string): Observable<T> => {
    const reply = new AsyncSubject<T>();
    if (source.destroyed()) {
      reply.error(destroyedRejection);
      return reply.asObservable();
    }
    const cut = source.destroyed$.subscribe(() => reply.error(destroyedRejection));
    const running = (source.run(name, id) as Observable<T>).subscribe(reply);
    reply.subscribe({ error: () => cleanup(), complete: () => cleanup() });
    function cleanup() {
      cut.unsubscribe();
      running.unsubscribe();
    }
    return reply.asObservable();
  };
  return {
    outbox$: source.state$.pipe(
      map((state) => state.outbox),
      // A following tab's state is a copy from the channel: an unchanged outbox is a new, equal array.
      distinctUntilChanged((a, b) => a.length === b.length && a.every((entry, i) => entry === b[i] || JSON.stringify(entry) === JSON.stringify(b[i]))),
    ),
    retrySend: (id) => call('retrySend', id),
    discardSend: (id) => call<void>('discardSend', id),
  };
}

/** {@link outboxMethodsOf} an engine: its state and its outbox. */
export function outboxMethods(engine: Engine): OutboxMethods {
  return outboxMethodsOf({
    state$: engine.state$,
    run: (name, id) => (name === 'retrySend' ? engine.outbox.retry(id) : engine.outbox.discard(id)),
    destroyed$: engine.destroyed$,
    destroyed: () => engine.destroyed,
  });
}
