import { randomUUID } from 'node:crypto';
import { SYSTEM_PARTICIPANT_ID, type ChatSession, type Participant, type ParticipantRole, type TranscriptEvent, type TranscriptKind } from '../sessionStore';

/**
 * The store's transport-neutral sessions in the Genesys Cloud guest chat wire format
 * (wire-purecloud-v2 §2, §5): conversation id = session id, member id = participant id, message
 * id = transcript event id. Pure mapping functions; the protocol module sends what they build.
 */

/** Store role → member `role` (§2.6). The guest API has no supervisor: it is an AGENT member. */
const ROLES: Record<ParticipantRole, string> = { customer: 'CUSTOMER', agent: 'AGENT', supervisor: 'AGENT', bot: 'WORKFLOW', system: 'ACD' };

/** Store transcript kinds that are messages on this wire, and their `bodyType` (§2.3). Typing and files are not messages here. */
const BODY_TYPES: Partial<Record<TranscriptKind, string>> = {
  join: 'member-join',
  leave: 'member-leave',
  message: 'standard',
  // The guest API has no push-URL message: the URL arrives as text.
  'push-url': 'standard',
  notice: 'notice',
  'custom-notice': 'notice',
};

export const conversationPath = (sessionId: string) => `/api/v2/webchat/guest/conversations/${sessionId}`;

const iso = (ms: number) => new Date(ms).toISOString();

/** The ACD member that system notices come from (no participant record stands behind it). */
export function systemMember(session: ChatSession): Record<string, unknown> {
  return { id: SYSTEM_PARTICIPANT_ID, displayName: 'System', role: 'ACD', joinDate: iso(session.createdAt), leaveDate: null, state: 'CONNECTED' };
}

/** WebChatMemberInfo of a participant (§2.6). */
export function memberInfo(session: ChatSession, participant: Participant): Record<string, unknown> {
  const customer = participant.id === session.customerId;
  return {
    id: participant.id,
    displayName: participant.name,
    ...(customer && session.customer.firstName ? { firstName: session.customer.firstName } : {}),
    ...(customer && session.customer.lastName ? { lastName: session.customer.lastName } : {}),
    ...(customer && session.customer.email ? { email: session.customer.email } : {}),
    ...(participant.avatar ? { avatarImageUrl: participant.avatar } : {}),
    role: ROLES[participant.role],
    joinDate: iso(participant.joinedAt),
    leaveDate: participant.leftAt !== undefined && participant.state === 'disconnected' ? iso(participant.leftAt) : null,
    authenticatedGuest: false,
    ...(customer ? { customFields: { ...session.customFields } } : {}),
    state: participant.state === 'connected' ? 'CONNECTED' : 'DISCONNECTED',
  };
}

/** The member of an id (a participant, or the system ACD member), or `undefined`. */
export function findMember(session: ChatSession, memberId: string): Record<string, unknown> | undefined {
  const participant = session.participants.find((p) => p.id === memberId);
  if (participant) return memberInfo(session, participant);
  return memberId === SYSTEM_PARTICIPANT_ID && session.transcript.some((e) => e.participantId === SYSTEM_PARTICIPANT_ID) ? systemMember(session) : undefined;
}

/** Every member of the conversation, in join order (the system member when it spoke). */
export function allMembers(session: ChatSession): Record<string, unknown>[] {
  const members = session.participants.map((p) => memberInfo(session, p));
  if (session.transcript.some((e) => e.participantId === SYSTEM_PARTICIPANT_ID)) members.push(systemMember(session));
  return members;
}

/** Whether a transcript event is a message on this wire. */
export const isCloudMessage = (event: TranscriptEvent): boolean => BODY_TYPES[event.kind] !== undefined;

/** WebChatMessage of a transcript event (§2.3, §2.5). Join/leave bodies are `""` (UNCONFIRMED, §5). */
export function webChatMessage(session: ChatSession, event: TranscriptEvent): Record<string, unknown> {
  const bodyType = BODY_TYPES[event.kind] ?? 'standard';
  return {
    id: event.id,
    name: null,
    conversation: { id: session.id, selfUri: `/api/v2/conversations/${session.id}` },
    sender: { id: event.participantId },
    body: bodyType === 'member-join' || bodyType === 'member-leave' ? '' : event.text,
    bodyType,
    timestamp: iso(event.time),
    selfUri: `${conversationPath(session.id)}/messages/${event.id}`,
  };
}

/** WebChatTyping (§2.4): the answer to POST typing and the body of a typing-indicator frame. */
export function webChatTyping(session: ChatSession, memberId: string, time: number, id: string = randomUUID()): Record<string, unknown> {
  return { id, conversation: { id: session.id, selfUri: `/api/v2/conversations/${session.id}` }, sender: { id: memberId }, timestamp: iso(time) };
}

/** The event-stream envelope (§5). `CorrelationId` (capital C) differs on every event. */
function envelope(topicName: string, type: string, eventBody: unknown): string {
  return JSON.stringify({ topicName, version: '2', eventBody, metadata: { CorrelationId: randomUUID(), type } });
}

export const messageFrame = (session: ChatSession, event: TranscriptEvent): string =>
  envelope(`v2.conversations.chats.${session.id}.messages`, 'message', webChatMessage(session, event));

/** `id` = the typing event's id (the REST answer carries the same one); repeats get fresh ids. */
export const typingFrame = (session: ChatSession, memberId: string, time: number, id?: string): string =>
  envelope(`v2.conversations.chats.${session.id}.messages`, 'typing-indicator', webChatTyping(session, memberId, time, id));

export const memberChangeFrame = (session: ChatSession, memberId: string, state: 'ALERTING' | 'CONNECTED' | 'DISCONNECTED', time: number): string =>
  envelope(`v2.conversations.chats.${session.id}.members`, 'member-change', { conversation: { id: session.id }, member: { id: memberId, state }, timestamp: iso(time) });

/** The heartbeat has no metadata (§5). */
export const heartbeatFrame = (): string => JSON.stringify({ topicName: 'channel.metadata', eventBody: { message: 'WebSocket Heartbeat' } });
