import { BehaviorSubject, Observable, Subject, Subscription, filter, map, merge, takeUntil } from 'rxjs';
import type { Preprocessor } from '../model/commands';
import type { ResolvedConfig } from '../model/config';
import type { WebChatEvent, WebChatEventMap, WebChatEventName } from '../model/events';
import type { NormalizedMessage } from '../model/messages';
import type { WebChatState } from '../model/state';
import { agentTypingTimeout } from '../operators/agentTypingTimeout';
import type { AgentTypingEvent, AgentTypingSignal } from '../operators/agentTypingTimeout';
import { connectionHealth } from '../operators/connectionHealth';
import { pollExceptionLimit } from '../operators/pollExceptionLimit';
import { processBatch } from '../pipeline/messagePipeline';
import { builtInPrefilters, deserializeFilters, serializeFilters } from '../pipeline/prefilters';
import type { Platform } from '../platform/platform';
import type { SessionStore } from '../storage/sessionStore';
import type { RawBatch, ReceiveControl, ReceiveSignal, Transport, TransportSession, Verdict } from '../transports/transport';
import { noParticipants, numAgentsConnected, participantChange } from './participants';
import type { Participants } from './participants';
import { idleState } from './idleState';

/** What the engine is built from (the composition root's output). */
export interface EngineDeps {
  config: ResolvedConfig;
  platform: Platform;
  store: SessionStore;
  transport: Transport;
}

/** The transcript of the current session, or of the last one until a new start (§6.16). */
interface Transcript {
  messages: NormalizedMessage[];
  originalMessages: unknown[];
}

/** Everything that lives as long as one session: torn down in one place by {@link Engine.endSession}. */
interface SessionRuntime {
  session: TransportSession;
  control$: Subject<ReceiveControl>;
  subscription: Subscription;
  pollReset$: Subject<'reset'>;
  typingAgents: Map<string, NormalizedMessage>;
  ended: boolean;
}

/**
 * The engine: session state (a BehaviorSubject), the event subject, the running session and the
 * per-batch processing of `contract.md` §10. Commands (`commandHandlers.ts`) drive it; it knows no
 * bus and never asks which transport it has.
 */
export class Engine {
  readonly events = new Subject<WebChatEvent>();
  readonly messages = new Subject<NormalizedMessage>();
  readonly state: BehaviorSubject<WebChatState>;
  readonly destroyed = new Subject<void>();
  readonly preprocessors: Preprocessor[] = [];
  customPrefilters: RegExp[];
  transcript: Transcript = { messages: [], originalMessages: [] };
  participants: Participants = noParticipants;
  seen = new Set<string>();
  startTime: number | undefined;
  endTime: number | undefined;
  runtime: SessionRuntime | null = null;
  /** The registered typing-preview input (§6.19), whose value is `sendTyping`'s default text. */
  previewInput: { value: string } | null = null;

  constructor(readonly deps: EngineDeps) {
    const { config, transport, store } = deps;
    this.customPrefilters = deserializeFilters(store.get('filters'));
    // `ajaxResponse` (§8.1): every completed REST response, whatever its status.
    transport.responses$.pipe(takeUntil(this.destroyed)).subscribe((response) => this.publish('ajaxResponse', response.body));
    this.state = new BehaviorSubject<WebChatState>(
      idleState(config.transportId, transport.capabilities, transport.emptySessionData(), { ...config.userData }, { ...config.transport.interactionData }),
    );
  }

  get now(): number {
    return this.deps.platform.now();
  }

  publish<K extends WebChatEventName>(event: K, data: WebChatEventMap[K]): void {
    this.events.next({ event, data } as WebChatEvent);
  }

  setState(patch: Partial<WebChatState>): void {
    this.state.next({ ...this.state.value, ...patch });
  }

  prefilters(): RegExp[] {
    return [...builtInPrefilters, ...this.customPrefilters];
  }

