import type { WebChatState } from '../model/state';
import type { EngineEvent } from './engineEvent';
import { reduceOutbox } from './reduceOutbox';

/**
 * The readable state after one engine event: the only place `WebChatState` changes. Pure; a
 * publication (`publish`, `messages`) leaves the state as it is (the same object), every state change
 * returns a new one (as `state$` emitted one per change before).
 *
 * @example
 * reduceChatState(idle, { type: 'sleeping', sleeping: true }).sleeping; // true
 */
export function reduceChatState(state: WebChatState, event: EngineEvent): WebChatState {
  switch (event.type) {
    case 'publish':
    case 'messages':
    case 'control':
    case 'answer':
    case 'beginSession':
    case 'endSession':
      return state;
    case 'chatStarting':
      return { ...state, sessionState: 'starting', userData: event.userData, interactionData: event.interactionData };
    case 'sessionBegan':
      return { ...state, sessionState: 'active', sessionActive: true, connectionState: 'online', sessionData: event.sessionData, agents: {} };
    case 'outboxAdded':
    case 'outboxMoved':
    case 'outboxRestored':
      return { ...state, outbox: reduceOutbox(state.outbox, event) };
    case 'sessionEnded':
      return { ...state, sessionState: 'idle', sessionActive: false, agentTyping: false, connectionState: 'online', sessionData: event.sessionData };
    default:
      // A field change: the key the event is named after takes its value.
      return { ...state, [event.type]: event[event.type as keyof typeof event] };
  }
}
