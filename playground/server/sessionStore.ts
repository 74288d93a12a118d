import { randomUUID } from 'node:crypto';
import { Subject, type Observable } from 'rxjs';

/**
 * The playground's chat sessions, transport-neutral: one store for the GMS v2, Nexus v3 and
 * Genesys Cloud protocol modules, the agent simulator and the agent API. A protocol module maps
 * these sessions, participants and transcript events to its own wire format (ids, message types,
 * frames); the agent side only ever sees this shape.
 */

/** Which protocol module created a session. */
export type SessionTransport = 'gms-v2' | 'nexus-v3' | 'purecloud-v2' | (string & {});

/** A chat's life: waiting for an agent, active, ended. */
export type SessionStatus = 'waiting' | 'active' | 'ended';

/** Who a participant is. */
export type ParticipantRole = 'customer' | 'agent' | 'supervisor' | 'bot' | 'system';

/** The customer of a chat, from the start form. */
export interface Customer {
  name: string;
  firstName?: string;
  lastName?: string;
  email?: string;
  subject?: string;
}

/** One participant of a chat (customer, agent, supervisor, bot, system). */
export interface Participant {
  /** Unique in the store; protocol modules map it to their own id formats. */
  id: string;
  role: ParticipantRole;
  name: string;
  state: 'connected' | 'disconnected';
  joinedAt: number;
  leftAt?: number;
  avatar?: string;
}

/** What a transcript event is. */
export type TranscriptKind =
  | 'join'
  | 'leave'
  | 'message'
  | 'typing-start'
  | 'typing-stop'
  | 'notice'
  | 'custom-notice'
  | 'push-url'
  | 'file-uploaded'
  | 'file-deleted'
  | 'nickname';

/** The `participantId` of system notices: no participant record stands behind it. */
export const SYSTEM_PARTICIPANT_ID = 'system';

/** One event of a chat's transcript, transport-neutral: protocol modules map it to their wire. */
export interface TranscriptEvent {
  /** 1-based, contiguous per session. */
  seq: number;
  /** Stable unique id (a UUID): the Cloud protocol uses it as the message id. */
  id: string;
  kind: TranscriptKind;
  /** A participant's id, or {@link SYSTEM_PARTICIPANT_ID}. */
  participantId: string;
  /** Message text, URL (push-url), new name (nickname), file name (file events); `''` otherwise. */
  text: string;
  /** Epoch milliseconds. */
  time: number;
  /** Kind-specific extras: `messageType`, `eventAttributes`, `fileId`, `fileName`, `fileSize`, … */
  data?: Record<string, unknown>;
}

/** A file uploaded in a chat (by the customer or the agent). */
export interface StoredFile {
  id: string;
  name: string;
  /** MIME type. */
  type: string;
  size: number;
  bytes: Buffer;
  uploadedBy: string;
  time: number;
  description?: string;
  deleted?: boolean;
  downloads: number;
}

/** One chat as the playground keeps it, whatever its protocol. */
export interface ChatSession {
  id: string;
  transport: SessionTransport;
  status: SessionStatus;
  customer: Customer;
  /** The customer participant's id (always `participants[0]`). */
  customerId: string;
  userData: Record<string, string>;
  customFields: Record<string, string>;
  /** Protocol details shown to the agent (service name, endpoint, deployment, queue…). */
  meta: Record<string, string>;
  participants: Participant[];
  transcript: TranscriptEvent[];
  files: Map<string, StoredFile>;
  /**
   * Whether an agent may be routed to the chat. Cloud starts routing only once the guest's socket
   * attaches (wire-purecloud-v2 §9), so its module creates sessions with `routable: false`.
   */
  routable: boolean;
  /** What the customer is typing right now (GMS refresh `message`, typing previews), for the agent console. */
  draft: string;
  createdAt: number;
  endedAt?: number;
}

/** One change of the store, in the order it happened. */
export type SessionChange =
  | { type: 'created'; session: ChatSession }
  | { type: 'event'; session: ChatSession; event: TranscriptEvent }
  | { type: 'participant'; session: ChatSession; participant: Participant }
  | { type: 'routable'; session: ChatSession }
  | { type: 'updated'; session: ChatSession }
  | { type: 'ended'; session: ChatSession };