  addPrefilters(filters: readonly RegExp[]): RegExp[] {
    this.customPrefilters = [...this.customPrefilters, ...filters];
    this.deps.store.set('filters', serializeFilters(this.customPrefilters));
    return this.prefilters();
  }

  sessionData() {
    return this.runtime ? this.runtime.session.sessionData() : this.deps.transport.emptySessionData();
  }

  /**
   * A session became active (start or restore): reset the page-life registries, process the batch
   * that came with it, then start receiving — in that order (§8.2 items 2 and 3).
   */
  beginSession(session: TransportSession, startBatch: RawBatch | undefined, publishFirst: () => void): void {
    this.endTime = undefined;
    this.startTime = this.now;
    this.seen = new Set();
    this.transcript = { messages: [], originalMessages: [] };
    this.participants = noParticipants;
    const control$ = new Subject<ReceiveControl>();
    const runtime: SessionRuntime = {
      session,
      control$,
      subscription: new Subscription(),
      pollReset$: new Subject<'reset'>(),
      typingAgents: new Map(),
      ended: false,
    };
    this.runtime = runtime;
    this.setState({
      sessionState: 'active',
      sessionActive: true,
      connectionState: 'online',
      sessionData: session.sessionData(),
      agents: {},
    });
    runtime.subscription.add(this.agentTyping(runtime));
    publishFirst();
    if (startBatch) this.deliver(startBatch);
    if (runtime.ended) return;
    // One receive for all readers. The signal handler listens before the source starts, since a
    // signal sent synchronously on subscribe (`polling`) must reach it; health listens after, as it
    // did when this was `share()` (a Subject wired by hand: share was this bundle's only reason for that operator).
    const signals$ = new Subject<ReceiveSignal>();
    runtime.subscription.add(signals$.subscribe((signal) => this.onSignal(runtime, signal)));
    runtime.subscription.add(session.receive(control$).subscribe(signals$));
    this.health(runtime, signals$);
    if (this.state.value.sleeping) control$.next({ type: 'sleep' });
  }

  /** Feeds an agent typing signal into the session's `agentTypingTimeout` operator. */
  private agentTypingSignals = new Subject<AgentTypingSignal<NormalizedMessage>>();

  private agentTyping(runtime: SessionRuntime): Subscription {
    this.agentTypingSignals = new Subject<AgentTypingSignal<NormalizedMessage>>();
    return this.agentTypingSignals
      .pipe(agentTypingTimeout<NormalizedMessage>(this.deps.config.agentTypingTimeout, this.deps.platform.scheduler))
      .subscribe((event: AgentTypingEvent<NormalizedMessage>) => {
        if (event.type === 'started') runtime.typingAgents.set(event.agentId, event.message);
        else runtime.typingAgents.delete(event.agentId);
        const agentTyping = runtime.typingAgents.size > 0;
        if (agentTyping !== this.state.value.agentTyping) this.setState({ agentTyping });
        const name = event.type === 'started' ? 'agentTypingStarted' : event.type === 'stopped' ? 'agentTypingStopped' : 'agentTypingTimeout';
        this.publish(name, event.message);
      });
  }

  /** Connection health of one session: `disconnected`/`reconnected` and the GMS poll-exception events (§13). */
  private health(runtime: SessionRuntime, signals$: Observable<ReceiveSignal>): void {
    const pollVerdicts$ = signals$.pipe(
      filter((s): s is Extract<ReceiveSignal, { type: 'health' }> => s.type === 'health'),
      map((s) => s.verdict),
    );
    const responseVerdicts$ = this.deps.transport.responses$.pipe(map((r) => r.verdict));
    runtime.subscription.add(
      merge(pollVerdicts$, responseVerdicts$)
        .pipe(connectionHealth())
        .subscribe((event) => {
          if (runtime.ended) return;
          if (event === 'disconnected') this.setState({ connectionState: 'disconnected' });
          else if (this.state.value.connectionState === 'disconnected') this.setState({ connectionState: 'online' });
          this.publish(event, {});
        }),
    );
    runtime.subscription.add(
      merge(pollVerdicts$, runtime.pollReset$)
        .pipe(pollExceptionLimit(this.deps.config.pollExceptionLimit))
        .subscribe((event) => {
          if (runtime.ended) return;
          if (event === 'chatServerWentOffline') this.setState({ connectionState: 'serverOffline' });
          if (event === 'connectionRestored') this.setState({ connectionState: 'online' });
          this.publish(event, {});
        }),
    );
  }

