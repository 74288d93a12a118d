import { randomUUID } from 'node:crypto';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import multer from 'multer';
import type { FaultKind, HttpFaultKind } from '../faults';
import { nexusTokens, type NexusClaims } from '../nexus-v3/nexusTokens';
import { parseNexusIndex } from '../nexus-v3/parseNexusIndex';
import { selectNexusMessages } from '../nexus-v3/selectNexusMessages';
import { nexusImagePath, toNexusMessage, type NexusIndexFormat, type NexusWireMessage } from '../nexus-v3/toNexusMessage';
import type { ProtocolFactory } from '../protocol';
import type { ChatSession } from '../sessionStore';

const TRANSPORT = 'nexus-v3';
/** The sessions collection: `transport.dataURL` is `{url}/nexus/v3/chat/sessions` (wire-nexus-v3 §1). */
export const NEXUS_SESSIONS_PATH = '/nexus/v3/chat/sessions';
/** §6.6 limits (UNCONFIRMED; the playground's choice). */
const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
const MAX_IMAGES = 10;
/** Form keys of `data[...]` with a meaning of their own; the others are custom fields (§6.1). */
const KNOWN_DATA_KEYS = new Set(['firstName', 'lastName', 'nickname', 'endpoint', 'stream', 'clientType', 'email', 'subject', 'userData']);
const INVALID_SESSION: readonly FaultKind[] = ['nexusInvalidSession'];
const NUMERIC_INDEX: readonly FaultKind[] = ['nexusNumericIndex'];
/** How many `operationId`s are remembered to drop a repeated POST (§3 allows it). */
const OPERATION_MEMORY = 1000;

/** The playground's Nexus state of one store session. */
interface NexusState {
  /** Fixed at create: `'string'` (`"<seq>-0"`, §7) unless the `nexusNumericIndex` fault picked `'number'`. */
  format: NexusIndexFormat;
  /** Per transportId: the last `seq` delivered (§7 server-side cursor). */
  cursors: Map<string, number>;
}

/** What the session middleware leaves for the handlers. */
interface NexusCall {
  session: ChatSession;
  state: NexusState;
  claims: NexusClaims;
}

/**
 * Nexus chat v3 (`pureengage-v3-rest`) over real HTTP, per wire-nexus-v3 §13: the `{status, data}`
 * envelope, `x-api-key` checked on every call (`playground-key` unless `nexusApiKey` says
 * otherwise; wrong ⇒ 401 `INVALID_CONTACT_CENTER`), HS256 client tokens `{sessionId, transportId,
 * participantId}` in `x-nexus-client-key` (wrong ⇒ 404 `INVALID_SESSION`), one cursor per
 * transportId with the `index`/`count` semantics of §7, resume of a stored token (async mode: a new
 * transportId for the same session; unknown or ended ⇒ 401 `INVALID_SESSION`), image upload
 * (multipart, images only, 5 MB, 10 per session) and download, bracket-key forms with
 * `operationId` (a repeated POST `operationId` gets the first answer again and changes nothing).
 * Sessions never end by themselves: an agent may keep writing while the customer is away.
 *
 * Route names (for fault rules): `create`, `messages`, `send`, `end`, `userdata`, `upload`,
 * `image`; kinds: the generic HTTP ones, `nexusInvalidSession` (any route), `duplicate` and
 * `outOfOrder` (`messages`), `nexusNumericIndex` (`create`).
 * Indexes are strings `"<seq>-0"` in every reply (§7: the shipped client calls `index.replace` on
 * them; the exact format is UNCONFIRMED); the `nexusNumericIndex` fault, taken when a session is
 * created, makes that session write bare numbers instead, for robustness tests.
 *
 * @example
 * const created = await (await fetch(`${url}/nexus/v3/chat/sessions`, { method: 'POST',
 *   headers: { 'x-api-key': 'playground-key' },
 *   body: new URLSearchParams({ operationId: crypto.randomUUID(), 'data[nickname]': 'Jane', 'data[endpoint]': 'EP' }) })).json();
 * // { status: { code: 0, message: 'OK' }, data: { clientToken: 'eyJ…', entity: { id, selfUri } } }
 */
