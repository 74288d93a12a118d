import { Observable, of, takeUntil, throwError } from 'rxjs';
import { OutboxRejections } from '../model/outbox';
import type { OutboxCommand, OutboxEntry } from '../model/outbox';
import { serverFailing } from '../operators/serverFailing';
import type { WebChatEvent } from '../model/events';
import type { Settle } from './chatEpic';
import type { Engine } from './engine';
import { createOutboxQueue } from './outboxQueue';
import type { OutboxQueue } from './outboxQueue';
import { loadOutbox, outboxKey, saveOutbox } from './outboxStore';

/** A validated send, as it joins the outbox. */
export interface OutboxSend {
  command: OutboxCommand;
  text: string;
  type?: string;
  parentMessageID?: string;
}

/** The engine's outbox (issue 14): where every send goes, and the customer's retry and discard. */
export interface Outbox {
  /** The send joins the outbox; answers with the transport's body once delivered, or rejects (texts in `model/outbox`). */
  enqueue(send: OutboxSend): Observable<Settle>;
  /** A `failed` send goes again: answers once delivered, like the send's own command. */
  retry(id: string): Observable<unknown>;
  /** A `queued` or `failed` send leaves the outbox (its command, if still waiting, rejects). */
  discard(id: string): Observable<void>;
  /** An event the engine publishes, before its listeners hear it: a start clears the outbox, an end ends it, a restore reloads it. */
  heard(event: WebChatEvent): void;
  /** The engine is destroyed: the queue, its send in flight and the outbox's readers stop; waiting callers are forgotten. */
  stop(): void;
}

/**
 * The outbox of one engine, for its whole life: the state's `outbox` (through `emit`), the
 * persisted copy (`outboxStore`), and its {@link OutboxQueue} (the sends' order, timing and callers),
 * made on the first send, retry or discard, or when a restore brings sends back; until then an idle
 * session holds only the outbox's reading of the engine's events and server failures (bench figure 6).
 * A session start clears it, a restore reloads it, the chat's end rejects and removes what is left.
 * Nothing here knows which transport or which tab: it is engine state, like the rest of `WebChatState`.
 */
export function createOutbox(engine: Engine): Outbox {
  const { platform, store, config } = engine.deps;
  let queue: OutboxQueue | null = null;
  /** The server answers with failures (a 5xx or `statusCode: 1` streak): sends wait, as while disconnected. */
  let failing = false;
  let counter = 0;
  const running = () => (queue ??= createOutboxQueue(engine, failing));
  const entry = (id: string) => engine.state.outbox.find((e) => e.id === id);

  const subscription = engine.verdicts$.pipe(serverFailing(platform.scheduler)).subscribe((now) => {
    failing = now;
    queue?.failing(now);
  });
  const restore = () => {
    const entries = loadOutbox(store);
    if (entries.length === 0) return;
    engine.emit({ type: 'outboxRestored', entries });
    saveOutbox(store, entries);
    for (const item of entries) running().add(item);
  };

  return {
    heard({ event }) {
      if (subscription.closed) return;
      if (event === 'started') return store.remove(outboxKey);
      if (event === 'ended') return queue?.signal({ type: 'end' });
      if (event !== 'restored' && event !== 'restoredOffline') return;
      // After the restore's own state changes (`restoredOffline` is followed by `serverOffline`).
      subscription.add(platform.scheduler.schedule(() => restore()));
    },
    stop() {
      queue?.stop();
      subscription.unsubscribe();
    },
    enqueue(send) {
      const id = `${platform.now().toString(36)}-${(counter += 1).toString(36)}-${Math.floor(platform.random() * 2 ** 30).toString(36)}`;
      const item: OutboxEntry = { id, ...send, status: 'queued', queuedAt: platform.now() };
      return new Observable<Settle>((subscriber) => {
        const waiting = running()
          .wait(id)
          .subscribe({ next: (value) => subscriber.next({ type: 'settle', value }), error: (e: unknown) => subscriber.error(e), complete: () => subscriber.complete() });
        engine.emit({ type: 'outboxAdded', entry: item });
        saveOutbox(store, engine.state.outbox);
        running().add(item);
        return waiting;
      });
    },
    retry(id) {
      if (entry(id)?.status !== 'failed') return throwError(() => OutboxRejections.unknown);
      return new Observable<unknown>((subscriber) => {
        const waiting = running().wait(id).subscribe(subscriber);
        running().signal({ type: 'online', online: running().online() });
        running().signal({ type: 'retry', id, wait: config.sendQueueTimeout });
        return waiting;
      }).pipe(takeUntil(engine.destroyed$));
    },
    discard(id) {
      const status = entry(id)?.status;
      if (status !== 'queued' && status !== 'failed') return throwError(() => OutboxRejections.unknown);
      running().signal({ type: 'discard', id });
      return of(undefined);
    },
  };
}