/** What a protocol module gives to create a chat. */
export interface CreateSessionInput {
  transport: SessionTransport;
  customer: Customer;
  userData?: Record<string, string>;
  customFields?: Record<string, string>;
  meta?: Record<string, string>;
  /** Default `true`. */
  routable?: boolean;
  /** Default: a fresh UUID. */
  id?: string;
}

/** A transcript event to append (the store numbers and dates it). */
export interface AppendInput {
  kind: TranscriptKind;
  /** A participant's id, or {@link SYSTEM_PARTICIPANT_ID}. */
  participantId: string;
  text?: string;
  data?: Record<string, unknown>;
}

/** An agent, supervisor or bot joining a chat. */
export interface JoinInput {
  role: Exclude<ParticipantRole, 'customer'>;
  name: string;
  avatar?: string;
}

/** The chats of a playground (`Playground.store`): protocol modules, the agent simulator and the agent API share it. */
export interface SessionStore {
  /** Every change, synchronously, as it happens. Completes at `close()`. */
  readonly events$: Observable<SessionChange>;
  /** Creates a session whose transcript starts with the customer's join (seq 1). */
  create(input: CreateSessionInput): ChatSession;
  /** One chat, or `undefined`. */
  get(id: string): ChatSession | undefined;
  /** Every chat, in creation order. */
  list(): ChatSession[];
  /** Adds a connected participant and appends its `join`; the first agent-side join makes the session `active`. */
  join(sessionId: string, input: JoinInput): Participant | undefined;
  /** Marks a participant disconnected and appends its `leave` (an agent leaving does not end the chat). */
  leave(sessionId: string, participantId: string): TranscriptEvent | undefined;
  /** Appends one event; `undefined` when the session is unknown or ended. */
  append(sessionId: string, input: AppendInput): TranscriptEvent | undefined;
  /** Every still-connected participant leaves (agents first, the customer last), then the session is `ended`. */
  end(sessionId: string): ChatSession | undefined;
  /** Changes a participant's connection state without a transcript event (Cloud disconnect grace). */
  setParticipantState(sessionId: string, participantId: string, state: Participant['state']): Participant | undefined;
  /** Renames a participant (GMS updateNickname); the caller appends the `nickname` event if the protocol has one. */
  rename(sessionId: string, participantId: string, name: string): Participant | undefined;
  /** Merges attached data (userData, customFields) and announces an `updated` change. */
  update(sessionId: string, patch: { userData?: Record<string, string>; customFields?: Record<string, string>; meta?: Record<string, string>; draft?: string }): ChatSession | undefined;
  /** Lets agents be routed to a session created with `routable: false`. */
  markRoutable(sessionId: string): ChatSession | undefined;
  /** Stores a file and returns it (the caller appends `file-uploaded` with its protocol's details). */
  addFile(sessionId: string, file: Omit<StoredFile, 'id' | 'time' | 'downloads'> & { id?: string }): StoredFile | undefined;
  /** The connected participants of a role other than customer/system, most recent join last. */
  agents(sessionId: string): Participant[];
  /** Completes `events$`; the playground calls it at `close()`. */
  close(): void;
}

/**
 * Creates the in-memory {@link SessionStore}.
 *
 * @example
 * const store = createSessionStore(() => Date.now());
 * store.events$.subscribe((change) => change.type === 'event' && console.log(change.event.kind));
 * const session = store.create({ transport: 'gms-v2', customer: { name: 'Ada' } });
 * const agent = store.join(session.id, { role: 'agent', name: 'Dana' });
 * store.append(session.id, { kind: 'message', participantId: agent!.id, text: 'Hello Ada' });
 *
 * @param now The clock for `time`, `joinedAt`, `createdAt` (epoch ms).
 */
