import type { Observable, SchedulerLike } from 'rxjs';
import type { CometdOpener } from './openCometd';

/** One form field; repeated names are allowed. */
export type FormField = readonly [name: string, value: string];

/** A file part of a multipart body. */
export interface FilePart {
  name: string;
  file: Blob;
  fileName: string;
}

/** A request body: urlencoded form, JSON, or multipart with files. */
export type HttpBody =
  | { kind: 'form'; fields: readonly FormField[] }
  | { kind: 'json'; value: unknown }
  | { kind: 'multipart'; fields: readonly FormField[]; files: readonly FilePart[] };

/** One HTTP request a transport asks the platform for. */
export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  url: string;
  headers?: Record<string, string>;
  body?: HttpBody;
  /** Milliseconds; `0` or absent = no timeout. */
  timeout?: number;
  withCredentials?: boolean;
  /** `'blob'` for downloads; otherwise the body is read as text and parsed as JSON when it can be. */
  responseType?: 'json' | 'blob';
}

/**
 * A completed request, whatever happened. `status` is `0` for a network failure, a timeout or an
 * abort (`statusText` `'error'`, `'timeout'`, `'abort'`).
 */
export interface HttpResponse {
  status: number;
  statusText: string;
  /** The parsed JSON body; `undefined` when the body is empty or not JSON. */
  json: unknown;
  /** The raw text when the body was not JSON (a WAF page, a truncated reply). */
  text?: string;
  blob?: Blob;
  /** Lower-cased response header names. */
  headers: Record<string, string>;
}

/** Where the library logs (secrets never reach it); `console` fits. */
export interface Logger {
  debug(...args: unknown[]): void;
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
}

/** Where the page is, for the automatic `_genesys_*` userData keys (§6.2); an absent value is sent as `''`. */
export interface PageInfo {
  url?: string;
  referrer?: string;
  title?: string;
  userAgent?: string;
  source?: 'web' | 'mobile';
}

/** A persistence adapter (`contract.md` §2.4 `storage`). Values are strings. */
export interface KeyValueStorage {
  get(name: string): string | null | undefined;
  set(name: string, value: string): void;
  remove(name: string): void;
}

/** The WebSocket constructor reconnecting-websocket is given (the browser's, or `ws` in Node). */
export type WebSocketConstructor = new (url: string, protocols?: string | string[]) => WebSocket;

/**
 * The one door to the outside world (STYLE.md §7). Only the browser and Node platform files touch
 * globals; everything else gets this object, so every flow runs in virtual time in tests.
 */
export interface Platform {
  scheduler: SchedulerLike;
  now(): number;
  random(): number;
  /** One request; emits exactly one {@link HttpResponse} and completes; never errors; unsubscribing aborts. */
  http(request: HttpRequest): Observable<HttpResponse>;
  WebSocket?: WebSocketConstructor;
  /** The XMLHttpRequest factory given for Node (`xhr2`); the CometD long-polling transport uses it too. */
  createXHR?: () => XMLHttpRequest;
  /** Replaces `openCometd` (a fake Bayeux server in specs); absent ⇒ the `cometd` package. */
  cometd?: CometdOpener;
  storage: KeyValueStorage;
  /**
   * Where tabs of one origin leave each other short-lived marks (the Nexus poll stamp
   * `_genesys.widgets.chatPollPending`, `contract.md` §11.2): `localStorage` in a browser that allows
   * it; absent ⇒ `storage`.
   */
  crossTabStorage?: KeyValueStorage;
  logger: Logger;
  /** Page visible and focused (true) or not (false); drives `sleep`/`wake` when `sleepEnabled`. */
  pageActive$: Observable<boolean>;
  /**
   * How the page's tabs agree on one leader and talk to each other (issue 13): Web Locks and
   * BroadcastChannel in a browser that has both; absent ⇒ every tab runs its own connection.
   */
  tabs?: TabCoordination;
  /** The browser's `online` event. */
  online$: Observable<unknown>;
  page: PageInfo;
}

/** One named broadcast channel between the tabs of an origin (a `BroadcastChannel`). */
export interface TabChannel {
  /** Sends to every other tab on the channel (not to this one); throws when `message` cannot be cloned. */
  post(message: unknown): void;
  /** What the other tabs post, in the order each posted it. */
  readonly messages$: Observable<unknown>;
  /** Leaves the channel: nothing more is received or sent. */
  close(): void;
}

/** The cross-tab primitives behind multi-tab mode: an exclusive named lock and a named channel. */
export interface TabCoordination {
  /**
   * Asks for the exclusive lock `name` (Web Locks `navigator.locks.request`): `onHeld` runs once
   * this tab holds it; the tab keeps it until the returned function is called (or the page goes
   * away). Calling the returned function before the lock is granted withdraws the request.
   */
  lock(name: string, onHeld: () => void): () => void;
  /** Joins the broadcast channel `name` (a `BroadcastChannel` in a browser). */
  channel(name: string): TabChannel;
}