  private onSignal(runtime: SessionRuntime, signal: ReceiveSignal): void {
    if (runtime.ended) return;
    switch (signal.type) {
      case 'batch':
        this.deliver(signal.batch);
        return;
      case 'polling':
        if (signal.active !== this.state.value.polling) {
          this.setState({ polling: signal.active });
          this.publish(signal.active ? 'pollingStarted' : 'pollingStopped', {});
        }
        return;
      case 'health':
        // A poll failure the server named (v3 §9 "anything else"): reported, and the session goes on.
        if (signal.error) this.publish('error', signal.error);
        return;
      case 'ended':
        if (signal.error) this.publish('error', signal.error);
        this.endSession();
        return;
      case 'sessionLost':
        this.publish('sessionLost', { sessionData: runtime.session.sessionData(), response: signal.response });
        this.publish('error', signal.error);
        this.endSession();
        return;
    }
  }

  /**
   * One batch through the pipeline (§10): dedupe, order, prefilter, preprocess; side effects per
   * message; transcript; one `messageReceived`. History pages run no side effects and are not on
   * `messages$`.
   */
  deliver(batch: RawBatch): void {
    const processed = processBatch(batch, {
      seen: this.seen,
      prefilters: () => this.prefilters(),
      preprocessors: () => this.preprocessors,
      logger: this.deps.platform.logger,
    });
    if (!processed.oldMessages) {
      for (const entry of processed.entries) this.sideEffects(entry.message);
    }
    // The session data moves with delivery (cloud `lastMessageId`, v3 index): keep the readable copy current.
    if (this.runtime && processed.entries.length > 0) {
      // Only a changed sessionData (e.g. the cloud lastMessageId) is new state: a state$ emission per
      // batch cost a fifth of the pipeline's time at one message per poll (bench figure 2).
      const sessionData = this.runtime.session.sessionData();
      if (!sameFields(sessionData, this.state.value.sessionData)) this.setState({ sessionData });
    }
    if (processed.messages.length === 0) return;
    if (processed.oldMessages) {
      this.transcript = {
        messages: [...[...processed.messages].reverse(), ...this.transcript.messages],
        originalMessages: [...[...processed.originalMessages].reverse(), ...this.transcript.originalMessages],
      };
    } else {
      // Appended in place: copying the whole transcript per batch made a long chat quadratic
      // (bench figure 2). Nothing outside holds these arrays: getTranscript hands out copies.
      for (const message of processed.messages) this.transcript.messages.push(message);
      for (const raw of processed.originalMessages) this.transcript.originalMessages.push(raw);
    }
    this.publish('messageReceived', {
      messages: processed.messages,
      originalMessages: processed.originalMessages,
      restoring: processed.restoring,
      oldMessages: processed.oldMessages,
      sessionData: this.sessionData(),
      ...(processed.idleTimeCountDown !== undefined ? { idleTimeCountDown: processed.idleTimeCountDown } : {}),
    });
    if (!processed.oldMessages) for (const message of processed.messages) this.messages.next(message);
  }

