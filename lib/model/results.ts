/**
 * The "AJAX Response Object" of the reference pages (`contract.md` §4).
 * - `AjaxResult`: the parsed JSON body of a successful request (`{}` when empty).
 * - `ServerFailure`: HTTP 2xx whose body reports failure (GMS `statusCode` ≠ 0, v3 `status.code`).
 * - `AjaxFailure`: network error, timeout, abort or non-2xx, with jqXHR-like field names.
 */
export type AjaxResult = Record<string, unknown>;
/** A back end's error body, as it sent it. */
export type ServerFailure = Record<string, unknown>;

/** A failed request, as commands reject with it (`{status, statusText, responseJSON?, retryAfter?}`). */
export interface AjaxFailure {
  /** `0` for network failure, timeout or abort; else the HTTP status. */
  status: number;
  /** `'timeout'`, `'error'`, `'abort'` or the HTTP reason. */
  statusText: string;
  responseJSON?: unknown;
  responseText?: string;
  /** Seconds from a `Retry-After` header. */
  retryAfter?: number;
  errorReason?: string;
}

/** What a rejected command carries: a contract text, an AjaxFailure, a ServerFailure, or `{statusCode: 1}`. */
export type CommandRejection = string | AjaxFailure | ServerFailure | { readonly statusCode: 1 };

/**
 * `getSessionData` (§6.16): the keys depend on the transport. Without a session, as the shipped
 * client reads them: GMS gives the same keys as `''`, v3 and Cloud give `{}` ({@link NoSessionData}).
 */
export interface GmsSessionData {
  secureKey: string;
  sessionID: string;
  sessionId: string;
  alias: string;
  userId: string;
}
/** GMS `getSessionData` with no session: its keys, each `''`, as the shipped client gives them. */
export function gmsNoSessionData(): GmsSessionData {
  return { secureKey: '', sessionID: '', sessionId: '', alias: '', userId: '' };
}
/** `getSessionData` on Nexus v3: the keys of the running chat (`null` when none). */
export interface NexusSessionData {
  participantId: string | null;
  sessionId: string | null;
  token: string | null;
  transportId: string | null;
}
/** `getSessionData` on Genesys Cloud: the keys of the running chat (`null` when none). */
export interface CloudSessionData {
  jwt: string | null;
  conversationId: string | null;
  memberId: string | null;
  WebSocketUrl: string | null;
  lastMessageId: string | null;
}
/** The v3 and Cloud `getSessionData` without a session: no keys at all. */
export type NoSessionData = Record<string, never>;
/** `getSessionData` result: the keys of the running chat on its back end, or `{}` when there is none. */
export type SessionData = GmsSessionData | NexusSessionData | CloudSessionData | NoSessionData;

/** Events of `contract.md` §4 for the `error` event. */
export type ErrorEventData = Record<string, unknown>;
