import { SYSTEM_PARTICIPANT_ID, type ChatSession, type Participant, type TranscriptEvent, type TranscriptKind } from '../sessionStore';

/** A transcript message on the GMS v2 wire (wire-gms-v2 §5). */
export interface GmsMessage {
  index?: number;
  type: string;
  utcTime: number;
  from: { nickname: string; participantId: number; type: string };
  text?: string;
  messageType?: string;
  userData?: Record<string, string>;
  eventAttributes?: unknown;
}

const TYPES: Record<TranscriptKind, string> = {
  join: 'ParticipantJoined',
  leave: 'ParticipantLeft',
  message: 'Message',
  'typing-start': 'TypingStarted',
  'typing-stop': 'TypingStopped',
  notice: 'Notice',
  'custom-notice': 'CustomNotice',
  'push-url': 'PushUrl',
  'file-uploaded': 'FileUploaded',
  'file-deleted': 'FileDeleted',
  nickname: 'NicknameUpdated',
};

const SENDER_TYPES: Record<Participant['role'], string> = { customer: 'Client', agent: 'Agent', supervisor: 'Supervisor', bot: 'External', system: 'External' };

/** Kinds whose `text` is always on the wire, empty or not. */
const TEXT_KINDS: readonly TranscriptKind[] = ['message', 'push-url', 'notice', 'custom-notice', 'nickname'];

/** The system sender of notices (§6.11 uses this one for the file limits). */
export const GMS_SYSTEM_SENDER = { nickname: 'system', participantId: 0, type: 'External' } as const;

/**
 * A GMS `from`: participant numbers are join order from 1 (the customer), as §13 asks.
 *
 * @param session The session the participant belongs to.
 * @param participantId A store participant id or the system id.
 */
export function gmsSender(session: ChatSession, participantId: string): GmsMessage['from'] {
  const number = session.participants.findIndex((p) => p.id === participantId);
  if (participantId === SYSTEM_PARTICIPANT_ID || number < 0) return { ...GMS_SYSTEM_SENDER };
  const participant = session.participants[number];
  return { nickname: participant.name, participantId: number + 1, type: SENDER_TYPES[participant.role] };
}

/**
 * One store transcript event as the GMS wire shows it.
 *
 * @example
 * toGmsMessage(session, session.transcript[0]);
 * // { index: 1, type: 'ParticipantJoined', utcTime: …, from: { nickname: 'Ada', participantId: 1, type: 'Client' } }
 */
export function toGmsMessage(session: ChatSession, event: TranscriptEvent): GmsMessage {
  const message: GmsMessage = { index: event.seq, type: TYPES[event.kind], utcTime: event.time, from: gmsSender(session, event.participantId) };
  if (TEXT_KINDS.includes(event.kind) || event.text !== '') message.text = event.text;
  const data = event.data ?? {};
  if (event.kind === 'message') message.messageType = typeof data.messageType === 'string' ? data.messageType : 'text';
  if (event.kind === 'file-uploaded' || event.kind === 'file-deleted') {
    message.userData = {
      'file-id': String(data.fileId ?? ''),
      'file-name': String(data.fileName ?? event.text),
      'file-size': String(data.fileSize ?? ''),
      ...(typeof data.description === 'string' ? { 'file-description': data.description } : {}),
    };
  }
  if (data.eventAttributes !== undefined) message.eventAttributes = data.eventAttributes;
  // A bot is an External party marked by its party-info style (wire-gms-v2 §5). UNCONFIRMED: whether
  // GMS also sends `from.type: "Bot"`; the client accepts both.
  const participant = session.participants.find((p) => p.id === event.participantId);
  if (participant?.role === 'bot') message.eventAttributes = { ...(data.eventAttributes as object | undefined), GCTI_SYSTEM: { 'party-info': { style: 'BOT' } } };
  return message;
}
