import type { ChatSession, ParticipantRole, TranscriptEvent } from '../sessionStore';

/**
 * How message indexes are written (wire-nexus-v3 §7): strings holding a `-` (the default, as a real
 * server sends them), or plain integers (the `nexusNumericIndex` fault).
 */
export type NexusIndexFormat = 'number' | 'string';

/** A message as `GET messages` returns it (wire-nexus-v3 §6.2, §8). */
export interface NexusWireMessage {
  index: number | string;
  type: string;
  text?: string;
  url?: string;
  utcTime: number;
  from: { nickname: string; participantId: string; type: string };
  content?: Array<{ type: 'image'; mime: string; url: string }>;
}

/** §8: store roles → Nexus `from.type` (bot and system senders are UNCONFIRMED names). */
const senderTypes: Record<ParticipantRole, string> = {
  customer: 'Customer',
  agent: 'Agent',
  supervisor: 'Supervisor',
  bot: 'Bot',
  system: 'System',
};

/** The path of an image under the chat root (wire-nexus-v3 §6.2, §13). */
export const nexusImagePath = (sessionId: string, fileId: string): string => `/sessions/${sessionId}/images/${fileId}`;

/**
 * The wire index of a transcript `seq`: `"<seq>-0"`, or the bare number under `nexusNumericIndex`.
 * UNCONFIRMED: the real format beyond "a string with a `-`"; `-0` is the playground's choice.
 */
export const nexusIndex = (seq: number, format: NexusIndexFormat): number | string => (format === 'string' ? `${seq}-0` : seq);

/**
 * One transcript event as a Nexus message, or `undefined` for the events v3 does not deliver
 * (`file-deleted`, `nickname`). Uploaded images become a `Text` with `content[]`; any other file
 * a `Text` with its name (UNCONFIRMED: v3 only takes images from customers).
 *
 * @example
 * toNexusMessage(session, { seq: 4, kind: 'message', participantId: agentId, text: 'Hi Jane', … }, 'string')
 * // { index: '4-0', type: 'Text', text: 'Hi Jane', utcTime: …, from: { nickname: 'Dana', participantId: agentId, type: 'Agent' } }
 *
 * @param session The session (participants give names and roles).
 * @param event The transcript event.
 * @param format The index format of the session.
 */
export function toNexusMessage(session: ChatSession, event: TranscriptEvent, format: NexusIndexFormat): NexusWireMessage | undefined {
  const participant = session.participants.find((p) => p.id === event.participantId);
  const base = {
    index: nexusIndex(event.seq, format),
    utcTime: event.time,
    from: {
      nickname: participant?.name ?? 'System',
      participantId: event.participantId,
      type: senderTypes[participant?.role ?? 'system'],
    },
  };
  switch (event.kind) {
    case 'join':
      return { ...base, type: 'ParticipantJoined' };
    case 'leave':
      return { ...base, type: 'ParticipantLeft' };
    case 'message':
      return { ...base, type: 'Text', text: event.text };
    case 'typing-start':
      return { ...base, type: 'TypingStarted', text: event.text };
    case 'typing-stop':
      return { ...base, type: 'TypingStopped', text: event.text };
    case 'notice':
    case 'custom-notice':
      return { ...base, type: 'Notice', text: event.text };
    case 'push-url':
      return { ...base, type: 'PushUrl', url: event.text, text: event.text };
    case 'file-uploaded': {
      const fileId = String(event.data?.fileId ?? '');
      const mime = String(event.data?.fileType ?? '');
      if (!mime.startsWith('image/')) return { ...base, type: 'Text', text: event.text };
      return { ...base, type: 'Text', text: '', content: [{ type: 'image', mime, url: nexusImagePath(session.id, fileId) }] };
    }
    default:
      return undefined;
  }
}
