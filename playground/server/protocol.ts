import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Request, RequestHandler, Router } from 'express';
import type { RequestLogEntry } from './requestLog';
import type { FaultController, FaultRule, HttpFaultKind } from './faults';
import type { ResolvedPlaygroundOptions } from './playgroundOptions';
import type { SessionStore } from './sessionStore';
import type { Timers } from './timers';

export type { RequestLogEntry } from './requestLog';

/**
 * The plug-in contract of a wire protocol (types only). A protocol module is a function
 * `(ctx: ProtocolContext) => ProtocolModule`, listed in `protocols/index.ts`; `startPlayground()`
 * calls each one once, mounts its `router` at `/` and offers it every WebSocket upgrade.
 *
 * A module keeps its chat sessions in `ctx.store` (transport-neutral: participants, a transcript
 * of events with contiguous `seq`, files) and maps them to its wire format; it reacts to agent
 * actions through `ctx.store.events$`. The agent simulator and the agent API work on the store
 * only, so they serve every protocol without knowing it.
 *
 * @example
 * export const echoProtocol: ProtocolFactory = (ctx) => {
 *   const router = express.Router();
 *   router.post('/echo/:sessionId', ctx.intercept({ transport: 'echo', route: 'echo', sessionId: (req) => req.params.sessionId }), (req, res) => {
 *     res.json({ ok: true });
 *   });
 *   return { id: 'echo', router };
 * };
 */

export interface InterceptOptions {
  /** The protocol id recorded in the log and matched against `FaultRule.transport`. */
  transport: string;
  /** The route name matched against `FaultRule.route`. */
  route: string;
  /** The store session id of the request (from `req.params`, a token…), for the log and `FaultRule.sessionId`. */
  sessionId?: (req: Request) => string | undefined;
  /** The body of an HTTP error fault in this protocol's error shape; absent or `undefined` = an empty body. */
  errorBody?: (kind: HttpFaultKind, status: number, rule: FaultRule) => unknown;
}

export interface ProtocolContext {
  store: SessionStore;
  faults: FaultController;
  options: ResolvedPlaygroundOptions;
  log: (line: string) => void;
  now: () => number;
  /** Timers cleared by `close()`: use them for heartbeats, grace periods, delays. */
  timers: Timers;
  /**
   * Middleware for one route: records the request in `requestLog`, then applies the generic HTTP
   * faults (`HTTP_FAULT_KINDS`) that match it; the handler after it runs only when none answers.
   */
  intercept: (options: InterceptOptions) => RequestHandler;
  /** Records a non-HTTP protocol event (e.g. a socket attach) in `requestLog`. */
  record: (entry: Omit<RequestLogEntry, 'time'>) => void;
}

export interface ProtocolModule {
  /** `'gms-v2' | 'nexus-v3' | 'purecloud-v2'`. */
  id: string;
  /** Mounted at `/`: the module owns its full paths (`/genesys/2/chat/...`, `/nexus/v3/...`, `/api/v2/...`). */
  router: Router;
  /** Handles a WebSocket upgrade and returns true, or returns false to let another module try. */
  upgrade?(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** Closes the module's sockets and timers; awaited by `Playground.close()`. */
  close?(): Promise<void> | void;
}

export type ProtocolFactory = (ctx: ProtocolContext) => ProtocolModule;
