import type { WebChatConfig } from '../../lib/model/config';
import type { SessionData } from '../../lib/model/results';
import type { FaultKind } from '../../playground/server/faults';
import { playgroundConfig } from '../helpers/playgroundConfig';
import type { PlaygroundTransport } from '../helpers/playgroundConfig';

export type SoakTransportId = PlaygroundTransport;

/** A fault the soak may inject into a running session: a kind and the routes it may hit. */
export interface SoakFault {
  kind: FaultKind;
  routes: readonly string[];
  /** Relative weight in the random draw. */
  weight: number;
  /** Longest streak (`count`) drawn for it; default 1. */
  maxCount?: number;
  /** Shortest streak drawn for it; default 1. */
  minCount?: number;
  /** Applies to every matching request from then on (a session the server has lost stays lost). */
  sticky?: boolean;
}

/** How the soak drives one transport against the playground. */
export interface SoakProfile {
  id: SoakTransportId;
  /** The service config against the playground at `url`, with timings short enough for a soak. */
  config(url: string): WebChatConfig;
  /** The playground's session id from `getSessionData`. */
  sessionId(sessionData: SessionData): string | null;
  /** The secrets in `getSessionData` (they must appear nowhere else). */
  secrets(sessionData: SessionData): string[];
  /** Faults a session must live through: the conversation goes on. */
  transient: readonly SoakFault[];
  /** Faults that end the session on the server's side (used as an ending, never mid-conversation). */
  terminal: readonly SoakFault[];
  /**
   * The terminal faults ride on a send (CometD: no poll to carry them), so the customer types one
   * more message after one is injected; else it would wait for a request that never comes.
   */
  terminalOnSend?: boolean;
  /** Faults that take the connection down for a while: the customer types during them (issue 14, the outbox). */
  outages: readonly SoakFault[];
  /** Route name of the create request (faults there cannot name a session: they are drawn globally). */
  createRoute: string;
}

/** Generic HTTP faults with per-transport routes (weights: common failures first). */
const httpFaults = (routes: readonly string[], timeoutWeight: number): SoakFault[] => [
  { kind: 'http500', routes, weight: 3 },
  { kind: 'http502', routes, weight: 3 },
  { kind: 'http503', routes, weight: 3 },
  { kind: 'timeout', routes, weight: timeoutWeight },
  { kind: 'drop', routes, weight: 3 },
  { kind: 'http429', routes, weight: 1 },
  { kind: 'plain403', routes, weight: 2 },
  { kind: 'malformedJson', routes, weight: 2 },
  { kind: 'truncatedJson', routes, weight: 2 },
  { kind: 'slow', routes, weight: 3 },
];

const text = (value: unknown): string[] => (typeof value === 'string' && value.length >= 8 ? [value] : []);

/** GMS v2 REST polling (`wire-gms-v2.md`): a fast poll and a short `ajaxTimeout`. */
export const gmsProfile: SoakProfile = {
  id: 'gms-v2',
  config: (url) => playgroundConfig('gms-v2', url, { pollRateMin: 100, pollRateMax: 300, ajaxTimeout: 800, backoffMax: 600 }),
  sessionId: (data) => ('sessionID' in data ? data.sessionID : null),
  secrets: (data) => ('secureKey' in data ? text(data.secureKey) : []),
  transient: [
    ...httpFaults(['refresh', 'send', 'startTyping', 'stopTyping'], 2),
    { kind: 'gmsStatusCode1', routes: ['refresh'], weight: 3, maxCount: 8 },
    { kind: 'duplicate', routes: ['refresh'], weight: 3, maxCount: 3 },
    { kind: 'outOfOrder', routes: ['refresh'], weight: 3, maxCount: 3 },
  ],
  terminal: [{ kind: 'gmsStatusCode2', routes: ['refresh'], weight: 1 }],
  outages: [
    { kind: 'drop', routes: ['refresh'], weight: 3, minCount: 2, maxCount: 4 },
    { kind: 'http503', routes: ['refresh'], weight: 3, minCount: 3, maxCount: 6 },
    // Past pollExceptionLimit (5): chatServerWentOffline.
    { kind: 'gmsStatusCode1', routes: ['refresh'], weight: 2, minCount: 7, maxCount: 9 },
  ],
  createRoute: 'requestChat',
};

/**
 * Nexus chat v3 REST polling (`wire-nexus-v3.md`): the shortest `pollTimeout` (100), and the
 * playground's default string indexes `"<seq>-0"` (§7; no `nexusNumericIndex`).
 */
