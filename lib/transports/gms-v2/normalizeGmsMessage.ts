import type { NormalizedMessage, ParticipantType } from '../../model/messages';
import type { GmsMessage } from './gmsWire';
import { ownValue } from '../shared/ownValue';

const senderTypes: Record<string, ParticipantType> = {
  Client: 'Client',
  Agent: 'Agent',
  Supervisor: 'Supervisor',
  External: 'External',
  Bot: 'Bot',
};

/**
 * A GMS transcript event as the contract's normalized message (`contract.md` §9.3, gms column):
 * `utcTime` → timestamp, `from.participantId` through `parseInt`, `Bot` from the party-info style,
 * structured-content text overriding `text`, `fileDetails` on FileUploaded.
 */
export function normalizeGmsMessage(raw: GmsMessage): NormalizedMessage {
  const from = raw.from ?? {};
  const attributes = parseAttributes(raw.eventAttributes);
  const structured = readStructuredContent(attributes);
  const partyStyle = readPath(attributes, ['GCTI_SYSTEM', 'party-info', 'style']);
  const type: ParticipantType = partyStyle === 'BOT' ? 'Bot' : ownValue(senderTypes, from.type) ?? 'External';
  const id = Number.parseInt(String(from.participantId ?? ''), 10);
  const text = typeof structured?.text === 'string' ? structured.text : typeof raw.text === 'string' ? raw.text : '';
  const userData = raw.userData && typeof raw.userData === 'object' ? { ...raw.userData } : {};
  const message: NormalizedMessage = {
    index: typeof raw.index === 'number' ? raw.index : Number(raw.index ?? 0),
    type: typeof raw.type === 'string' ? raw.type : 'Notice',
    text,
    html: raw.html === true,
    userData,
    timestamp: typeof raw.utcTime === 'number' ? raw.utcTime : Number(raw.utcTime ?? 0),
    from: { id: Number.isNaN(id) ? String(from.participantId ?? '') : id, type, name: typeof from.nickname === 'string' ? from.nickname : '' },
  };
  if (raw.bubble !== undefined) message.bubble = raw.bubble;
  if (typeof raw.messageType === 'string') message.messageType = raw.messageType;
  if (structured) message.content = structured;
  if (raw.type === 'TypingStarted') message.isTyping = true;
  if (raw.type === 'TypingStopped') message.isTyping = false;
  if (raw.type === 'FileUploaded') message.fileDetails = userData;
  return message;
}

function parseAttributes(value: unknown): Record<string, unknown> {
  if (typeof value === 'string') {
    try {
      const parsed: unknown = JSON.parse(value);
      return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  }
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

function readStructuredContent(attributes: Record<string, unknown>): Record<string, unknown> | undefined {
  const content = readPath(attributes, ['structured-content', 'genesys-chat', 'content']);
  const parsed = typeof content === 'string' ? parseAttributes(content) : content;
  return parsed && typeof parsed === 'object' && Object.keys(parsed).length > 0 ? (parsed as Record<string, unknown>) : undefined;
}

function readPath(value: unknown, path: string[]): unknown {
  let current: unknown = value;
  for (const key of path) {
    if (!current || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

