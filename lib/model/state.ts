import type { Capabilities } from './capabilities';
import type { TransportId } from './config';
import type { AgentMap } from './messages';
import type { OutboxEntry } from './outbox';
import type { SessionData } from './results';

/** Product session states (`contract.md` §3). */
export type SessionState = 'idle' | 'starting' | 'restoring' | 'active' | 'ending';

/** Product connection states (`contract.md` §3). */
export type ConnectionState = 'online' | 'disconnected' | 'serverOffline';

/**
 * The readable state: the bus data keys of `contract.md` §3, replayed to late subscribers by
 * `state$` (a BehaviorSubject underneath).
 */
export interface WebChatState {
  sessionState: SessionState;
  connectionState: ConnectionState;
  sessionActive: boolean;
  sessionData: SessionData;
  userData: Record<string, unknown>;
  interactionData: Record<string, unknown>;
  sleeping: boolean;
  agentTyping: boolean;
  polling: boolean;
  mode: TransportId;
  capabilities: Capabilities;
  agents: AgentMap;
  /** The sends not delivered yet, in order (issue 14; `outbox$`). Not a bus data key. */
  outbox: readonly OutboxEntry[];
}

/** The data keys published as `WebChatService.data.<key>` on the bus. */
export type WebChatDataKey =
  | 'sessionActive'
  | 'userData'
  | 'interactionData'
  | 'sleeping'
  | 'agentTyping'
  | 'sessionData'
  | 'mode'
  | 'capabilities'
  | 'sessionState'
  | 'connectionState';
