/** Participant types of the normalized message (`contract.md` §9.1). */
export type ParticipantType = 'Client' | 'Agent' | 'Supervisor' | 'Bot' | 'External';

/** Message types of the normalized message (`contract.md` §9.1). */
export type MessageType =
  | 'Message'
  | 'ParticipantJoined'
  | 'ParticipantLeft'
  | 'TypingStarted'
  | 'TypingStopped'
  | 'Notice'
  | 'CustomNotice'
  | 'PushUrl'
  | 'FileUploaded'
  | 'FileDeleted'
  | 'NicknameUpdated'
  | 'IdleAlert'
  | 'IdleClose';

/** Who sent a message: participant id, type and display name. */
export interface MessageSender {
  id: number | string;
  type: ParticipantType;
  name: string;
  avatar?: string;
}

/** A message as the contract publishes it (`contract.md` §9.1), whatever the transport. */
export interface NormalizedMessage {
  index: number;
  id?: string;
  type: MessageType | string;
  text: string;
  html: boolean;
  bubble?: unknown;
  userData: Record<string, unknown>;
  timestamp: number;
  from: MessageSender;
  isTyping?: boolean;
  fileDetails?: Record<string, unknown>;
  messageType?: string;
  content?: unknown;
  restoring?: true;
}

/** `getAgents` record (`contract.md` §6.16). Times are epoch ms. */
export interface Agent {
  name: string;
  connected: boolean;
  supervisor: boolean;
  connectedTime: number;
  /** `false` while connected, as the shipped client gives it; the time of the leave after. */
  disconnectedTime: number | false;
  type?: ParticipantType;
  avatar?: string;
}

/** The agents of a chat, by participant id. */
export type AgentMap = Record<string, Agent>;