export function createSessionStore(now: () => number = Date.now): SessionStore {
  const sessions = new Map<string, ChatSession>();
  const changes = new Subject<SessionChange>();
  const live = (id: string): ChatSession | undefined => {
    const session = sessions.get(id);
    return session && session.status !== 'ended' ? session : undefined;
  };

  const push = (session: ChatSession, input: AppendInput): TranscriptEvent => {
    const event: TranscriptEvent = {
      seq: session.transcript.length + 1,
      id: randomUUID(),
      kind: input.kind,
      participantId: input.participantId,
      text: input.text ?? '',
      time: now(),
      ...(input.data ? { data: input.data } : {}),
    };
    session.transcript.push(event);
    changes.next({ type: 'event', session, event });
    return event;
  };

  const leave = (session: ChatSession, participant: Participant): TranscriptEvent => {
    participant.state = 'disconnected';
    participant.leftAt = now();
    changes.next({ type: 'participant', session, participant });
    return push(session, { kind: 'leave', participantId: participant.id });
  };

  const agents = (session: ChatSession): Participant[] =>
    session.participants.filter((p) => p.state === 'connected' && p.role !== 'customer' && p.role !== 'system');

  return {
    events$: changes.asObservable(),

    create(input) {
      const time = now();
      const customerId = randomUUID();
      const session: ChatSession = {
        id: input.id ?? randomUUID(),
        transport: input.transport,
        status: 'waiting',
        customer: { ...input.customer },
        customerId,
        userData: { ...input.userData },
        customFields: { ...input.customFields },
        meta: { ...input.meta },
        participants: [{ id: customerId, role: 'customer', name: input.customer.name, state: 'connected', joinedAt: time }],
        transcript: [],
        files: new Map(),
        routable: input.routable ?? true,
        draft: '',
        createdAt: time,
      };
      sessions.set(session.id, session);
      changes.next({ type: 'created', session });
      push(session, { kind: 'join', participantId: customerId });
      return session;
    },

    get: (id) => sessions.get(id),
    list: () => [...sessions.values()],

    join(sessionId, input) {
      const session = live(sessionId);
      if (!session) return undefined;
      const participant: Participant = { id: randomUUID(), role: input.role, name: input.name, state: 'connected', joinedAt: now(), ...(input.avatar ? { avatar: input.avatar } : {}) };
      session.participants.push(participant);
      if (session.status === 'waiting' && input.role !== 'system') session.status = 'active';
      changes.next({ type: 'participant', session, participant });
      push(session, { kind: 'join', participantId: participant.id });
      return participant;
    },

    leave(sessionId, participantId) {
      const session = live(sessionId);
      const participant = session?.participants.find((p) => p.id === participantId && p.state === 'connected');
      return session && participant ? leave(session, participant) : undefined;
    },

    append(sessionId, input) {
      const session = live(sessionId);
      return session ? push(session, input) : undefined;
    },

    end(sessionId) {
      const session = live(sessionId);
      if (!session) return undefined;
      for (const agent of agents(session)) leave(session, agent);
      const customer = session.participants[0];
      if (customer.state === 'connected') leave(session, customer);
      session.status = 'ended';
      session.endedAt = now();
      changes.next({ type: 'ended', session });
      return session;
    },

    setParticipantState(sessionId, participantId, state) {
      const session = sessions.get(sessionId);
      const participant = session?.participants.find((p) => p.id === participantId);
      if (!session || !participant) return undefined;
      participant.state = state;
      if (state === 'disconnected') participant.leftAt = now();
      changes.next({ type: 'participant', session, participant });
      return participant;
    },

    rename(sessionId, participantId, name) {
      const session = live(sessionId);
      const participant = session?.participants.find((p) => p.id === participantId);
      if (!session || !participant) return undefined;
      participant.name = name;
      if (participant.role === 'customer') session.customer.name = name;
      changes.next({ type: 'participant', session, participant });
      return participant;
    },

    update(sessionId, patch) {
      const session = live(sessionId);
      if (!session) return undefined;
      Object.assign(session.userData, patch.userData);
      Object.assign(session.customFields, patch.customFields);
      Object.assign(session.meta, patch.meta);
      if (patch.draft !== undefined) session.draft = patch.draft;
      changes.next({ type: 'updated', session });
      return session;
    },

    markRoutable(sessionId) {
      const session = live(sessionId);
      if (!session || session.routable) return session;
      session.routable = true;
      changes.next({ type: 'routable', session });
      return session;
    },

    addFile(sessionId, file) {
      const session = live(sessionId);
      if (!session) return undefined;
      const stored: StoredFile = { ...file, id: file.id ?? randomUUID(), time: now(), downloads: 0 };
      session.files.set(stored.id, stored);
      return stored;
    },

    agents(sessionId) {
      const session = sessions.get(sessionId);
      return session ? agents(session) : [];
    },

    close() {
      changes.complete();
    },
  };
}
