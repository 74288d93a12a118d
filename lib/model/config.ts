/**
 * The configuration a page puts in `window._genesys.widgets.webchat` (`contract.md` §2), and the
 * keys read from `_genesys.widgets.main` (§2.3). Every key is optional here; `resolveConfig`
 * applies the defaults and ranges and yields a {@link ResolvedConfig}.
 */
export interface WebChatConfig {
  dataURL?: string;
  serverURL?: string;
  enableUrlTrailingSlash?: boolean;
  apikey?: string | number;
  endpoint?: string;
  enableCustomHeader?: boolean;
  userData?: Record<string, unknown>;
  ajaxTimeout?: number;
  fileUploadTimeout?: number;
  xhrFields?: { withCredentials?: boolean };
  pollExceptionLimit?: number;
  restoreTimeout?: number;
  maxMessageLength?: number;
  dynamicPolling?: boolean;
  pollRate?: number;
  pollRateMin?: number;
  pollRateMax?: number;
  pollIntervalIdle_ms?: number;
  pollRateMult?: number;
  pollRateSleep?: number;
  sleepEnabled?: boolean;
  cometD?: { enabled?: boolean; cometURL?: string; channel?: string; apiURL?: string; websocketEnabled?: boolean; logLevel?: string };
  /** Legacy async chat, CometD only (§2.1, §14.5): the integrator's callbacks keep the session. */
  async?: {
    enabled?: boolean;
    maxMessagePageSize?: number;
    /** Called after start and every push with the session data to keep (`secureKey`, `sessionID`, `alias`, `userId`, `transcriptPosition`). */
    getSessionData?: (sessionData: Record<string, unknown>, cookie: CookieHelper, cookieOptions: CookieOptions) => void;
    /** Called at configure: returns what `getSessionData` was given (an object, JSON, or a Promise of either) to restore from. */
    setSessionData?: (open: boolean, cookie: CookieHelper, cookieOptions: CookieOptions) => unknown;
    /** Product: called when the chat is over, to forget the kept session data. */
    deleteSessionData?: (cookie: CookieHelper, cookieOptions: CookieOptions) => void;
  };
  /** Product extension (§2.4): ms after the last agent typing signal before `agentTypingTimeout`. */
  agentTypingTimeout?: number;
  /** Product extension (§2.4): cap for failure backoff. */
  backoffMax?: number;
  /**
   * Product extension (issue 13): the tabs of one browser share one chat and one connection (one tab
   * leads, the others follow over a BroadcastChannel). Default `true`; `false` ⇒ each tab connects on
   * its own. Without Web Locks and BroadcastChannel it is off whatever the value.
   */
  multiTab?: boolean;
  /** Product extension (issue 14): ms a send may wait in the outbox for the connection (default 180000). */
  sendQueueTimeout?: number;
  transport?: TransportConfig;
}

/** Where a Nexus v3 chat is routed (`interactionData.routing`). */
export interface RoutingConfig {
  targetType?: string;
  targetAddress?: string;
  priority?: number;
  skills?: string[];
  language?: string;
}

/** Routing and journey data, given with a start (`interactionData`) or by `updateInteractionData`. */
export interface InteractionData {
  routing?: RoutingConfig;
  journey?: {
    customerId?: string;
    customerIdType?: string;
    sessionId?: string;
    sessionType?: string;
    actionId?: string;
    actionMapId?: string;
    actionMapVersion?: number | string;
  };
  userData?: Record<string, unknown>;
  [key: string]: unknown;
}

/** The integrator's cookie helper passed to the async callbacks (§14.5). */
export interface CookieHelper {
  get(name: string): string | undefined;
  set(name: string, value: string, options?: CookieOptions): void;
  remove(name: string, options?: CookieOptions): void;
}

/** Cookie attributes for the cookie storage (`_genesys.widgets.main.cookieOptions`). */
export interface CookieOptions {
  domain?: string;
  path?: string;
  sameSite?: 'strict' | 'lax' | 'none' | string;
  secure?: boolean;
  expires?: number | Date;
  [key: string]: unknown;
}

/** v3 async-mode callbacks (`contract.md` §14.5; the naming is inverted on purpose). */
export interface AsyncConfig {
  enabled?: boolean;
  getSessionData?: (sessionData: { messageIndex: number | string | null; token: string }, cookie: CookieHelper, cookieOptions: CookieOptions) => void;
  setSessionData?: (open: boolean, cookie: CookieHelper, cookieOptions: CookieOptions) => unknown;
  deleteSessionData?: (lost: { sessionData: unknown; response: unknown }, cookie: CookieHelper, cookieOptions: CookieOptions) => void;
}

/** `webchat.transport`: selects and configures the Nexus v3 (`pureengage-v3-rest`) or Genesys Cloud (`purecloud-v2-sockets`) back end; absent for GMS. */
export interface TransportConfig {
  type?: 'pureengage-v3-rest' | 'purecloud-v2-sockets' | string;
  dataURL?: string;
  endpoint?: string;
  stream?: string;
  clientType?: string;
  headers?: Record<string, string>;
  async?: AsyncConfig;
  deploymentKey?: string;
  orgGuid?: string;
  organizationId?: string;
  interactionData?: InteractionData;
  pagination?: boolean;
  maxMessagePageSize?: number;
  pollTimeout?: number;
  pollIntervalMultiplier?: number;
  pollExceptionLimit?: number;
  sleepEnabled?: boolean;
  socketHeartbeatTrackerInterval?: number;
  socketReconnectInterval?: number;
  socketConnectionCloseTime?: number;
  botEventsEnabled?: boolean;
  agentTypingTimeout?: number;
}

/** The keys of `_genesys.widgets.main` the service reads (§2.3). */
export interface MainConfig {
  header?: Record<string, string>;
  cookieOptions?: CookieOptions;
  deploymentID?: string;
  lang?: string;
  debug?: boolean;
}

/** The back ends of `contract.md` §7 (the top table says which config selects which). */
export type TransportId = 'gms-v2' | 'gms-v2-cometd' | 'nexus-v3' | 'purecloud-v2';

/** Configuration after defaults, aliases and range checks. Transports read only this. */
export interface ResolvedConfig {
  transportId: TransportId;
  /** The raw objects, for transport-specific keys not lifted below. */
  webchat: WebChatConfig;
  main: MainConfig;
  dataURL: string;
  enableUrlTrailingSlash: boolean;
  apikey?: string;
  endpoint?: string;
  enableCustomHeader: boolean;
  userData: Record<string, unknown>;
  ajaxTimeout: number;
  fileUploadTimeout: number;
  withCredentials: boolean;
  pollExceptionLimit: number;
  restoreTimeout: number;
  maxMessageLength?: number;
  dynamicPolling: boolean;
  pollRate: number;
  pollRateMin: number;
  pollRateMax: number;
  pollRateMult: number;
  pollRateSleep: number;
  sleepEnabled: boolean;
  agentTypingTimeout: number;
  backoffMax: number;
  sendQueueTimeout: number;
  transport: TransportConfig & {
    maxMessagePageSize: number;
    pollTimeout: number;
    pollIntervalMultiplier: number;
    socketHeartbeatTrackerInterval: number;
    socketReconnectInterval: number;
    socketConnectionCloseTime: number;
    pagination: boolean;
    botEventsEnabled: boolean;
    interactionData: InteractionData;
    headers: Record<string, string>;
  };
  /** v3 async mode is on only when enabled and both callbacks are functions (§2.5). */
  asyncMode: boolean;
}
