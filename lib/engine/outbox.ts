import { Observable, Subject, combineLatest, distinctUntilChanged, map, observeOn, of, takeUntil, tap, throwError, timeout } from 'rxjs';
import type { Subscription } from 'rxjs';
import { OutboxRejections, sendQueueTimedOut } from '../model/outbox';
import type { OutboxCommand, OutboxEntry } from '../model/outbox';
import { commandTimedOut } from '../model/rejections';
import type { WebChatState } from '../model/state';
import { sendQueue } from '../operators/sendQueue';
import { serverFailing } from '../operators/serverFailing';
import type { SendQueueInput, SendQueueStep } from '../operators/sendQueue';
import { commandSettleBound } from '../service/commandSettleBound';
import type { Outcome } from '../transports/transport';
import type { Settle } from './chatEpic';
import type { Engine } from './engine';
import { published } from './engineEvent';
import { loadOutbox, outboxKey, saveOutbox } from './outboxStore';
import { outboxVerdict, sendEntry } from './outboxSend';

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
}

/** Sends may go out: a session is active and its connection is up (not `disconnected`, not `serverOffline`). */
const canSend = (state: WebChatState) => state.sessionState === 'active' && state.connectionState === 'online';

/** The wait after a send the server certainly did not get, before it goes again. */
const retryDelay = 2000;

type Waiter = { answer(value: unknown): void; refuse(rejection: unknown): void };

/**
 * The outbox of one engine, for its whole life: the state's `outbox` (through `emit`), the
 * {@link sendQueue} operator that orders and times it, the one send in flight, the persisted copy
 * (`outboxStore`), and the callers waiting for their sends. A session start clears it, a restore
 * reloads it, the chat's end rejects and removes what is left. Nothing here knows which transport
 * or which tab: it is engine state, like the rest of `WebChatState`.
 */