export const nexusV3Protocol: ProtocolFactory = (ctx) => {
  const { store, faults, options } = ctx;
  const tokens = nexusTokens();
  const states = new Map<string, NexusState>();
  const answered = new Map<string, { status: number; body: unknown }>();
  const router = express.Router();
  const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: MAX_IMAGE_BYTES, files: 1 } }).single('file');

  const intercept = (route: string): RequestHandler =>
    ctx.intercept({ transport: TRANSPORT, route, sessionId: (req) => param(req, 'sessionId'), errorBody: faultBody });

  /** §9: every refusal is the envelope with a string code. */
  const fail = (res: Response, status: number, code: string, message: string): void => void res.status(status).json({ status: { code, message } });
  const ok = (res: Response, data: unknown): void => void res.status(200).json({ status: { code: 0, message: 'OK' }, data });

  /** Answers a repeated POST `operationId` as the first time, without doing it again (§3). */
  const once = (req: Request, res: Response, run: () => void): void => {
    const id = typeof req.body?.operationId === 'string' ? req.body.operationId : undefined;
    const previous = id ? answered.get(`${req.path}|${id}`) : undefined;
    if (previous) return void res.status(previous.status).json(previous.body);
    if (id) {
      const json = res.json.bind(res);
      res.json = (body: unknown) => {
        answered.set(`${req.path}|${id}`, { status: res.statusCode, body });
        if (answered.size > OPERATION_MEMORY) answered.delete(answered.keys().next().value as string);
        return json(body);
      };
    }
    run();
  };

  const apiKey: RequestHandler = (req, res, next) => {
    if (req.get('x-api-key') === options.nexusApiKey) return next();
    fail(res, 401, 'INVALID_CONTACT_CENTER', 'Invalid x-api-key');
  };

  /** A call on an existing session: a valid client key for the session in the path, and the nexusInvalidSession fault. */
  const session =
    (route: string, run: (call: NexusCall, req: Request, res: Response) => void): RequestHandler =>
    (req, res) => {
      const claims = tokens.verify(req.get('x-nexus-client-key'));
      const sessionId = param(req, 'sessionId');
      const found = sessionId ? store.get(sessionId) : undefined;
      const state = found ? states.get(found.id) : undefined;
      if (!claims || !found || !state || claims.sessionId !== found.id || !state.cursors.has(claims.transportId)) {
        return fail(res, 404, 'INVALID_SESSION', 'Session not found');
      }
      if (faults.take(TRANSPORT, route, found.id, INVALID_SESSION)) return fail(res, 404, 'INVALID_SESSION', 'Session not found');
      run({ session: found, state, claims }, req, res);
    };

  const messagesOf = (call: NexusCall): Array<NexusWireMessage & { seq: number }> =>
    call.session.transcript.flatMap((event) => {
      const message = toNexusMessage(call.session, event, call.state.format);
      return message ? [{ ...message, seq: event.seq }] : [];
    });

  router.use(NEXUS_SESSIONS_PATH, apiKey, express.urlencoded({ extended: true, limit: '2mb' }));

  // 1. Create / resume (§6.1).
  router.post(NEXUS_SESSIONS_PATH, intercept('create'), (req, res) =>
    once(req, res, () => {
      const resumeToken = req.get('x-nexus-client-key');
      if (resumeToken) {
        const claims = tokens.verify(resumeToken);
        const found = claims ? store.get(claims.sessionId) : undefined;
        const state = found ? states.get(found.id) : undefined;
        if (!claims || !found || !state || found.status === 'ended' || faults.take(TRANSPORT, 'create', found.id, INVALID_SESSION)) {
          return fail(res, 401, 'INVALID_SESSION', 'Session not found');
        }
        // §6.1: a fresh token for the same session and participant, with a new transportId (UNCONFIRMED).
        const transportId = randomUUID();
        state.cursors.set(transportId, 0);
        ctx.log(`nexus-v3: session ${found.id} resumed`);
        return ok(res, created(found, tokens.sign({ sessionId: found.id, participantId: claims.participantId, transportId })));
      }
      const data = record(req.body?.data);
      const endpoint = text(data.endpoint);
      if (!endpoint) return fail(res, 400, 'INVALID_ENDPOINT', 'data[endpoint] is required');
      const firstName = text(data.firstName);
      const lastName = text(data.lastName);
      const name = text(data.nickname) || firstName;
      if (!name) return fail(res, 400, 'INVALID_NICKNAME', 'A first name or nickname is required');
      const email = text(data.email);
      const subject = text(data.subject);
      const stream = text(data.stream);
      const clientType = text(data.clientType);
      const customFields = Object.fromEntries(Object.entries(data).filter(([key]) => !KNOWN_DATA_KEYS.has(key)).map(([key, value]) => [key, flat(value)]));
      const chat = store.create({
        transport: TRANSPORT,
        customer: { name, ...(firstName ? { firstName } : {}), ...(lastName ? { lastName } : {}), ...(email ? { email } : {}), ...(subject ? { subject } : {}) },
        userData: Object.fromEntries(Object.entries(record(data.userData)).map(([key, value]) => [key, flat(value)])),
        customFields,
        meta: { endpoint, ...(stream ? { stream } : {}), ...(clientType ? { clientType } : {}) },
      });
      const transportId = randomUUID();
      // Per session, chosen here like gms's requestChat faults (the rule cannot name a session yet).
      const format = faults.take(TRANSPORT, 'create', undefined, NUMERIC_INDEX) ? 'number' : 'string';
      states.set(chat.id, { format, cursors: new Map([[transportId, 0]]) });
      ctx.log(`nexus-v3: session ${chat.id} created by ${name}`);
      ok(res, created(chat, tokens.sign({ sessionId: chat.id, participantId: chat.customerId, transportId })));
    }),
  );

  // 2. Get messages (§6.2, §7).
  router.get(
    `${NEXUS_SESSIONS_PATH}/:sessionId/messages`,
    intercept('messages'),
    session('messages', (call, req, res) => {
      const parsed = parseNexusIndex(req.query.index);
      const index = parsed.kind === 'seq' ? parsed.seq : undefined;
      const count = numberOf(req.query.count);
      if (parsed.kind === 'invalid') return fail(res, 400, 'INVALID_PARAMETER', 'index must be "<n>-<m>" or a number');
      if (req.query.count !== undefined && count === undefined) return fail(res, 400, 'INVALID_PARAMETER', 'count must be a number');
      const all = messagesOf(call);
      const cursor = call.state.cursors.get(call.claims.transportId) ?? 0;
      const { selected, cursor: next } = selectNexusMessages(all, { ...(index !== undefined ? { index } : {}), ...(count !== undefined ? { count } : {}) }, cursor);
      call.state.cursors.set(call.claims.transportId, next);
      ok(res, { messages: deliveryFaults(call, selected, all, cursor).map(({ seq: _seq, ...message }) => message), chatEnded: call.session.status === 'ended' });
    }),
  );

  /**
   * `duplicate`: an already-delivered message comes again — the last one delivered (or the page's
   * first, when nothing was), placed where it stands in the transcript: the page stays in server
   * order (a page read back with `index=`/`count=` can start before it; put ahead of such a page it
   * would be a reorder, which the client takes as the order, wire §7). `outOfOrder`: the page reversed
   * (the one fault that does reorder: a client keeping the server's order shows it).
   */
  const deliveryFaults = <T extends { seq: number }>(call: NexusCall, selected: T[], all: readonly T[], cursor: number): T[] => {
    const delivered = all.filter((m) => m.seq <= cursor);
    const applicable: FaultKind[] = [];
    if (delivered.length > 0 || selected.length > 0) applicable.push('duplicate');
    if (selected.length >= 2) applicable.push('outOfOrder');
    const fault = applicable.length > 0 ? faults.take(TRANSPORT, 'messages', call.session.id, applicable) : undefined;
    if (fault?.kind === 'outOfOrder') return [...selected].reverse();
    if (fault?.kind === 'duplicate') {
      const repeat = delivered[delivered.length - 1] ?? selected[0];
      const at = selected.findIndex((m) => m.seq >= repeat.seq);
      return at < 0 ? [...selected, repeat] : [...selected.slice(0, at), repeat, ...selected.slice(at)];
    }
    return selected;
  };

  // 3. Send a message or typing (§6.3).
  router.post(
    `${NEXUS_SESSIONS_PATH}/:sessionId/messages`,
    intercept('send'),
    session('send', (call, req, res) =>
      once(req, res, () => {
        const data = record(req.body?.data);
        const type = text(data.type);
        const body = typeof data.text === 'string' ? data.text : '';
        if (call.session.status === 'ended') return ok(res, { chatEnded: true });
        const customerId = call.session.customerId;
        if (type === 'Text') {
          store.append(call.session.id, { kind: 'message', participantId: customerId, text: body });
          store.update(call.session.id, { draft: '' });
        } else if (type === 'TypingStarted' || type === 'TypingStopped') {
          store.append(call.session.id, { kind: type === 'TypingStarted' ? 'typing-start' : 'typing-stop', participantId: customerId, text: body });
          store.update(call.session.id, { draft: type === 'TypingStarted' ? body : '' });
        } else {
          // UNCONFIRMED: customer notices are unsupported on v3 (§6.3).
          return fail(res, 400, 'INVALID_MESSAGE_TYPE', `Unsupported message type ${type || '(none)'}`);
        }
        ok(res, { chatEnded: false });
      }),
    ),
  );

  // 4. End (§6.4): only the session's own participant; afterwards polls say chatEnded.
  router.delete(
    `${NEXUS_SESSIONS_PATH}/:sessionId/participants/:participantId`,
    intercept('end'),
    session('end', (call, req, res) => {
      if (param(req, 'participantId') !== call.claims.participantId) return fail(res, 404, 'INVALID_PARTICIPANT', 'Participant not found');
      store.end(call.session.id);
      ctx.log(`nexus-v3: session ${call.session.id} ended by the customer`);
      ok(res, {});
    }),
  );

  // 5. Update user data (§6.5): only the keys sent change.
  router.put(
    `${NEXUS_SESSIONS_PATH}/:sessionId/userdata`,
    intercept('userdata'),
    session('userdata', (call, req, res) => {
      const data = record(req.body?.data);
      store.update(call.session.id, { userData: Object.fromEntries(Object.entries(data).map(([key, value]) => [key, flat(value)])) });
      ok(res, {});
    }),
  );

  // 6. Upload an image (§6.6).
  router.post(
    `${NEXUS_SESSIONS_PATH}/:sessionId/images`,
    intercept('upload'),
    session('upload', (call, req, res) =>
      upload(req, res, (error: unknown) => {
        if (error) {
          const code = (error as { code?: unknown }).code;
          return fail(res, 400, code === 'LIMIT_FILE_SIZE' || code === 'LIMIT_FILE_COUNT' ? code : 'INVALID_FILE', String((error as Error).message ?? error));
        }
        once(req, res, () => {
          const file = req.file;
          if (!file) return fail(res, 400, 'INVALID_FILE', 'No file in the request');
          if (!file.mimetype.startsWith('image/')) return fail(res, 400, 'INVALID_FILE_TYPE', 'Only images are allowed');
          if ([...call.session.files.values()].filter((f) => f.uploadedBy === call.session.customerId).length >= MAX_IMAGES) {
            return fail(res, 400, 'LIMIT_FILE_COUNT', `At most ${MAX_IMAGES} images per session`);
          }
          const stored = store.addFile(call.session.id, { name: file.originalname, type: file.mimetype, size: file.size, bytes: file.buffer, uploadedBy: call.session.customerId });
          if (!stored) return ok(res, { chatEnded: true });
          store.append(call.session.id, {
            kind: 'file-uploaded',
            participantId: call.session.customerId,
            text: stored.name,
            data: { fileId: stored.id, fileName: stored.name, fileSize: stored.size, fileType: stored.type },
          });
          ok(res, { id: stored.id, url: nexusImagePath(call.session.id, stored.id) });
        });
      }),
    ),
  );

  // 7. Fetch an image (§6.7): `{chat root}{url}` = `…/sessions/{sid}/images/{id}`, with the session headers.
  router.get(
    `${NEXUS_SESSIONS_PATH}/:sessionId/images/:imageId`,
    intercept('image'),
    session('image', (call, req, res) => {
      const file = call.session.files.get(param(req, 'imageId') ?? '');
      if (!file || file.deleted) return fail(res, 404, 'IMAGE_NOT_FOUND', 'Image not found');
      file.downloads += 1;
      res.status(200).type(file.type).send(file.bytes);
    }),
  );

  router.use(NEXUS_SESSIONS_PATH, (error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    fail(res, 400, 'INVALID_REQUEST', error instanceof Error ? error.message : 'Bad request');
  });

  return { id: TRANSPORT, router };
};

/** The `data` of a create / resume reply (§6.1). */
function created(session: ChatSession, clientToken: string): { clientToken: string; entity: { id: string; selfUri: string } } {
  return { clientToken, entity: { id: session.id, selfUri: `${NEXUS_SESSIONS_PATH}/${session.id}` } };
}

/** Generic HTTP faults answer in the envelope too (their codes are the playground's). */
function faultBody(kind: HttpFaultKind, status: number): unknown {
  return { status: { code: kind === 'http429' ? 'TOO_MANY_REQUESTS' : 'SERVICE_UNAVAILABLE', message: `HTTP ${status}` } };
}

function param(req: Request, name: string): string | undefined {
  const value: unknown = req.params[name];
  return typeof value === 'string' ? value : undefined;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

/** A form value as the store keeps attached data: strings as-is, nested values as JSON. */
function flat(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The `count` query as a number (`index` goes through {@link parseNexusIndex}). */
function numberOf(value: unknown): number | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const number = Number.parseInt(value, 10);
  return Number.isFinite(number) ? number : undefined;
}
