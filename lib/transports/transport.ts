import type { Observable } from 'rxjs';
import type { Capabilities } from '../model/capabilities';
import type { InteractionData, ResolvedConfig, TransportId } from '../model/config';
import type { ChatForm, FileLimits } from '../model/commands';
import type { ErrorEventData, SessionData, AjaxFailure } from '../model/results';
import type { RawBatch, ReceiveSignal, Verdict } from '../model/receive';
import type { Platform } from '../platform/platform';
import type { SessionStore } from '../storage/sessionStore';

/**
 * The one interface the three wire protocols implement. A transport turns its wire protocol into
 * outcomes, raw message batches and connection verdicts; it knows nothing of bus events, and the
 * service never asks which transport it has (capabilities are data, as in pusher-js).
 */

/** Declared in the model (operators and the pipeline read them); re-exported here for transport authors. */
export type { Verdict, RawItem, RawBatch, ReceiveSignal } from '../model/receive';

/**
 * The single value every transport request observable emits (then completes; it never errors).
 * `ok: true` resolves the command with `body`; `ok: false` rejects it with `failure`.
 */
export type Outcome<T = Record<string, unknown>> =
  | { ok: true; body: T; verdict: 'ok' }
  | { ok: false; failure: AjaxFailure | Record<string, unknown>; verdict: Exclude<Verdict, 'ok'>; retryAfterMs?: number };

/** Poll-loop controls the service sends into {@link TransportSession.receive}. */
export type ReceiveControl =
  | { type: 'start' }
  | { type: 'stop' }
  | { type: 'pause' }
  | { type: 'sleep' }
  | { type: 'wake' }
  /** A poll now (the private `poll` command); the outcome (or `'busy'`) goes to `reply`. */
  | { type: 'pollNow'; reply: (outcome: Outcome | 'busy') => void };

/** The start request, after userData merging and form normalization (§6.2). */
export interface StartRequest {
  form: ChatForm;
  userData: Record<string, unknown>;
  interactionData: InteractionData;
  deploymentKey?: string;
  organizationId?: string;
}

/** A customer message as the service hands it to a transport. */
export interface OutgoingMessage {
  message: string;
  type?: string;
  parentMessageID?: string;
}

/** A session the transport holds: started, or restored. */
export interface TransportSession {
  /** `getSessionData` (§6.16), read at publish time. */
  sessionData(): SessionData;
  /**
   * Receiving: poll loop (gms, v3) or socket (cloud). Subscribing starts it, unsubscribing stops it
   * and leaves nothing running. Never errors.
   */
  receive(control$: Observable<ReceiveControl>): Observable<ReceiveSignal>;
  sendMessage(message: OutgoingMessage): Observable<Outcome>;
  /**
   * The typing-preview text changed (§12.1, §6.19): gms sends it as `message` on every poll
   * (§11.1); v3 and cloud ignore it (v3 carries the text in its typing messages, cloud has none).
   */
  preview(text: string): void;
  /** Client typing start/stop with the preview text (§12.1). Cloud has no stop call: it resolves `ok` without a request. */
  typing(isTyping: boolean, preview: string): Observable<Outcome>;
  /** The end request (gms disconnect, v3 DELETE participant, cloud DELETE member). */
  end(): Observable<Outcome>;
  sendCustomNotice?(message: string, eventAttributes?: Record<string, unknown>): Observable<Outcome>;
  updateUserData?(userData: Record<string, unknown>): Observable<Outcome>;
  getFileLimits?(): Observable<Outcome<Record<string, unknown> & { limits?: FileLimits }>>;
  /** Uploads one file; the service sequences several. A polled transport resets its own cadence after a send or an upload (gms §11.1). */
  sendFile?(file: File | Blob, fileName: string): Observable<Outcome>;
  downloadFile?(fileId: string, fileName?: string): Observable<Outcome<Record<string, unknown>>>;
  /** The next older page (§6.18): a batch, or `'end'` when nothing older exists. */
  fetchHistory?(): Observable<Outcome<{ batch: RawBatch; response: Record<string, unknown> } | { end: true }>>;
  /** Forget the persisted keys (end, timeout, loss). */
  forget(): void;
}

/** Start result: the server's answer, the new session and, when the answer carried messages, the first batch. */
export type StartOutcome = Outcome<{ response: Record<string, unknown>; session: TransportSession; batch?: RawBatch }>;

/** Restore result (§14.3 step 4). */
export type RestoreOutcome =
  | { kind: 'restored'; session: TransportSession; batch?: RawBatch; async: boolean }
  /** gms `statusCode: 1`: session active but offline; the first good poll replays with `restoring: true`. */
  | { kind: 'restoredOffline'; session: TransportSession }
  /** Nothing persisted. */
  | { kind: 'none' }
  /** Too old, or the server says it ended: keys cleared. */
  | { kind: 'timeout' }
  /** Keys cleared where the contract says so; `failure` is the restoreFailed payload. */
  | { kind: 'failed'; failure: Record<string, unknown>; sessionLost?: { response: unknown; error: ErrorEventData } };

/** A back end: starts or restores sessions over the platform; what each command needs of the wire. */
export interface Transport {
  /** Its column of the §7 support matrix (`model/capabilities.ts` `unsupportedCommands`): the engine refuses what it cannot carry. */
  readonly id: TransportId;
  readonly capabilities: Capabilities;
  /**
   * Whether joins/leaves of `Bot` senders publish `botConnected`/`botDisconnected` (gms: always;
   * cloud: `transport.botEventsEnabled`; `contract.md` §10 step 6).
   */
  readonly botEvents: boolean;
  /** ms without `sendTyping` before the customer's typing stops (§12.1: 2000; CometD: two idle 5 s ticks). */
  readonly typingIdleMs?: number;
  /**
   * The body of every completed REST response, any HTTP status: the service publishes it as
   * `ajaxResponse`. Health is the transport's own: it goes out on the session's receive stream.
   */
  readonly responses$: Observable<Record<string, unknown>>;
  /** Whether persisted keys exist (`verifySession`, auto-restore); no network. `fresh` = within `restoreTimeout`. */
  persisted(): { exists: boolean; fresh: boolean };
  start(request: StartRequest): Observable<StartOutcome>;
  /** Restore from persisted keys, or from `sessionData` (a token) when given (§6.14, §14.5). */
  restore(options: { sessionData?: string; async?: boolean }): Observable<RestoreOutcome>;
  /** `getSessionData` without a session (§6.16, as the shipped client reads it): GMS its keys as `''`, v3 and Cloud `{}`. */
  emptySessionData(): SessionData;
}

/** What a transport factory receives. */
export interface TransportContext {
  config: ResolvedConfig;
  platform: Platform;
  store: SessionStore;
}

/** Creates a transport for one service (what `composeWebChatService` takes per back end). */
export type TransportFactory = (context: TransportContext) => Transport;