export const nexusProfile: SoakProfile = {
  id: 'nexus-v3',
  config: (url) => playgroundConfig('nexus-v3', url, { ajaxTimeout: 800, backoffMax: 600, transport: { pollTimeout: 100 } }),
  sessionId: (data) => ('transportId' in data ? data.sessionId : null),
  secrets: (data) => ('token' in data ? text(data.token) : []),
  // No `outOfOrder` here: the index is opaque (wire §7, issue 10), so the client takes the server's
  // order within a reply as the order — a reply the playground reverses is published reversed, by
  // design. Nothing a real server does is lost with it: its replies are in transcript order.
  transient: [
    ...httpFaults(['messages', 'send'], 2),
    { kind: 'duplicate', routes: ['messages'], weight: 3, maxCount: 3 },
  ],
  // Sticky: one INVALID_SESSION could land on a poll the client already gave up on (a `slow` one).
  terminal: [{ kind: 'nexusInvalidSession', routes: ['messages'], weight: 1, sticky: true }],
  outages: [
    { kind: 'drop', routes: ['messages'], weight: 3, minCount: 2, maxCount: 4 },
    { kind: 'http503', routes: ['messages'], weight: 3, minCount: 3, maxCount: 6 },
  ],
  createRoute: 'create',
};

/**
 * Genesys Cloud guest chat (`wire-purecloud-v2.md`): REST has a 12 s `ajaxTimeout` floor, so the
 * `timeout` kind is rare here; the socket kinds carry the weight.
 */
export const cloudProfile: SoakProfile = {
  id: 'purecloud-v2',
  config: (url) => playgroundConfig('purecloud-v2', url, { backoffMax: 600, transport: { socketHeartbeatTrackerInterval: 1000, socketReconnectInterval: 100 } }),
  sessionId: (data) => ('conversationId' in data ? data.conversationId : null),
  secrets: (data) => ('jwt' in data ? text(data.jwt) : []),
  transient: [
    ...httpFaults(['send', 'messages'], 0.2),
    { kind: 'socketClose', routes: ['socket'], weight: 4 },
    { kind: 'socketTerminate', routes: ['socket'], weight: 4 },
    { kind: 'missHeartbeats', routes: ['socket'], weight: 3, maxCount: 6 },
    { kind: 'duplicate', routes: ['socket', 'messages'], weight: 3, maxCount: 3 },
    { kind: 'outOfOrder', routes: ['socket', 'messages'], weight: 3, maxCount: 3 },
  ],
  terminal: [],
  outages: [
    { kind: 'socketTerminate', routes: ['socket'], weight: 3 },
    // Beats every 300 ms, the watchdog at 1000: five or more missed is a loss.
    { kind: 'missHeartbeats', routes: ['socket'], weight: 3, minCount: 5, maxCount: 7 },
  ],
  createRoute: 'create',
};

/**
 * GMS v2 over CometD (`wire-gms-v2.md` §11): pushes instead of polls; the Bayeux session dropped
 * (re-attach 3 s later), pushes delayed or sent twice, `statusCode 1` on sends; `statusCode 2` ends it.
 */
export const cometdProfile: SoakProfile = {
  id: 'gms-v2-cometd',
  config: (url) => playgroundConfig('gms-v2-cometd', url, { ajaxTimeout: 2000, backoffMax: 600, pollRateMin: 100 }),
  sessionId: (data) => ('sessionID' in data ? data.sessionID || null : null),
  secrets: (data) => ('secureKey' in data ? text(data.secureKey) : []),
  transient: [
    { kind: 'drop', routes: ['connect'], weight: 2 },
    { kind: 'slow', routes: ['push'], weight: 3 },
    { kind: 'duplicate', routes: ['push'], weight: 3, maxCount: 3 },
    { kind: 'gmsStatusCode1', routes: ['sendMessage'], weight: 2 },
  ],
  terminal: [{ kind: 'gmsStatusCode2', routes: ['sendMessage'], weight: 1 }],
  terminalOnSend: true,
  // The Bayeux session ended (re-attach 3 s later) or its connection cut (the library's own recovery).
  outages: [
    { kind: 'drop', routes: ['connect'], weight: 3 },
    { kind: 'socketTerminate', routes: ['connect'], weight: 3 },
  ],
  createRoute: 'requestChat',
};

export const soakProfiles: Record<SoakTransportId, SoakProfile> = {
  'gms-v2': gmsProfile,
  'gms-v2-cometd': cometdProfile,
  'nexus-v3': nexusProfile,
  'purecloud-v2': cloudProfile,
};
