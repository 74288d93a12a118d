import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { WebSocketServer } from 'ws';
import type { FaultKind } from '../faults';
import type { ProtocolFactory } from '../protocol';
import type { ChatSession } from '../sessionStore';
import { cloudErrorBody } from '../purecloud-v2/cloudErrorBody';
import { cloudJwt, type GuestClaims } from '../purecloud-v2/cloudJwt';
import { cloudSockets } from '../purecloud-v2/cloudSockets';
import { cloudFrames } from '../purecloud-v2/cloudFrames';
import { allMembers, conversationPath, findMember, isCloudMessage, webChatMessage, webChatTyping } from '../purecloud-v2/cloudWire';
import { messagePage } from '../purecloud-v2/messagePage';
import { socketDetail } from '../requestDetail';

const TRANSPORT = 'purecloud-v2';
const ROOT = '/api/v2/webchat/guest/conversations';
/** §2.3: the longest message body. */
const MAX_BODY = 4000;
/** §9 "Disconnect grace" defaults. */
const DISCONNECT_GRACE_MS = 60_000;
const CUSTOMER_LEAVE_MS = 15 * 60_000;
const DELIVERY_FAULTS: readonly FaultKind[] = ['duplicate', 'outOfOrder'];

/** What `authorize` leaves for the handlers. */
interface Guest {
  session: ChatSession;
  claims: GuestClaims;
}

/**
 * Genesys Cloud guest chat (`purecloud-v2-sockets`) over real HTTP and WebSocket, per
 * wire-purecloud-v2 §9: endpoints 1–11 under `/api/v2/webchat/guest/conversations` with JSON
 * bodies, a guest JWT (HS256, 24 h) checked on every call but the create (401 bad/expired token,
 * 404 unknown conversation, 403 another conversation's token or another member), ErrorBody with
 * `inin-correlation-id` on errors, and the event stream at `ws://{host}/v1/token/{jwt}`: message,
 * typing-indicator and member-change frames plus a heartbeat every `heartbeatIntervalMs`.
 * Conversations are routed (the agent simulator may join) only once a socket is attached.
 *
 * Ids: conversation = store session id, member = participant id, message = transcript event id.
 * Route names (for fault rules): `create`, `send`, `typing`, `messages`, `message`, `members`,
 * `member`, `end`, `mediarequests`, and `socket` (heartbeat ticks and frames: `socketClose`,
 * `socketTerminate`, `missHeartbeats`, `duplicate`, `outOfOrder`).
 *
 * @example
 * const created = await (await fetch(`${url}/api/v2/webchat/guest/conversations`, { method: 'POST',
 *   headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ organizationId: 'o', deploymentId: 'd',
 *   routingTarget: { targetType: 'QUEUE', targetAddress: 'Support' }, memberInfo: { displayName: 'Ada' } }) })).json();
 * const socket = new WebSocket(created.eventStreamUri); // routing starts
 */
