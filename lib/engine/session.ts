import { Subject, Subscription } from 'rxjs';
import type { NormalizedMessage } from '../model/messages';
import type { RawBatch, ReceiveControl, ReceiveSignal, TransportSession } from '../transports/transport';
import { noParticipants } from '../service/participants';
import { agentTypingEpic } from './agentTyping';
import type { Engine, SessionRuntime } from './engine';
import { published } from './engineEvent';
import type { EngineEvent } from './engineEvent';
import { healthEpic } from './health';
import { participantEvents, receiveEpic } from './receive';

/**
 * A session became active (start or restore): reset the page-life registries, process the batch
 * that came with it, then start receiving — in that order (§8.2 items 2 and 3). `first` is the
 * event that announces it (`started`, `restored`, `restoredOffline`).
 */
export function beginSession(engine: Engine, session: TransportSession, startBatch: RawBatch | undefined, first: EngineEvent): void {
  engine.endTime = undefined;
  engine.startTime = engine.now;
  engine.transcript = { messages: [], originalMessages: [] };
  engine.participants = noParticipants;
  engine.batches$?.complete();
  const batches$ = new Subject<RawBatch>();
  engine.batches$ = batches$;
  // The pipeline keeps this session's dedupe keys; it outlives an end, for a late history page.
  receiveEpic(batches$, engine).subscribe((event) => engine.emit(event));
  const runtime: SessionRuntime = {
    session,
    control$: new Subject<ReceiveControl>(),
    subscription: new Subscription(),
    pollReset$: new Subject<'reset'>(),
    typingAgents: new Map(),
    agentTyping$: new Subject(),
    ended: false,
  };
  engine.runtime = runtime;
  engine.emit({ type: 'sessionBegan', sessionData: session.sessionData() });
  const { config, platform } = engine.deps;
  const typing$ = agentTypingEpic(runtime.agentTyping$, runtime.typingAgents, engine.stateSource, config.agentTypingTimeout, platform.scheduler);
  runtime.subscription.add(typing$.subscribe((event) => engine.emit(event)));
  engine.emit(first);
  if (startBatch) engine.deliver(startBatch);
  if (runtime.ended) return;
  // One receive for all readers. The signal handler listens before the source starts, since a
  // signal sent synchronously on subscribe (`polling`) must reach it; health listens after, as it
  // did when this was `share()` (a Subject wired by hand: share was this bundle's only reason for that operator).
  const signals$ = new Subject<ReceiveSignal>();
  runtime.subscription.add(signals$.subscribe((signal) => onSignal(engine, runtime, signal)));
  runtime.subscription.add(session.receive(runtime.control$).subscribe(signals$));
  const health$ = healthEpic(
    {
      signals$,
      pollReset$: runtime.pollReset$,
      pollExceptionLimit: config.pollExceptionLimit,
      ended: () => runtime.ended,
    },
    engine.stateSource,
  );
  runtime.subscription.add(health$.subscribe((event) => engine.emit(event)));
  runtime.subscription.add(signals$.subscribe((signal) => (signal.type === 'health' || signal.type === 'response') && engine.verdicts$.next(signal.verdict)));
  if (engine.state.sleeping) runtime.control$.next({ type: 'sleep' });
}

function onSignal(engine: Engine, runtime: SessionRuntime, signal: ReceiveSignal): void {
  if (runtime.ended) return;
  switch (signal.type) {
    case 'batch':
      engine.deliver(signal.batch);
      return;
    case 'polling':
      if (signal.active !== engine.state.polling) {
        engine.emit({ type: 'polling', polling: signal.active });
        engine.emit(published(signal.active ? 'pollingStarted' : 'pollingStopped', {}));
      }
      return;
    case 'health':
      // A poll failure the server named (v3 §9 "anything else"): reported, and the session goes on.
      if (signal.error) engine.publish('error', signal.error);
      return;
    case 'ended':
      if (signal.error) engine.publish('error', signal.error);
      endSession(engine);
      return;
    case 'serverTimeout':
      engine.publish('chatServerTimeout', {});
      return;
    case 'sessionLost':
      engine.publish('sessionLost', { sessionData: runtime.session.sessionData(), response: signal.response });
      engine.publish('error', signal.error);
      endSession(engine);
      return;
  }
}

/**
 * The end sequence (§8.2 item 5), whatever the cause: stop receiving, `pollingStopped`,
 * `agentTypingStopped` for typing agents, a synthetic leave for each participant still connected,
 * `clientDisconnected` (once per session), `ended`; then forget the persisted keys and filters.
 */
export function endSession(engine: Engine): void {
  const runtime = engine.runtime;
  if (!runtime || runtime.ended) return;
  runtime.ended = true;
  runtime.subscription.unsubscribe();
  runtime.control$.complete();
  if (engine.state.polling) {
    engine.emit({ type: 'polling', polling: false });
    engine.publish('pollingStopped', {});
  }
  for (const message of runtime.typingAgents.values()) engine.publish('agentTypingStopped', message);
  runtime.typingAgents.clear();
  const now = engine.now;
  for (const [id, agent] of Object.entries(engine.participants.agents)) {
    if (!agent.connected) continue;
    participantEvents(engine, syntheticLeave(id, agent.name, agent.type ?? 'Agent', now), (event) => engine.emit(event));
  }
  if (!engine.participants.clientDisconnectedPublished) {
    engine.participants = { ...engine.participants, clientConnected: false, clientDisconnectedPublished: true };
    engine.publish('clientDisconnected', {
      message: syntheticLeave('client', 'Client', 'Client', now),
      agents: engine.participants.agents,
      numAgentsConnected: 0,
    });
  }
  engine.endTime = now;
  runtime.session.forget();
  engine.customPrefilters = [];
  engine.deps.store.remove('filters');
  engine.runtime = null;
  engine.emit({ type: 'sessionEnded', sessionData: engine.deps.transport.emptySessionData() });
  engine.publish('ended', {});
}

function syntheticLeave(id: string, name: string, type: NormalizedMessage['from']['type'], now: number): NormalizedMessage {
  return { index: -1, type: 'ParticipantLeft', text: '', html: false, userData: {}, timestamp: now, from: { id, type, name } };
}

/** The `beginSession` event of a started or restored session, announced by `first`. */
export function begin(session: TransportSession, batch: RawBatch | undefined, first: EngineEvent): EngineEvent {
  return { type: 'beginSession', session, ...(batch ? { batch } : {}), first };
}
