import type { Capabilities } from './capabilities';
import type { AgentMap, NormalizedMessage } from './messages';
import type { AjaxFailure, ErrorEventData, SessionData } from './results';

/** `data` of events that carry nothing (`—` in `contract.md` §8.1). */
export type EmptyData = Record<string, never>;

/** `messageReceived` payload (`contract.md` §9.2). */
export interface MessageReceivedData {
  messages: NormalizedMessage[];
  originalMessages: unknown[];
  restoring: boolean;
  oldMessages: boolean;
  sessionData: SessionData;
  idleTimeCountDown?: unknown;
}

/** Payload of the participant join/leave events. */
export interface ParticipantEventData {
  message: NormalizedMessage;
  agents: AgentMap;
  numAgentsConnected: number;
}

/** `sessionLost` payload: the session data that no longer holds and the server's answer. */
export interface SessionLostData {
  sessionData: SessionData;
  response: unknown;
}

/** A change of a readable data key (`cxbus.md` §10). */
export interface DataChange<T = unknown> {
  last: T | undefined;
  value: T;
  time: number;
}

/**
 * Every event of `contract.md` §8.1, name → `data`. One table: every mapping over events is a
 * `{ [K in WebChatEventName]: … }` object, so a new event fails to compile until it is handled.
 */
export interface WebChatEventMap {
  ready: EmptyData;
  capabilitiesChanged: Capabilities;
  started: Record<string, unknown>;
  restored: { async: boolean };
  restoredOffline: EmptyData;
  restoreTimeout: EmptyData;
  restoreFailed: AjaxFailure | EmptyData | Record<string, unknown>;
  messageReceived: MessageReceivedData;
  error: ErrorEventData;
  ended: EmptyData;
  agentTypingStarted: NormalizedMessage;
  agentTypingStopped: NormalizedMessage;
  agentTypingTimeout: NormalizedMessage;
  pollingStarted: EmptyData;
  pollingStopped: EmptyData;
  clientConnected: ParticipantEventData;
  clientDisconnected: ParticipantEventData;
  agentConnected: ParticipantEventData;
  agentDisconnected: ParticipantEventData;
  supervisorConnected: ParticipantEventData;
  supervisorDisconnected: ParticipantEventData;
  botConnected: ParticipantEventData;
  botDisconnected: ParticipantEventData;
  clientTypingStarted: EmptyData;
  clientTypingStopped: EmptyData;
  disconnected: EmptyData;
  reconnected: EmptyData;
  connectionPending: EmptyData;
  chatServerWentOffline: EmptyData;
  chatServerBackOnline: EmptyData;
  connectionRestored: EmptyData;
  chatServerTimeout: EmptyData;
  sessionLost: SessionLostData;
  sleeping: EmptyData;
  waking: EmptyData;
  ajaxResponse: Record<string, unknown>;
}

/** An event name of the contract (`'messageReceived'`, `'agentTypingStarted'`, …). */
export type WebChatEventName = keyof WebChatEventMap;

/** One published event, as `events$` carries it. */
export type WebChatEvent = {
  [K in WebChatEventName]: { event: K; data: WebChatEventMap[K] };
}[WebChatEventName];

/** All event names, in the order of the contract's table. */
export const webChatEventNames: readonly WebChatEventName[] = [
  'ready', 'capabilitiesChanged', 'started', 'restored', 'restoredOffline', 'restoreTimeout',
  'restoreFailed', 'messageReceived', 'error', 'ended', 'agentTypingStarted', 'agentTypingStopped',
  'agentTypingTimeout', 'pollingStarted', 'pollingStopped', 'clientConnected', 'clientDisconnected',
  'agentConnected', 'agentDisconnected', 'supervisorConnected', 'supervisorDisconnected',
  'botConnected', 'botDisconnected', 'clientTypingStarted', 'clientTypingStopped', 'disconnected',
  'reconnected', 'connectionPending', 'chatServerWentOffline', 'chatServerBackOnline',
  'connectionRestored', 'chatServerTimeout', 'sessionLost', 'sleeping', 'waking', 'ajaxResponse',
];