export const purecloudV2Protocol: ProtocolFactory = (ctx) => {
  const { store, faults, timers, options } = ctx;
  const tokens = cloudJwt();
  const router = express.Router();
  const wss = new WebSocketServer({ noServer: true });
  const sockets = cloudSockets({
    store,
    faults,
    timers,
    now: ctx.now,
    heartbeatIntervalMs: options.heartbeatIntervalMs,
    disconnectGraceMs: DISCONNECT_GRACE_MS,
    customerLeaveMs: CUSTOMER_LEAVE_MS,
    record: (sessionId, req) =>
      ctx.record({ method: 'GET', path: '/v1/token', transport: TRANSPORT, route: 'socket', sessionId, ...(req && options.recordRequests ? { detail: socketDetail(req) } : {}) }),
  });

  const intercept = (route: string): RequestHandler =>
    ctx.intercept({
      transport: TRANSPORT,
      route,
      sessionId: (req) => param(req, 'conversationId'),
      errorBody: (_kind, status, rule) => cloudErrorBody(status, { retryAfter: rule.retryAfter ?? 1 }),
    });

  const fail = (res: Response, status: number, options: { code?: string; message?: string } = {}): void => {
    const body = cloudErrorBody(status, options);
    res.set('inin-correlation-id', body.contextId).status(status).json(body);
  };

  /** The Bearer JWT of every call but the create (§1), and the conversation it names. */
  const authorize: RequestHandler = (req, res, next) => {
    const token = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const claims = token ? tokens.verify(token) : null;
    if (!claims) return fail(res, 401, { message: 'Authentication failed: missing, invalid or expired guest token' });
    const session = store.get(param(req, 'conversationId') ?? '');
    if (!session || session.transport !== TRANSPORT) return fail(res, 404);
    if (claims.conv !== session.id) return fail(res, 403, { message: 'The token is not valid for this conversation' });
    res.locals.guest = { session, claims } satisfies Guest;
    next();
  };
  const guestOf = (res: Response): Guest => res.locals.guest as Guest;
  /** The path's member must be the token's own member (send, typing, delete). */
  const ownMember = (req: Request, res: Response, next: NextFunction): void => {
    const { claims } = guestOf(res);
    if (param(req, 'memberId') !== claims.sub) return fail(res, 403, { message: 'A guest may act only as its own member' });
    next();
  };
  const customerActive = (session: ChatSession): boolean =>
    session.status !== 'ended' && session.participants.some((p) => p.id === session.customerId && p.state === 'connected');

  router.use(ROOT, express.json({ limit: '1mb' }), (req, res, next) => {
    res.set('inin-correlation-id', randomUUID());
    next();
  });

  // 1. Create (§2.1): no auth; any deploymentId and organizationId.
  router.post(ROOT, intercept('create'), (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const routing = record(body.routingTarget);
    const memberInfo = record(body.memberInfo);
    const missing = [
      ['organizationId', body.organizationId],
      ['deploymentId', body.deploymentId],
      ['routingTarget.targetAddress', routing.targetAddress],
      ['memberInfo.displayName', memberInfo.displayName],
    ].filter(([, value]) => typeof value !== 'string' || value.trim() === '');
    if (missing.length > 0) return fail(res, 400, { code: 'bad.request', message: `Missing required field(s): ${missing.map(([name]) => name).join(', ')}` });
    const customFields = Object.fromEntries(Object.entries(record(memberInfo.customFields)).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
    const session = store.create({
      transport: TRANSPORT,
      customer: {
        name: String(memberInfo.displayName),
        ...(customFields.firstName ? { firstName: customFields.firstName } : {}),
        ...(customFields.lastName ? { lastName: customFields.lastName } : {}),
        ...(customFields.email ? { email: customFields.email } : {}),
        ...(customFields.subject ? { subject: customFields.subject } : {}),
      },
      customFields,
      meta: {
        organizationId: String(body.organizationId),
        deploymentId: String(body.deploymentId),
        queue: String(routing.targetAddress),
        ...(Array.isArray(routing.skills) ? { skills: routing.skills.join(', ') } : {}),
        ...(routing.language !== undefined ? { language: String(routing.language) } : {}),
        ...(routing.priority !== undefined ? { priority: String(routing.priority) } : {}),
      },
      // §9: no routing until the guest's socket attaches.
      routable: false,
    });
    const jwt = tokens.sign({ conv: session.id, did: String(body.deploymentId), sub: session.customerId, org: String(body.organizationId) });
    const host = req.headers.host ?? `${options.host}:0`;
    res.json({ id: session.id, jwt, eventStreamUri: `ws://${host}/v1/token/${jwt}`, member: { id: session.customerId } });
  });

  const conversation = `${ROOT}/:conversationId`;

  // 2. Send a message (§2.3).
  router.post(`${conversation}/members/:memberId/messages`, intercept('send'), authorize, ownMember, (req, res) => {
    const { session } = guestOf(res);
    const input = record(req.body);
    const text = input.body;
    const bodyType = input.bodyType ?? 'standard';
    if (typeof text !== 'string' || text.length === 0) return fail(res, 400, { message: 'body is required' });
    if (text.length > MAX_BODY) return fail(res, 400, { code: 'chat.error.message.too.long', message: `body exceeds ${MAX_BODY} characters` });
    if (bodyType !== 'standard' && bodyType !== 'notice') return fail(res, 400, { message: `bodyType ${String(bodyType)} cannot be sent by a guest` });
    if (!customerActive(session)) return fail(res, 400, { code: 'chat.error.conversation.state', message: 'The conversation is not in a state that allows this operation' });
    const event = store.append(session.id, { kind: bodyType === 'notice' ? 'notice' : 'message', participantId: session.customerId, text });
    if (!event) return fail(res, 400, { code: 'chat.error.conversation.state' });
    res.json(webChatMessage(session, event));
  });

  // 3. Typing (§2.4): no body, no stop call.
  router.post(`${conversation}/members/:memberId/typing`, intercept('typing'), authorize, ownMember, (_req, res) => {
    const { session } = guestOf(res);
    if (!customerActive(session)) return fail(res, 400, { code: 'chat.error.conversation.state' });
    const event = store.append(session.id, { kind: 'typing-start', participantId: session.customerId });
    res.json(webChatTyping(session, session.customerId, event?.time ?? ctx.now(), event?.id));
  });

  // 4. List messages (§2.5).
  router.get(`${conversation}/messages`, intercept('messages'), authorize, (req, res) => {
    const { session } = guestOf(res);
    const page = messagePage(session, {
      after: query(req, 'after'),
      before: query(req, 'before'),
      sortOrder: query(req, 'sortOrder'),
      maxResults: query(req, 'maxResults'),
    });
    if (!page.ok) return fail(res, 400, { code: 'bad.request', message: page.message });
    let events = page.events;
    const fault = events.length > 0 ? faults.take(TRANSPORT, 'messages', session.id, events.length > 1 ? DELIVERY_FAULTS : ['duplicate']) : undefined;
    if (fault?.kind === 'outOfOrder') events = [...events].reverse();
    if (fault?.kind === 'duplicate') events = [events[0], ...events];
    res.json({ pageSize: page.pageSize, entities: events.map((e) => webChatMessage(session, e)), ...(page.next ? { next: page.next } : {}), selfUri: page.selfUri });
  });

  // 5. One message.
  router.get(`${conversation}/messages/:messageId`, intercept('message'), authorize, (req, res) => {
    const { session } = guestOf(res);
    const event = session.transcript.find((e) => e.id === param(req, 'messageId') && isCloudMessage(e));
    if (!event) return fail(res, 404);
    res.json(webChatMessage(session, event));
  });

  // 6. Members (§2.6): pageSize (25), pageNumber (1), excludeDisconnectedMembers (false).
  router.get(`${conversation}/members`, intercept('members'), authorize, (req, res) => {
    const { session } = guestOf(res);
    const pageSize = clamp(Number(query(req, 'pageSize') ?? 25), 1, 100);
    const pageNumber = Math.max(1, Math.floor(Number(query(req, 'pageNumber') ?? 1)) || 1);
    const exclude = query(req, 'excludeDisconnectedMembers') === 'true';
    const members = allMembers(session).filter((m) => !exclude || m.state !== 'DISCONNECTED');
    const pageCount = Math.max(1, Math.ceil(members.length / pageSize));
    const uri = (n: number) => `${conversationPath(session.id)}/members?pageSize=${pageSize}&pageNumber=${n}${exclude ? '&excludeDisconnectedMembers=true' : ''}`;
    res.json({
      entities: members.slice((pageNumber - 1) * pageSize, pageNumber * pageSize),
      pageSize,
      pageNumber,
      total: members.length,
      firstUri: uri(1),
      lastUri: uri(pageCount),
      selfUri: uri(pageNumber),
      ...(pageNumber < pageCount ? { nextUri: uri(pageNumber + 1) } : {}),
      ...(pageNumber > 1 ? { previousUri: uri(pageNumber - 1) } : {}),
      pageCount,
    });
  });

  // 7. One member.
  router.get(`${conversation}/members/:memberId`, intercept('member'), authorize, (req, res) => {
    const member = findMember(guestOf(res).session, param(req, 'memberId') ?? '');
    if (!member) return fail(res, 404);
    res.json(member);
  });

  // 8. The guest ends the chat by deleting its own member (§2.6, §9 "End").
  router.delete(`${conversation}/members/:memberId`, intercept('end'), authorize, ownMember, (_req, res) => {
    const { session } = guestOf(res);
    if (session.status !== 'ended') {
      store.leave(session.id, session.customerId);
      store.end(session.id);
    }
    res.status(204).end();
  });

  // 9–11. Media requests (§2.7): not used by the widget; an empty list.
  router.get(`${conversation}/mediarequests`, intercept('mediarequests'), authorize, (_req, res) => void res.json({ entities: [] }));
  router.get(`${conversation}/mediarequests/:mediaRequestId`, intercept('mediarequests'), authorize, (_req, res) => fail(res, 404));
  router.patch(`${conversation}/mediarequests/:mediaRequestId`, intercept('mediarequests'), authorize, (_req, res) => fail(res, 404));

  router.use(ROOT, (error: unknown, _req: Request, res: Response, next: NextFunction) => {
    // A body that is not JSON: express.json() throws before any route runs.
    if (res.headersSent) return next(error);
    fail(res, 400, { code: 'bad.request', message: 'The request body is not valid JSON' });
  });

  const frames = cloudFrames({ store, sockets, faults, timers, now: ctx.now });

  return {
    id: TRANSPORT,
    router,
    upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
      const path = new URL(req.url ?? '/', 'http://playground').pathname;
      if (!path.startsWith('/v1/token/')) return false;
      const claims = tokens.verify(decodeURIComponent(path.slice('/v1/token/'.length)));
      const session = claims ? store.get(claims.conv) : undefined;
      if (!claims || !session) {
        socket.end(`HTTP/1.1 ${claims ? '404 Not Found' : '401 Unauthorized'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
        return true;
      }
      wss.handleUpgrade(req, socket, head, (ws) => sockets.attach(session, ws, req));
      return true;
    },
    close() {
      frames.unsubscribe();
      sockets.close();
      return new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
};

function param(req: Request, name: string): string | undefined {
  const value = (req.params as Record<string, string | undefined>)[name];
  return typeof value === 'string' ? value : undefined;
}

/** A query parameter; empty means absent (the official SDK sends every optional parameter, unset ones as `name=`). */
function query(req: Request, name: string): string | undefined {
  const value = req.query[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function clamp(value: number, min: number, max: number): number {
  return Number.isFinite(value) ? Math.min(max, Math.max(min, Math.floor(value))) : min;
}

