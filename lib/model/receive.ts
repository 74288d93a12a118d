import type { NormalizedMessage } from './messages';
import type { ErrorEventData } from './results';

/**
 * What a transport hands the core: classified verdicts and raw message batches. These types live in
 * the model (not in `transports/`) because operators and the message pipeline read them, and every
 * import arrow points down toward the model (`spec/architecture.spec.ts`).
 */

/** How one request ended, classified by the transport (STYLE.md "classify, then react"). */
export type Verdict =
  | 'ok'
  /** GMS `statusCode: 1`: counts toward `pollExceptionLimit`. */
  | 'serverBusy'
  /** status 0, timeout, socket lost: `disconnected`. */
  | 'networkDown'
  /** HTTP 5xx / 429 / 404 without an envelope and other failures worth a backoff. */
  | 'serverError'
  /** The server refused this request, the session goes on (validation, upload rejected). */
  | 'refused'
  /** The server says the session is over. */
  | 'ended'
  /** v3 `INVALID_SESSION`/404, cloud 401/404 on the own member. */
  | 'sessionLost';

/** One raw transport message, already normalized by the transport (§9.3), with its dedupe key. */
export interface RawItem {
  /** gms/v3: the numeric transcript index; cloud: the message id. */
  key: number | string;
  /** Sort order inside the batch (ascending = chronological). */
  order: number;
  message: NormalizedMessage;
  raw: unknown;
  /** Out-of-band signal (cloud typing-indicator, member-change): side effects only, never published. */
  sideEffectOnly?: boolean;
}

/** The messages of one poll / send / socket delivery group / restore replay / history page (§10). */
export interface RawBatch {
  items: RawItem[];
  restoring?: boolean;
  oldMessages?: boolean;
  idleTimeCountDown?: unknown;
}

/** What flows out of a running session while the service listens (§10, §11, §13). */
export type ReceiveSignal =
  | { type: 'batch'; batch: RawBatch }
  /** The poll loop started or stopped (`pollingStarted`/`pollingStopped`); push transports never send it. */
  | { type: 'polling'; active: boolean }
  /**
   * A classified outcome of a poll or of the socket (drives `disconnected`/`reconnected`, `pollExceptionLimit`).
   * `error`, when present, is published as `error` (v3 §9: a poll failure naming a server code; the session goes on).
   */
  | { type: 'health'; verdict: Verdict; error?: ErrorEventData }
  /**
   * Another answered request (polled back ends; polls included): its verdict drives `disconnected`/
   * `reconnected` only, never `pollExceptionLimit`. Sent after the response reached `responses$`.
   */
  | { type: 'response'; verdict: Verdict }
  /** The server ended the session (`chatEnded`, own member left). `error` is published first when present. */
  | { type: 'ended'; error?: ErrorEventData }
  /** CometD: lost and not re-attached after 30 attempts 3 s apart (`chatServerTimeout`, §11.4); receiving has stopped. */
  | { type: 'serverTimeout' }
  /** The session is gone (v3 INVALID_SESSION/404, cloud 401/404): `sessionLost` → `error` → end. */
  | { type: 'sessionLost'; response: unknown; error: ErrorEventData };