  /** §10 step 6: join/leave → participant events; agent typing; an agent's message ends its typing. */
  private sideEffects(message: NormalizedMessage): void {
    const from = message.from;
    if (message.type === 'ParticipantJoined' || message.type === 'ParticipantLeft') {
      this.applyParticipant(message);
    }
    if (from.type === 'Client' || from.type === 'External') return;
    const agentId = String(from.id);
    if (message.type === 'TypingStarted') this.agentTypingSignals.next({ agentId, typing: true, message });
    else if (stopsAgentTyping.has(String(message.type)) && this.runtime?.typingAgents.has(agentId)) {
      // Only an agent who is typing can stop: a stop for anyone else publishes nothing, and most
      // agent messages come from agents not typing — skipping them keeps the pipeline lean (bench figure 2).
      this.agentTypingSignals.next({ agentId, typing: false, message });
    }
  }

  private applyParticipant(message: NormalizedMessage): void {
    const change = participantChange(this.participants, message, this.now, this.deps.transport.botEvents);
    this.participants = change.state;
    if (change.state.agents !== this.state.value.agents) this.setState({ agents: change.state.agents });
    if (change.event) {
      this.publish(change.event, {
        message,
        agents: change.state.agents,
        numAgentsConnected: numAgentsConnected(change.state.agents),
      });
    }
  }

  /**
   * The end sequence (§8.2 item 5), whatever the cause: stop receiving, `pollingStopped`,
   * `agentTypingStopped` for typing agents, a synthetic leave for each participant still connected,
   * `clientDisconnected` (once per session), `ended`; then forget the persisted keys and filters.
   */
  endSession(): void {
    const runtime = this.runtime;
    if (!runtime || runtime.ended) return;
    runtime.ended = true;
    runtime.subscription.unsubscribe();
    runtime.control$.complete();
    if (this.state.value.polling) {
      this.setState({ polling: false });
      this.publish('pollingStopped', {});
    }
    for (const message of runtime.typingAgents.values()) this.publish('agentTypingStopped', message);
    runtime.typingAgents.clear();
    const now = this.now;
    for (const [id, agent] of Object.entries(this.participants.agents)) {
      if (!agent.connected) continue;
      this.applyParticipant(syntheticLeave(id, agent.name, agent.type ?? 'Agent', now));
    }
    if (!this.participants.clientDisconnectedPublished) {
      this.participants = { ...this.participants, clientConnected: false, clientDisconnectedPublished: true };
      this.publish('clientDisconnected', {
        message: syntheticLeave('client', 'Client', 'Client', now),
        agents: this.participants.agents,
        numAgentsConnected: 0,
      });
    }
    this.endTime = now;
    runtime.session.forget();
    this.customPrefilters = [];
    this.deps.store.remove('filters');
    this.runtime = null;
    this.setState({
      sessionState: 'idle',
      sessionActive: false,
      agentTyping: false,
      connectionState: 'online',
      sessionData: this.deps.transport.emptySessionData(),
    });
    this.publish('ended', {});
  }

  control(message: ReceiveControl): void {
    this.runtime?.control$.next(message);
  }

  resetPollExceptions(): void {
    this.runtime?.pollReset$.next('reset');
  }

  destroy(): void {
    const runtime = this.runtime;
    if (runtime) {
      runtime.ended = true;
      runtime.subscription.unsubscribe();
      runtime.control$.complete();
    }
    this.runtime = null;
    this.destroyed.next();
    this.destroyed.complete();
    this.events.complete();
    this.messages.complete();
    this.state.complete();
  }
}

/** Whether two flat records hold the same keys with identical values. */
function sameFields(a: object, b: object): boolean {
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  return keys.length === Object.keys(right).length && keys.every((key) => Object.is(left[key], right[key]));
}

/** Agent messages that end that agent's typing (§10 step 6). */
const stopsAgentTyping: ReadonlySet<string> = new Set(['TypingStopped', 'Message', 'PushUrl', 'Notice', 'ParticipantLeft']);

function syntheticLeave(id: string, name: string, type: NormalizedMessage['from']['type'], now: number): NormalizedMessage {
  return { index: -1, type: 'ParticipantLeft', text: '', html: false, userData: {}, timestamp: now, from: { id, type, name } };
}

export type { Verdict };