export function createOutbox(engine: Engine): Outbox {
  const { config, platform, store } = engine.deps;
  const signals$ = new Subject<SendQueueInput>();
  const waiters = new Map<string, Waiter>();
  /** Sends still on their way when the chat ended: their outcome answers their caller directly. */
  const orphans = new Set<string>();
  let inFlight: Subscription | null = null;
  /** The server answers with failures (a 5xx or `statusCode: 1` streak): sends wait, as while disconnected. */
  let failing = false;
  const online = () => canSend(engine.state) && !failing;
  let counter = 0;

  const entry = (id: string) => engine.state.outbox.find((e) => e.id === id);
  const move = (id: string, status: OutboxEntry['status'] | 'removed', failure?: OutboxEntry['failure']) => {
    engine.emit({ type: 'outboxMoved', id, status, ...(failure ? { failure } : {}) });
    saveOutbox(store, engine.state.outbox);
  };
  const settleWaiter = (id: string, outcome: { ok: true; value: unknown } | { ok: false; rejection: unknown }) => {
    const waiter = waiters.get(id);
    waiters.delete(id);
    if (waiter) outcome.ok ? waiter.answer(outcome.value) : waiter.refuse(outcome.rejection);
  };
  const outcomes = new Map<string, Outcome>();

  const send = (id: string) => {
    const current = entry(id);
    const session = engine.runtime?.session;
    if (!current || !session) return signals$.next({ type: 'settled', id, outcome: 'notDelivered' });
    // The backstop of issue 6 for the send in flight, whatever the transport waits on: failed, never resent.
    const bound = commandSettleBound(current.command, { ...config, sendQueueTimeout: 0 });
    const late: Outcome = { ok: false, verdict: 'networkDown', failure: commandTimedOut(current.command, bound) };
    inFlight = sendEntry(session, current).pipe(timeout({ first: bound, with: () => of(late), scheduler: platform.scheduler })).subscribe((outcome) => {
      inFlight = null;
      if (orphans.delete(id)) return settleWaiter(id, outcome.ok ? { ok: true, value: outcome.body } : { ok: false, rejection: OutboxRejections.ended });
      outcomes.set(id, outcome);
      signals$.next({ type: 'settled', id, outcome: outboxVerdict(outcome), ...(!outcome.ok && outcome.retryAfterMs ? { retryAfter: outcome.retryAfterMs } : {}) });
      outcomes.delete(id);
    });
  };

  const onStep = (step: SendQueueStep) => {
    const outcome = outcomes.get(step.id);
    switch (step.status) {
      case 'sending':
        move(step.id, 'sending');
        return send(step.id);
      case 'queued':
        return move(step.id, 'queued');
      case 'sent':
        move(step.id, 'sent');
        move(step.id, 'removed');
        return settleWaiter(step.id, { ok: true, value: outcome?.ok ? outcome.body : undefined });
      case 'failed': {
        move(step.id, 'failed', step.reason);
        if (step.reason === 'timeout') return settleWaiter(step.id, { ok: false, rejection: sendQueueTimedOut(config.sendQueueTimeout) });
        const failure = outcome && !outcome.ok ? outcome.failure : {};
        // A failure the transport described as an error payload (`MessageFailed`, §4) is also an `error` event, as before the outbox.
        if (Array.isArray((failure as { errors?: unknown }).errors)) engine.emit(published('error', failure as Record<string, unknown>));
        return settleWaiter(step.id, { ok: false, rejection: failure });
      }
      case 'removed':
        move(step.id, 'removed');
        if (step.wasSending) return void orphans.add(step.id);
        return settleWaiter(step.id, { ok: false, rejection: step.reason === 'ended' ? OutboxRejections.ended : OutboxRejections.discarded });
    }
  };

  const add = (item: OutboxEntry) => {
    signals$.next({ type: 'online', online: online() });
    if (item.status === 'failed') return signals$.next({ type: 'addFailed', id: item.id });
    signals$.next({ type: 'add', id: item.id, wait: Math.max(0, item.queuedAt + config.sendQueueTimeout - platform.now()) });
  };

  const subscription = signals$.pipe(sendQueue({ retryDelay, scheduler: platform.scheduler })).subscribe(onStep);
  // Connection changes reach the queue after the state change that made them (never inside another state$ listener).
  const failing$ = engine.verdicts$.pipe(map((verdict) => ({ verdict })), serverFailing(platform.scheduler), tap((now) => (failing = now)));
  subscription.add(
    combineLatest([engine.state$.pipe(map(canSend)), failing$])
      .pipe(
        map(([state, down]) => state && !down),
        distinctUntilChanged(),
        observeOn(platform.scheduler),
      )
      .subscribe((online) => signals$.next({ type: 'online', online })),
  );
  subscription.add(
    engine.events$.subscribe(({ event }) => {
      if (event === 'started') return store.remove(outboxKey);
      if (event === 'ended') return signals$.next({ type: 'end' });
      if (event !== 'restored' && event !== 'restoredOffline') return;
      // After the restore's own state changes (`restoredOffline` is followed by `serverOffline`).
      subscription.add(platform.scheduler.schedule(() => restore()));
    }),
  );
  const restore = () => {
    const entries = loadOutbox(store);
    if (entries.length === 0) return;
    engine.emit({ type: 'outboxRestored', entries });
    saveOutbox(store, entries);
    for (const item of entries) add(item);
  };
  engine.destroyed$.subscribe(() => {
    inFlight?.unsubscribe();
    subscription.unsubscribe();
    waiters.clear();
  });

  const wait = (id: string) =>
    new Observable<unknown>((subscriber) => {
      waiters.set(id, {
        answer: (value) => {
          subscriber.next(value);
          subscriber.complete();
        },
        refuse: (rejection) => subscriber.error(rejection),
      });
      return () => waiters.delete(id);
    });

  return {
    enqueue(send) {
      const id = `${platform.now().toString(36)}-${(counter += 1).toString(36)}-${Math.floor(platform.random() * 2 ** 30).toString(36)}`;
      const item: OutboxEntry = { id, ...send, status: 'queued', queuedAt: platform.now() };
      return new Observable<Settle>((subscriber) => {
        const waiting = wait(id).subscribe({ next: (value) => subscriber.next({ type: 'settle', value }), error: (e: unknown) => subscriber.error(e), complete: () => subscriber.complete() });
        engine.emit({ type: 'outboxAdded', entry: item });
        saveOutbox(store, engine.state.outbox);
        add(item);
        return waiting;
      });
    },
    retry(id) {
      if (entry(id)?.status !== 'failed') return throwError(() => OutboxRejections.unknown);
      return new Observable<unknown>((subscriber) => {
        const waiting = wait(id).subscribe(subscriber);
        signals$.next({ type: 'online', online: online() });
        signals$.next({ type: 'retry', id, wait: config.sendQueueTimeout });
        return waiting;
      }).pipe(takeUntil(engine.destroyed$));
    },
    discard(id) {
      const status = entry(id)?.status;
      if (status !== 'queued' && status !== 'failed') return throwError(() => OutboxRejections.unknown);
      signals$.next({ type: 'discard', id });
      return of(undefined);
    },
  };
}
