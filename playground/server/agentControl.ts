import { SYSTEM_PARTICIPANT_ID, type ChatSession, type Participant, type SessionStore, type StoredFile, type TranscriptEvent } from './sessionStore';

/** Roles an agent-side participant can join with. */
export type AgentRole = 'agent' | 'supervisor' | 'bot';

/** Why an agent action did nothing: no such session, the session is over, or nobody is there to act. */
export type AgentError = { error: 'not-found' | 'ended' | 'no-agent'; message: string };

/** An agent action's result, or why it was refused. */
export type AgentResult<T> = T | AgentError;

/** A file the agent sends. */
export interface AgentFile {
  name: string;
  /** MIME type; default `application/octet-stream`. */
  type?: string;
  bytes: Buffer;
}

/**
 * The agent side of the contact center, in-process (tests, the agent simulator) and behind the
 * agent API. Actions that speak (`say`, `typing`, …) are done by `participantId` when given, else
 * by the agent-side participant who joined last and is still connected.
 */
export interface AgentControl {
  /** Every chat of the playground, in creation order. */
  sessions(): ChatSession[];
  /** One chat, or `undefined`. */
  session(id: string): ChatSession | undefined;
  /** An agent (or a supervisor, a bot) joins the chat; default role `agent`, named after its role (`Dana`). */
  join(id: string, options?: { name?: string; role?: AgentRole; avatar?: string }): AgentResult<Participant>;
  /** The agent says `text`. */
  say(id: string, text: string, options?: { participantId?: string }): AgentResult<TranscriptEvent>;
  /** The agent starts or stops typing. */
  typing(id: string, typing: boolean, options?: { participantId?: string }): AgentResult<TranscriptEvent>;
  /** The agent pushes a URL to the customer. */
  pushUrl(id: string, url: string, options?: { participantId?: string }): AgentResult<TranscriptEvent>;
  /** A system notice (no agent needed). */
  notice(id: string, text: string): AgentResult<TranscriptEvent>;
  /** The agent sends a custom notice, with optional data. */
  customNotice(id: string, text: string, options?: { participantId?: string; data?: Record<string, unknown> }): AgentResult<TranscriptEvent>;
  /** The agent sends a file: stored with the chat, announced in its transcript. */
  sendFile(id: string, file: AgentFile, options?: { participantId?: string }): AgentResult<{ file: StoredFile; event: TranscriptEvent }>;
  /** The agent leaves; the chat goes on. */
  leave(id: string, options?: { participantId?: string }): AgentResult<TranscriptEvent>;
  /** Ends the chat. */
  end(id: string): AgentResult<ChatSession>;
}

/** Whether an agent action failed. */
export const isAgentError = (value: unknown): value is AgentError =>
  typeof value === 'object' && value !== null && 'error' in value && typeof (value as AgentError).message === 'string';

const DEFAULT_NAMES: Record<AgentRole, string> = { agent: 'Dana', supervisor: 'Sam (supervisor)', bot: 'Chatbot' };

/**
 * Creates the {@link AgentControl} over a store.
 *
 * @example
 * const agent = createAgentControl(store);
 * agent.join(sessionId, { name: 'Dana' });
 * agent.typing(sessionId, true);
 * agent.say(sessionId, 'Hello, how can I help?');
 * agent.end(sessionId);
 */
export function createAgentControl(store: SessionStore): AgentControl {
  const open = (id: string): ChatSession | AgentError => {
    const session = store.get(id);
    if (!session) return { error: 'not-found', message: `no session ${id}` };
    if (session.status === 'ended') return { error: 'ended', message: `session ${id} has ended` };
    return session;
  };
  const speaker = (id: string, participantId?: string): { session: ChatSession; participant: Participant } | AgentError => {
    const session = open(id);
    if (isAgentError(session)) return session;
    const agents = store.agents(id);
    const participant = participantId ? agents.find((p) => p.id === participantId) : agents[agents.length - 1];
    return participant ? { session, participant } : { error: 'no-agent', message: 'no agent is connected to this session: join first' };
  };
  const act = (
    id: string,
    participantId: string | undefined,
    event: Omit<Parameters<SessionStore['append']>[1], 'participantId'>,
  ): AgentResult<TranscriptEvent> => {
    const found = speaker(id, participantId);
    if (isAgentError(found)) return found;
    return store.append(id, { ...event, participantId: found.participant.id }) ?? { error: 'ended', message: `session ${id} has ended` };
  };

  return {
    sessions: () => store.list(),
    session: (id) => store.get(id),
    join(id, options = {}) {
      const session = open(id);
      if (isAgentError(session)) return session;
      const role = options.role ?? 'agent';
      return (
        store.join(id, { role, name: options.name || DEFAULT_NAMES[role], ...(options.avatar ? { avatar: options.avatar } : {}) }) ?? {
          error: 'ended',
          message: `session ${id} has ended`,
        }
      );
    },
    say: (id, text, options = {}) => act(id, options.participantId, { kind: 'message', text }),
    typing: (id, typing, options = {}) => act(id, options.participantId, { kind: typing ? 'typing-start' : 'typing-stop' }),
    pushUrl: (id, url, options = {}) => act(id, options.participantId, { kind: 'push-url', text: url }),
    notice(id, text) {
      const session = open(id);
      if (isAgentError(session)) return session;
      return store.append(id, { kind: 'notice', participantId: SYSTEM_PARTICIPANT_ID, text }) ?? { error: 'ended', message: `session ${id} has ended` };
    },
    customNotice: (id, text, options = {}) =>
      act(id, options.participantId, { kind: 'custom-notice', text, ...(options.data ? { data: options.data } : {}) }),
    sendFile(id, file, options = {}) {
      const found = speaker(id, options.participantId);
      if (isAgentError(found)) return found;
      const stored = store.addFile(id, { name: file.name, type: file.type ?? 'application/octet-stream', size: file.bytes.length, bytes: file.bytes, uploadedBy: found.participant.id });
      const event =
        stored &&
        store.append(id, { kind: 'file-uploaded', participantId: found.participant.id, text: stored.name, data: { fileId: stored.id, fileName: stored.name, fileSize: stored.size, fileType: stored.type } });
      return stored && event ? { file: stored, event } : { error: 'ended', message: `session ${id} has ended` };
    },
    leave(id, options = {}) {
      const found = speaker(id, options.participantId);
      if (isAgentError(found)) return found;
      return store.leave(id, found.participant.id) ?? { error: 'ended', message: `session ${id} has ended` };
    },
    end(id) {
      const session = open(id);
      if (isAgentError(session)) return session;
      return store.end(id) ?? { error: 'ended', message: `session ${id} has ended` };
    },
  };
}
