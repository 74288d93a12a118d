/**
 * The Genesys Cloud guest chat wire format (`wire-purecloud-v2.md`): request and response bodies of
 * the REST API and the frames of the event stream. Types only; every field the server may omit is
 * optional, because the client reads untrusted JSON and narrows it.
 */

/** `POST /api/v2/webchat/guest/conversations` body (§2.1). */
export interface CreateConversationRequest {
  organizationId: string;
  deploymentId: string;
  routingTarget: {
    targetType: string;
    targetAddress: string;
    skills?: string[];
    language?: string;
    priority?: number;
  };
  memberInfo: GuestMemberInfo & {
    /** Sent by the shipped client although the API definition (and the SDK's GuestMemberInfo) does not list it (§2.1). */
    role?: 'CUSTOMER';
  };
  memberAuthToken?: string;
  journeyContext?: JourneyContext;
}

export interface JourneyContext {
  customer?: { id?: string; idType?: string };
  customerSession?: { id?: string; type?: string };
  triggeringAction?: { id?: string; actionMap?: { id?: string; version?: number | string } };
}

/** The create response (§2.1): only `member.id` is filled in `member`. */
export interface CreateConversationResponse {
  id: string;
  jwt: string;
  eventStreamUri: string;
  member: { id: string };
}

export type BodyType = 'standard' | 'notice' | 'member-join' | 'member-leave' | 'media-request';

/** WebChatMessage (§2.3, §2.5): a listing entity and the `eventBody` of a `message` frame. */
export interface WebChatMessage {
  id: string;
  conversation?: { id: string; selfUri?: string };
  sender: { id: string };
  body?: string;
  bodyType?: BodyType | string;
  timestamp?: string;
  name?: string | null;
  selfUri?: string;
}

/** `GET …/messages` (§2.5). `next` is a path relative to the API host. */
export interface WebChatMessageEntityList {
  pageSize?: number;
  entities?: WebChatMessage[];
  next?: string;
  previousPage?: string;
  selfUri?: string;
}

export type MemberRole = 'AGENT' | 'CUSTOMER' | 'WORKFLOW' | 'ACD';
export type MemberState = 'CONNECTED' | 'DISCONNECTED' | 'ALERTING';

/** What a guest says about itself in the create request (the SDK's `GuestMemberInfo`). */
export interface GuestMemberInfo {
  displayName: string;
  firstName?: string;
  lastName?: string;
  email?: string;
  phoneNumber?: string;
  avatarImageUrl?: string;
  customFields?: Record<string, string>;
}

/** WebChatMemberInfo (§2.6). */
export interface WebChatMemberInfo extends Partial<GuestMemberInfo> {
  id: string;
  role?: MemberRole | string;
  joinDate?: string;
  leaveDate?: string | null;
  authenticatedGuest?: boolean;
  state?: MemberState | string;
}

/** `GET …/members` (§2.6): the client follows `nextUri` until absent. */
export interface WebChatMemberInfoEntityList {
  entities?: WebChatMemberInfo[];
  pageSize?: number;
  pageNumber?: number;
  total?: number;
  firstUri?: string;
  lastUri?: string;
  selfUri?: string;
  previousUri?: string;
  nextUri?: string;
  pageCount?: number;
}

/** WebChatTyping, the answer to `POST …/typing` and the `eventBody` of a `typing-indicator` frame (§2.4). */
export interface WebChatTyping {
  id: string;
  conversation?: { id: string; selfUri?: string };
  sender: { id: string };
  timestamp?: string;
}

/** The `eventBody` of a `member-change` frame (§5). */
export interface MemberChangeEvent {
  conversation?: { id: string };
  member: { id: string; state?: MemberState | string };
  timestamp?: string;
}

/** ErrorBody (§4). */
export interface ErrorBody {
  message?: string;
  code?: string;
  status?: number;
  entityId?: string;
  entityName?: string;
  messageWithParams?: string;
  messageParams?: Record<string, string>;
  contextId?: string;
  details?: { errorCode?: string; fieldName?: string; entityId?: string; entityName?: string }[];
  errors?: ErrorBody[];
  limit?: { key?: string; namespace?: string; value?: number };
}

/** The event-stream envelope (§5). `CorrelationId` is spelled with a capital C; it is not a message id. */
export interface StreamFrame<T = unknown> {
  topicName: string;
  version?: string;
  eventBody: T;
  metadata?: { CorrelationId?: string; type?: 'message' | 'typing-indicator' | 'member-change' | string };
}

/** The heartbeat's topic and text (§5). */
export const heartbeatTopic = 'channel.metadata';
export const heartbeatMessage = 'WebSocket Heartbeat';
/** Not seen on guest streams; treated as "about to close" (§5.1, defensive). */
export const socketClosingTopic = 'v2.system.socket_closing';
