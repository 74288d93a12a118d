import { Observable, BehaviorSubject, Subject, combineLatest, distinctUntilChanged, map, observeOn, of, timeout } from 'rxjs';
import type { Subscription } from 'rxjs';
import { OutboxRejections, sendQueueTimedOut } from '../model/outbox';
import type { OutboxEntry } from '../model/outbox';
import { commandTimedOut } from '../model/rejections';
import type { WebChatState } from '../model/state';
import { sendQueue } from '../operators/sendQueue';
import type { SendQueueInput, SendQueueStep } from '../operators/sendQueue';
import { commandSettleBound } from '../service/commandSettleBound';
import type { Outcome } from '../transports/transport';
import type { Engine } from './engine';
import { published } from './engineEvent';
import { saveOutbox } from './outboxStore';
import { outboxVerdict, sendEntry } from './outboxSend';

/** Sends may go out: a session is active and its connection is up (not `disconnected`, not `serverOffline`). */
const canSend = (state: WebChatState) => state.sessionState === 'active' && state.connectionState === 'online';

/** The wait after a send the server certainly did not get, before it goes again. */
const retryDelay = 2000;

type Waiter = { answer(value: unknown): void; refuse(rejection: unknown): void };

/** The running queue of an outbox: what moves its sends, and the wait of each send's caller. */
export interface OutboxQueue {
  /** The queue's input: the outbox's sends, the customer's choices, the chat's end. */
  signal(input: SendQueueInput): void;
  /** A send joins the queue (`failed` ones, restored, wait for a retry), with whether sends may go now. */
  add(item: OutboxEntry): void;
  /** Whether sends may go out now (`canSend`, and the server is not failing). */
  online(): boolean;
  /** The server-failing flag, as the outbox reads it from the engine's verdicts. */
  failing(now: boolean): void;
  /** Answers the caller of `id` once its send settles. */
  wait(id: string): Observable<unknown>;
  stop(): void;
}

/**
 * The moving part of one engine's outbox: the {@link sendQueue} operator that orders and times the
 * sends, the one send in flight, the connection it reads, and the callers waiting for their sends.
 * The outbox makes it on its first send (or a restored outbox that is not empty), not with the
 * engine: an idle session holds none of it (bench figure 6, heap per idle session).
 */
export function createOutboxQueue(engine: Engine, failingAtStart: boolean): OutboxQueue {
  const { config, platform, store } = engine.deps;
  const signals$ = new Subject<SendQueueInput>();
  const failing$ = new BehaviorSubject(failingAtStart);
  const waiters = new Map<string, Waiter>();
  /** Sends still on their way when the chat ended: their outcome answers their caller directly. */
  const orphans = new Set<string>();
  const outcomes = new Map<string, Outcome>();
  let inFlight: Subscription | null = null;
  const online = () => canSend(engine.state) && !failing$.value;

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

  const subscription = signals$.pipe(sendQueue({ retryDelay, scheduler: platform.scheduler })).subscribe(onStep);
  // Connection changes reach the queue after the state change that made them (never inside another state$ listener).
  subscription.add(
    combineLatest([engine.state$.pipe(map(canSend)), failing$])
      .pipe(
        map(([state, down]) => state && !down),
        distinctUntilChanged(),
        observeOn(platform.scheduler),
      )
      .subscribe((now) => signals$.next({ type: 'online', online: now })),
  );

  return {
    signal: (input) => signals$.next(input),
    add(item) {
      signals$.next({ type: 'online', online: online() });
      if (item.status === 'failed') return signals$.next({ type: 'addFailed', id: item.id });
      signals$.next({ type: 'add', id: item.id, wait: Math.max(0, item.queuedAt + config.sendQueueTimeout - platform.now()) });
    },
    online,
    failing: (now) => failing$.next(now),
    wait: (id) =>
      new Observable<unknown>((subscriber) => {
        waiters.set(id, {
          answer: (value) => {
            subscriber.next(value);
            subscriber.complete();
          },
          refuse: (rejection) => subscriber.error(rejection),
        });
        return () => waiters.delete(id);
      }),
    stop() {
      inFlight?.unsubscribe();
      subscription.unsubscribe();
      waiters.clear();
    },
  };
}
