import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import express, { type RequestHandler } from 'express';
import { agentApi } from './agentApi';
import { createAgentControl, type AgentControl } from './agentControl';
import { startAgentSimulator } from './agentSimulator';
import { createIntercept } from './createIntercept';
import { createFaultController, type FaultController } from './faults';
import { findRepoRoot } from './findRepoRoot';
import { resolvePlaygroundOptions, type PlaygroundOptions } from './playgroundOptions';
import type { ProtocolContext, ProtocolModule } from './protocol';
import type { RequestLogEntry } from './requestLog';
import { protocols } from './protocols';
import { createSessionStore, type SessionStore } from './sessionStore';
import { createTimers } from './timers';

export type { PlaygroundOptions } from './playgroundOptions';
export type { RequestDetail, RequestLogEntry } from './requestLog';
export { redactSecret } from './redactSecret';
export type {
  ChatSession, Participant, ParticipantRole, TranscriptEvent, TranscriptKind, SessionStore, SessionChange, SessionStatus, SessionTransport,
  Customer, StoredFile, CreateSessionInput, AppendInput, JoinInput,
} from './sessionStore';
export { SYSTEM_PARTICIPANT_ID } from './sessionStore';
export type { FaultController, FaultKind, FaultRule, HttpFaultKind } from './faults';
export { FAULT_KINDS, HTTP_FAULT_KINDS, PROTOCOL_FAULT_KINDS } from './faults';
export type { AgentControl, AgentRole, AgentError, AgentFile, AgentResult } from './agentControl';
export { autoGreeting, autoReply, AUTO_AGENT_NAME } from './agentSimulator';

/** A running playground. */
export interface Playground {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  port: number;
  /** Stops everything: HTTP server, every connection and WebSocket, every timer. No open handle remains. */
  close(): Promise<void>;
  store: SessionStore;
  faults: FaultController;
  agent: AgentControl;
  /** Every chat-protocol request (not the agent API, not static files), oldest first (the last `requestLogLimit`). */
  requestLog: RequestLogEntry[];
}

/** Permissive CORS: the pages of another origin (and the SDKs) may call every protocol (wire-nexus-v3 §13, wire-purecloud-v2 §9). */
const cors: RequestHandler = (req, res, next) => {
  res.set('Access-Control-Allow-Origin', typeof req.headers.origin === 'string' ? req.headers.origin : '*');
  res.set('Vary', 'Origin');
  res.set('Access-Control-Allow-Credentials', 'true');
  res.set('Access-Control-Expose-Headers', 'Retry-After, Content-Disposition');
  if (req.method !== 'OPTIONS') return next();
  res.set('Access-Control-Allow-Methods', 'GET, POST, PUT, PATCH, DELETE, OPTIONS');
  res.set('Access-Control-Allow-Headers', req.headers['access-control-request-headers'] ?? 'content-type, authorization, apikey, x-api-key, x-nexus-client-key');
  res.set('Access-Control-Max-Age', '600');
  res.status(204).end();
};

/**
 * Starts the simulated contact center over real HTTP (and WebSocket) on localhost: the GMS v2
 * chat service at `{url}/genesys/2/chat/{serviceName}` (any service name), the other protocols
 * listed in `protocols/index.ts`, the agent API at `{url}/agent/…`, the demo pages at `/`,
 * `/modern/`, `/agent/`, `/legacy/`, and the built library at `/dist/`.
 *
 * @example
 * const playground = await startPlayground({ agent: 'manual' });
 * const dataURL = `${playground.url}/genesys/2/chat/customer-support`;
 * // … drive a chat, then act as the agent:
 * playground.agent.join(playground.store.list()[0].id, { name: 'Dana' });
 * await playground.close();
 *
 * @param options See {@link PlaygroundOptions}; all optional (port 0 = ephemeral).
 */
export async function startPlayground(options: PlaygroundOptions = {}): Promise<Playground> {
  const resolved = resolvePlaygroundOptions(options, findRepoRoot);
  const now = () => Date.now();
  const store = createSessionStore(now);
  const faults = createFaultController(resolved.seed, resolved.faults);
  const timers = createTimers();
  const requestLog: RequestLogEntry[] = [];
  const record: ProtocolContext['record'] = (entry) => {
    requestLog.push({ time: now(), ...entry });
    // Dropped in chunks of a tenth, so the array is not shifted on every request.
    if (requestLog.length > resolved.requestLogLimit) requestLog.splice(0, requestLog.length - Math.floor(resolved.requestLogLimit * 0.9));
  };
  const ctx: ProtocolContext = { store, faults, options: resolved, log: resolved.log, now, timers, record, intercept: createIntercept({ faults, timers, record, recordRequests: resolved.recordRequests }) };
  const agent = createAgentControl(store);
  const simulator = startAgentSimulator(store, agent, timers, { mode: resolved.agent, joinDelayMs: resolved.autoAgentDelayMs, typingMs: resolved.autoAgentTypingMs });
  const modules: ProtocolModule[] = protocols.map((factory) => factory(ctx));

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(cors);
  app.use(agentApi(agent, faults));
  for (const module of modules) app.use(module.router);
  app.use('/dist', express.static(join(resolved.staticRoot, 'dist')));
  app.use(express.static(join(resolved.staticRoot, 'playground', 'pages')));
  // Browsers ask for it on every page; an empty answer keeps their consoles free of 404s.
  app.get('/favicon.ico', (_req, res) => void res.status(204).end());

  const server: Server = createServer(app);
  server.on('upgrade', (req, socket, head) => {
    if (!modules.some((module) => module.upgrade?.(req, socket, head) === true)) socket.destroy();
  });
  const shutdown = async (): Promise<void> => {
    simulator.close();
    timers.clear();
    await Promise.all(modules.map((module) => module.close?.()));
  };
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(resolved.port, resolved.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await shutdown();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  const url = `http://${resolved.host.includes(':') ? `[${resolved.host}]` : resolved.host}:${port}`;
  resolved.log(`playground listening on ${url} (agent: ${resolved.agent})`);

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      await shutdown();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Requests held by the `timeout` fault and keep-alive sockets would keep close() waiting.
      server.closeAllConnections();
      await closed;
      faults.close();
      store.close();
    })());

  return { url, port, close, store, faults, agent, requestLog };
}
