import type { WebChatEventName } from '../model/events';
import type { Agent, AgentMap, NormalizedMessage } from '../model/messages';

/** The participants of one session as the join/leave side effects see them (`contract.md` §10 step 6). */
export interface Participants {
  agents: AgentMap;
  clientConnected: boolean;
  clientDisconnectedPublished: boolean;
}

export const noParticipants: Participants = { agents: {}, clientConnected: false, clientDisconnectedPublished: false };

export type ParticipantEventName = Extract<
  WebChatEventName,
  'clientConnected' | 'clientDisconnected' | 'agentConnected' | 'agentDisconnected' | 'supervisorConnected' | 'supervisorDisconnected' | 'botConnected' | 'botDisconnected'
>;

/** `numAgentsConnected`: connected Agent and Supervisor records; bots excluded (§8.1). */
export function numAgentsConnected(agents: AgentMap): number {
  return Object.values(agents).filter((a) => a.connected && (a.type === 'Agent' || a.type === 'Supervisor')).length;
}

/**
 * Applies one ParticipantJoined/ParticipantLeft to the table and names the event it publishes, if
 * any. Idempotent: a second join of a connected participant or a second leave publishes nothing.
 * `botEvents` false (cloud without `botEventsEnabled`) keeps bots in the table silently.
 */
export function participantChange(
  state: Participants,
  message: NormalizedMessage,
  now: number,
  botEvents: boolean,
): { state: Participants; event?: ParticipantEventName } {
  const joined = message.type === 'ParticipantJoined';
  if (!joined && message.type !== 'ParticipantLeft') return { state };
  const type = message.from.type;
  if (type === 'Client') {
    if (joined) return state.clientConnected ? { state } : { state: { ...state, clientConnected: true }, event: 'clientConnected' };
    if (state.clientDisconnectedPublished) return { state };
    return { state: { ...state, clientConnected: false, clientDisconnectedPublished: true }, event: 'clientDisconnected' };
  }
  if (type !== 'Agent' && type !== 'Supervisor' && type !== 'Bot') return { state };
  const id = String(message.from.id);
  const known = state.agents[id];
  // agentConnected, supervisorConnected, botConnected… (§8): the event is named after the sender type.
  const prefix = type.toLowerCase();
  const silent = type === 'Bot' && !botEvents;
  if (joined) {
    if (known?.connected) return { state };
    const agent: Agent = {
      name: message.from.name,
      connected: true,
      supervisor: type === 'Supervisor',
      connectedTime: message.timestamp || now,
      disconnectedTime: false,
      type,
      ...(message.from.avatar ? { avatar: message.from.avatar } : {}),
    };
    const next = { ...state, agents: { ...state.agents, [id]: agent } };
    return silent ? { state: next } : { state: next, event: `${prefix}Connected` as ParticipantEventName };
  }
  if (!known?.connected) return { state };
  const left: Agent = { ...known, connected: false, disconnectedTime: message.timestamp || now };
  const next = { ...state, agents: { ...state.agents, [id]: left } };
  return silent ? { state: next } : { state: next, event: `${prefix}Disconnected` as ParticipantEventName };
}
