import type { Capabilities } from '../model/capabilities';
import type { TransportId } from '../model/config';
import type { SessionData } from '../model/results';
import type { WebChatState } from '../model/state';

/**
 * The state of a service with no session yet (`contract.md` §3): idle, online, awake, not polling,
 * no agents. The engine starts from it, and so does a service whose config was refused.
 *
 * @example
 * new BehaviorSubject(idleState('gms-v2', transport.capabilities, transport.emptySessionData()));
 *
 * @param mode The transport the config selected.
 * @param capabilities That transport's capabilities.
 * @param sessionData Its empty session data.
 * @param userData The configured `userData` (a copy).
 * @param interactionData The configured `interactionData` (a copy).
 */
export function idleState(
  mode: TransportId,
  capabilities: Capabilities,
  sessionData: SessionData,
  userData: Record<string, unknown> = {},
  interactionData: Record<string, unknown> = {},
): WebChatState {
  return {
    sessionState: 'idle',
    connectionState: 'online',
    sessionActive: false,
    sessionData,
    userData,
    interactionData,
    sleeping: false,
    agentTyping: false,
    polling: false,
    mode,
    capabilities,
    agents: {},
    outbox: [],
  };
}
