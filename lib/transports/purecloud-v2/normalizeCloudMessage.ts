import type { MessageType, NormalizedMessage, ParticipantType } from '../../model/messages';
import type { WebChatMemberInfo, WebChatMessage, WebChatTyping } from './cloudWire';
import { ownValue } from '../shared/ownValue';

/** `bodyType` → normalized `type` (`contract.md` §9.3); `media-request` has none and is dropped (product). */
const messageTypes: Record<string, MessageType> = {
  standard: 'Message',
  notice: 'Notice',
  'member-join': 'ParticipantJoined',
  'member-leave': 'ParticipantLeft',
};

/** Member `role` → participant type (`wire-purecloud-v2.md` §5.2 item 3). */
const participantTypes: Record<string, ParticipantType> = {
  CUSTOMER: 'Client',
  AGENT: 'Agent',
  WORKFLOW: 'Bot',
  ACD: 'External',
};

/**
 * The participant type of a sender: the guest's own member is always `Client`; an unknown member
 * (lookup failed, §5.2 item 2) and a WORKFLOW `notice` are `External`.
 *
 * @param member The sender's member info, when known.
 * @param ownMemberId The guest's member id.
 * @param bodyType The message's `bodyType`, for the WORKFLOW notice rule.
 */
export function cloudParticipantType(member: WebChatMemberInfo | undefined, ownMemberId: string, bodyType?: string): ParticipantType {
  if (member?.id === ownMemberId) return 'Client';
  const type = ownValue(participantTypes, member?.role) ?? 'External';
  return type === 'Bot' && bodyType === 'notice' ? 'External' : type;
}

/**
 * One WebChatMessage as the contract's normalized message (`contract.md` §9.3), or `null` for a
 * `bodyType` the contract has no type for (`media-request`).
 *
 * @example
 * normalizeCloudMessage({ id: 'm2', sender: { id: 'AG' }, body: 'Hi!', bodyType: 'standard', timestamp: '2020-08-05T13:09:49.546Z' },
 *                       { id: 'AG', role: 'AGENT', displayName: 'Kim' }, 'ME', 3);
 * // { index: 3, id: 'm2', type: 'Message', text: 'Hi!', html: false, userData: {}, timestamp: 1596632989546,
 * //   from: { id: 'AG', type: 'Agent', name: 'Kim' } }
 *
 * @param message The wire message (a listing entity or a frame's `eventBody`).
 * @param sender The sender's member info, when known.
 * @param ownMemberId The guest's member id.
 * @param index The local ordinal (§9.1: ascending from 1 live, downward from 0 for history).
 */
export function normalizeCloudMessage(
  message: WebChatMessage,
  sender: WebChatMemberInfo | undefined,
  ownMemberId: string,
  index: number,
): NormalizedMessage | null {
  const type = messageTypes[message.bodyType ?? 'standard'];
  if (!type) return null;
  return {
    index,
    id: message.id,
    type,
    text: typeof message.body === 'string' ? message.body : '',
    html: false,
    userData: {},
    timestamp: timestampOf(message.timestamp),
    from: from(message.sender.id, sender, ownMemberId, message.bodyType),
  };
}

/**
 * A `typing-indicator` frame as a `TypingStarted` message: a side-effect-only signal for the agent
 * typing events (`contract.md` §12.2); the guest API has no stop signal.
 *
 * @param typing The frame's `eventBody`.
 * @param sender The sender's member info, when known.
 * @param ownMemberId The guest's member id.
 * @param index The local ordinal of the newest message so far (typing signals are never published).
 */
export function normalizeCloudTyping(typing: WebChatTyping, sender: WebChatMemberInfo | undefined, ownMemberId: string, index: number): NormalizedMessage {
  return {
    index,
    id: typing.id,
    type: 'TypingStarted',
    text: '',
    html: false,
    userData: {},
    timestamp: timestampOf(typing.timestamp),
    from: from(typing.sender.id, sender, ownMemberId),
    isTyping: true,
  };
}

function from(id: string, sender: WebChatMemberInfo | undefined, ownMemberId: string, bodyType?: string): NormalizedMessage['from'] {
  const type = id === ownMemberId ? 'Client' : cloudParticipantType(sender, ownMemberId, bodyType);
  return {
    id,
    type,
    name: sender?.displayName ?? '',
    ...(sender?.avatarImageUrl ? { avatar: sender.avatarImageUrl } : {}),
  };
}

/** `Date.parse` of the ISO timestamp; `0` when absent or unreadable (never NaN in a published message). */
export function timestampOf(value: string | undefined): number {
  const parsed = value === undefined ? NaN : Date.parse(value);
  return Number.isNaN(parsed) ? 0 : parsed;
}
