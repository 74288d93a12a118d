import type { WebChatState } from '../model/state';
import type { EngineEvent } from './engineEvent';

/**
 * The readable state after one engine event: the only place `WebChatState` changes. Pure; a
 * publication (`publish`, `message`) leaves the state as it is (the same object), every state change
 * returns a new one (as `state$` emitted one per change before).
 *
 * @example
 * reduceChatState(idle, { type: 'sleeping', sleeping: true }).sleeping; // true
 */
export function reduceChatState(state: WebChatState, event: EngineEvent): WebChatState {
  switch (event.type) {
    case 'publish':
    case 'message':
    case 'control':
    case 'answer':
      return state;
    case 'sessionState':
      return { ...state, sessionState: event.sessionState };
    case 'chatStarting':
      return { ...state, sessionState: 'starting', userData: event.userData, interactionData: event.interactionData };
    case 'sessionBegan':
      return { ...state, sessionState: 'active', sessionActive: true, connectionState: 'online', sessionData: event.sessionData, agents: {} };
    case 'sessionEnded':
      return { ...state, sessionState: 'idle', sessionActive: false, agentTyping: false, connectionState: 'online', sessionData: event.sessionData };
    case 'connectionState':
      return { ...state, connectionState: event.connectionState };
    case 'polling':
      return { ...state, polling: event.polling };
    case 'agentTyping':
      return { ...state, agentTyping: event.agentTyping };
    case 'agents':
      return { ...state, agents: event.agents };
    case 'sessionData':
      return { ...state, sessionData: event.sessionData };
    case 'userData':
      return { ...state, userData: event.userData };
    case 'interactionData':
      return { ...state, interactionData: event.interactionData };
    case 'sleeping':
      return { ...state, sleeping: event.sleeping };
  }
}
