/**
 * The Nexus chat v3 wire shapes (`wire-nexus-v3.md`). Everything read from the server is typed as
 * optional and narrowed where it is used: the API has no public reference, so the client is tolerant.
 */

/** `status` of the `{status, data}` envelope (§4); `code` is `0` on success (playground), a string on errors. */
export interface NexusStatus {
  code?: string | number;
  message?: string;
}

/** The response envelope (§4). A 2xx body with a string `status.code` and no `data` is an error. */
export interface NexusEnvelope<T = Record<string, unknown>> {
  status?: NexusStatus;
  data?: T;
  /** The shipped client reads a top-level `chatEnded` on send replies (§6.3). */
  chatEnded?: unknown;
}

/** The identity a `clientToken` JWT carries (§5). */
export interface NexusSessionIds {
  sessionId: string;
  transportId: string;
  participantId: string;
}

/** `data` of the create / resume reply (§6.1). */
export interface NexusCreateData {
  clientToken?: string;
  entity?: { id?: string; selfUri?: string };
}

/** A `content[]` entry of a message (§6.2): images only so far. */
export interface NexusContent {
  type?: string;
  mime?: string;
  url?: string;
  [key: string]: unknown;
}

/** `from` of a message (§8). `type`: `Customer`, `Agent`, `Supervisor`, anything else. */
export interface NexusFrom {
  nickname?: string;
  firstName?: string;
  lastName?: string;
  participantId?: string | number;
  type?: string;
}

/**
 * One message of a `GET messages` reply (§6.2, §8). `index` is a string holding a `-` on the wire
 * (§7), opaque to the client; a number is tolerated (keyed as its decimal text).
 */
export interface NexusMessage {
  index?: number | string;
  type?: string;
  text?: string;
  url?: string;
  utcTime?: number | string;
  from?: NexusFrom;
  content?: NexusContent[];
  userData?: Record<string, unknown>;
  [key: string]: unknown;
}

/** `data` of a `GET messages` reply (§6.2). */
export interface NexusMessagesData {
  messages?: NexusMessage[];
  chatEnded?: unknown;
}

/** The persisted session keys of sync mode (`contract.md` §14.1), after `pureengage-v3-rest.`. */
export const nexusKeyPrefix = 'pureengage-v3-rest';
