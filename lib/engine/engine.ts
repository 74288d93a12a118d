import { BehaviorSubject, Observable, Subject, Subscription } from 'rxjs';
import type { Preprocessor } from '../model/commands';
import type { ResolvedConfig } from '../model/config';
import type { WebChatEvent, WebChatEventMap, WebChatEventName } from '../model/events';
import type { NormalizedMessage } from '../model/messages';
import type { WebChatState } from '../model/state';
import type { AgentTypingSignal } from '../operators/agentTypingTimeout';
import { builtInPrefilters, deserializeFilters, serializeFilters } from '../pipeline/prefilters';
import type { Platform } from '../platform/platform';
import type { SessionStore } from '../storage/sessionStore';
import type { RawBatch, ReceiveControl, Transport, TransportSession, Verdict } from '../transports/transport';
import { noParticipants } from '../service/participants';
import type { Participants } from '../service/participants';
import { idleState } from '../service/idleState';
import type { StateSource } from './chatEpic';
import { published } from './engineEvent';
import type { EngineEvent } from './engineEvent';
import { createOutbox } from './outbox';
import type { Outbox } from './outbox';
import { reduceChatState } from './reduceChatState';
import { beginSession, endSession } from './session';

/** What the engine is built from (the composition root's output). */
export interface EngineDeps {
  config: ResolvedConfig;
  platform: Platform;
  store: SessionStore;
  transport: Transport;
}

/** The transcript of the current session, or of the last one until a new start (§6.16). */
export interface Transcript {
  messages: NormalizedMessage[];
  originalMessages: unknown[];
}

/** Everything that lives as long as one session: torn down in one place by `endSession`. */
export interface SessionRuntime {
  session: TransportSession;
  control$: Subject<ReceiveControl>;
  subscription: Subscription;
  pollReset$: Subject<'reset'>;
  typingAgents: Map<string, NormalizedMessage>;
  /** Feeds agent typing signals into the session's `agentTypingTimeout` operator. */
  agentTyping$: Subject<AgentTypingSignal<NormalizedMessage>>;
  ended: boolean;
}

/** The state as epics read it: the subject's changes and current value, and no way to set it. */
class StateView extends Observable<WebChatState> implements StateSource {
  constructor(private readonly subject: BehaviorSubject<WebChatState>) {
    super((subscriber) => subject.subscribe(subscriber));
  }

  get value(): WebChatState {
    return this.subject.value;
  }
}

/**
 * The engine: the readable state, the event and message streams (private Subjects behind public
 * Observables), the running session and the session-long registries. Every change goes through
 * {@link Engine.emit}: reduce the state, then publish — so the order a listener sees is the order
 * things happened. It knows no bus and never asks which transport it has.
 */
export class Engine {
  private readonly eventSubject = new Subject<WebChatEvent>();
  private readonly messageSubject = new Subject<NormalizedMessage>();
  private readonly stateSubject: BehaviorSubject<WebChatState>;
  private readonly destroyedSubject = new Subject<void>();
  private wasDestroyed = false;
  private readonly responses: Subscription;
  readonly events$: Observable<WebChatEvent> = this.eventSubject.asObservable();
  readonly messages$: Observable<NormalizedMessage> = this.messageSubject.asObservable();
  readonly state$: Observable<WebChatState>;
  readonly destroyed$: Observable<void> = this.destroyedSubject.asObservable();
  /** The state as epics read it: its changes, and its current value. */
  readonly stateSource: StateSource;
  readonly preprocessors: Preprocessor[] = [];
  customPrefilters: RegExp[];
  transcript: Transcript = { messages: [], originalMessages: [] };
  participants: Participants = noParticipants;
  startTime: number | undefined;
  endTime: number | undefined;
  runtime: SessionRuntime | null = null;
  /** The current session's way into the message pipeline (kept after an end, for a late history page). */
  batches$: Subject<RawBatch> | null = null;
  /** The registered typing-preview input (§6.19), whose value is `sendTyping`'s default text. */
  previewInput: { value: string } | null = null;
  /** Every verdict the running session's receive stream reports (`health`, `response`): the outbox reads whether the server is failing. */
  readonly verdicts$ = new Subject<Verdict>();
  /** The sends not delivered yet (issue 14): engine state, whichever page or tab runs the engine. */
  readonly outbox: Outbox;

  constructor(readonly deps: EngineDeps) {
    const { config, transport, store } = deps;
    this.customPrefilters = deserializeFilters(store.get('filters'));
    // `ajaxResponse` (§8.1): every completed REST response, whatever its status.
    // Ended in `destroy()` (not `takeUntil(destroyed$)`: one operator and one destroyed$ listener less per idle service, bench figure 6).
    this.responses = transport.responses$.subscribe((body) => this.publish('ajaxResponse', body));
    this.stateSubject = new BehaviorSubject<WebChatState>(
      idleState(config.transportId, transport.capabilities, transport.emptySessionData(), { ...config.userData }, { ...config.transport.interactionData }),
    );
    this.state$ = this.stateSubject.asObservable();
    this.stateSource = new StateView(this.stateSubject);
    this.outbox = createOutbox(this);
  }

  /** The current state, synchronously. */
  get state(): WebChatState {
    return this.stateSubject.value;
  }

  /** Whether `destroy()` ran (a completed Subject is not `closed`: only an unsubscribed one is). */
  get destroyed(): boolean {
    return this.wasDestroyed;
  }

  get now(): number {
    return this.deps.platform.now();
  }

  /** The chokepoint: the state after `event`, then its publication (if it is one). */
  emit(event: EngineEvent): void {
    const state = this.stateSubject.value;
    const next = reduceChatState(state, event);
    if (next !== state) this.stateSubject.next(next);
    if (event.type === 'publish') {
      // The outbox hears each event first, as the first listener it was (start, end, restore).
      this.outbox.heard(event.event);
      this.eventSubject.next(event.event);
    }
    else if (event.type === 'messages') for (const message of event.messages) this.messageSubject.next(message);
    else if (event.type === 'control') this.runtime?.control$.next(event.control);
    else if (event.type === 'beginSession') beginSession(this, event.session, event.batch, event.first);
    else if (event.type === 'endSession') endSession(this);
  }

  publish<K extends WebChatEventName>(event: K, data: WebChatEventMap[K]): void {
    this.emit(published(event, data));
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

  /** One batch into the message pipeline of the current session (§10). */
  deliver(batch: RawBatch): void {
    this.batches$?.next(batch);
  }

  control(message: ReceiveControl): void {
    this.emit({ type: 'control', control: message });
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
    this.batches$?.complete();
    this.responses.unsubscribe();
    // Directly, not on destroyed$ or events$: fewer listeners per idle service (bench figure 6).
    this.outbox.stop();
    this.destroyedSubject.next();
    this.destroyedSubject.complete();
    this.eventSubject.complete();
    this.messageSubject.complete();
    this.stateSubject.complete();
    // Last: while destroying, a command cut short still leaves its transitional state as before.
    this.wasDestroyed = true;
  }
}
