import { randomBytes } from 'node:crypto';
import express, { type Request, type RequestHandler, type Response } from 'express';
import multer from 'multer';
import type { FaultKind } from '../faults';
import { bracketFields, formField } from '../gms-v2/formFields';
import { checkUpload, DEFAULT_GMS_FILE_LIMITS, fileLimitsUserData } from '../gms-v2/gmsFileLimits';
import { GMS_SYSTEM_SENDER, toGmsMessage, type GmsMessage } from '../gms-v2/gmsMessage';
import type { ProtocolFactory } from '../protocol';
import type { ChatSession } from '../sessionStore';

/** The GMS v2 chat service path; any `serviceName` is served (wire-gms-v2 §1). */
export const GMS_SERVICE_PATH = '/genesys/2/chat/:serviceName';

/** The identity triple of a GMS session (§3): opaque strings handed out by Request Chat. */
interface GmsKeys {
  userId: string;
  secureKey: string;
  alias: string;
}

/** One authorised call on an existing chat. */
interface GmsCall {
  req: Request;
  res: Response;
  session: ChatSession;
  keys: GmsKeys;
  route: string;
}

type Envelope = Record<string, unknown> & { messages: GmsMessage[] };

// §13: the answer to a wrong secureKey or an unknown chatId (codes UNCONFIRMED against real GMS).
const NOT_FOUND = { statusCode: 2, chatEnded: true, errors: [{ code: 404, advice: 'Chat session not found' }] };
const STATUS_CODE_KINDS: readonly FaultKind[] = ['gmsStatusCode1', 'gmsStatusCode2'];
const UPLOAD_HARD_LIMIT = 64 * 1024 * 1024;

/**
 * GMS Chat API v2 over real HTTP, per wire-gms-v2 §13: the 14 endpoints of §6 under
 * `/genesys/2/chat/{serviceName}` (POST only, form or multipart, Request Chat with or without the
 * trailing slash), the identity triple, a 1-based contiguous transcript with the customer's join
 * as #1, `transcriptPosition` (§7), file limits/upload/download/delete, and the GMS fault kinds
 * (`gmsStatusCode1`, `gmsStatusCode2`, `duplicate`, `outOfOrder`) on any route that answers the envelope.
 *
 * Route names (for fault rules): `requestChat`, `send`, `refresh`, `startTyping`, `stopTyping`,
 * `disconnect`, `pushUrl`, `updateNickname`, `customNotice`, `updateData`, `fileLimits`,
 * `fileUpload`, `fileDownload`, `fileDelete`.
 *
 * @example
 * const response = await fetch(`${url}/genesys/2/chat/customer-support/`, {
 *   method: 'POST',
 *   body: new URLSearchParams({ nickname: 'Ada', 'userData[TimeZone]': '60' }),
 * });
 * // { statusCode: 0, chatId, userId, secureKey, alias, nextPosition: 2, chatEnded: false, messages: [ParticipantJoined #1] }
 */
export const gmsV2Protocol: ProtocolFactory = (ctx) => {
  const { store, faults, options } = ctx;
  const keys = new Map<string, GmsKeys>();
  const limits = DEFAULT_GMS_FILE_LIMITS;
  const router = express.Router();
  const intercept = (route: string): RequestHandler => ctx.intercept({ transport: 'gms-v2', route, sessionId: (req) => param(req, 'chatId') });

  router.use(
    '/genesys/2/chat',
    requireApiKey(options.gmsApiKey),
    express.urlencoded({ extended: false, limit: '2mb' }),
    multer({ storage: multer.memoryStorage(), limits: { fileSize: UPLOAD_HARD_LIMIT } }).any(),
  );

  const envelope = (session: ChatSession, k: GmsKeys, extra: Partial<Envelope> = {}): Envelope => ({
    statusCode: 0,
    chatId: session.id,
    userId: k.userId,
    secureKey: k.secureKey,
    alias: k.alias,
    chatEnded: session.status === 'ended',
    // §13: the next position on every response = last index + 1.
    nextPosition: session.transcript.length + 1,
    messages: [],
    ...extra,
  });

  /** The transcript from `position` on (§7), with the delivery faults applied. */
  const transcriptFrom = (call: GmsCall, position: number): GmsMessage[] => {
    const { session } = call;
    const messages = position <= 0 ? [] : session.transcript.filter((e) => e.seq >= position).map((e) => toGmsMessage(session, e));
    // Take a delivery fault only when it can show: a repeat needs something delivered, a reorder two messages.
    const applicable: FaultKind[] = [];
    if (position >= 2 || messages.length > 0) applicable.push('duplicate');
    if (messages.length >= 2) applicable.push('outOfOrder');
    const fault = applicable.length ? faults.take('gms-v2', call.route, session.id, applicable) : undefined;
    if (fault?.kind === 'outOfOrder') return [...messages].reverse();
    if (fault?.kind === 'duplicate') {
      const delivered = position >= 2 ? session.transcript[position - 2] : undefined;
      return delivered ? [toGmsMessage(session, delivered), ...messages] : [messages[0], ...messages];
    }
    return messages;
  };

  /**
   * An operation on an existing chat: the identity check, the GMS status-code faults, the ended
   * rule (§13 "after disconnect every call ⇒ chatEnded: true"; nothing more happens), then `run`.
   */
  const operation = (route: string, run: (call: GmsCall) => void, readOnly = false): RequestHandler[] => [
    intercept(route),
    (req, res) => {
      const chatId = param(req, 'chatId');
      const session = chatId === undefined ? undefined : store.get(chatId);
      const k = chatId === undefined ? undefined : keys.get(chatId);
      if (!session || !k || formField(req.body, 'secureKey') !== k.secureKey) return void res.json(NOT_FOUND);
      const call: GmsCall = { req, res, session, keys: k, route };
      if (statusCodeFault(call)) return;
      if (session.status === 'ended' && !readOnly) {
        return void res.json(envelope(session, k, { messages: transcriptFrom(call, position(req, 0)) }));
      }
      run(call);
    },
  ];

  const statusCodeFault = ({ res, session, keys: k, route }: GmsCall): boolean => {
    const fault = faults.take('gms-v2', route, session.id, STATUS_CODE_KINDS);
    if (fault?.kind === 'gmsStatusCode1') res.json({ statusCode: 1, messages: [] });
    if (fault?.kind === 'gmsStatusCode2') {
      // The shape seen in the field (§8.1): the media server gave up and the chat is over.
      store.end(session.id);
      res.json({ statusCode: 2, chatEnded: true, chatId: session.id, alias: k.alias, messages: [], errors: [mediaServerError()] });
    }
    return fault !== undefined;
  };

  /** Answers the envelope with the transcript from the request's `transcriptPosition` (default `fallback`). */
  const answer = (call: GmsCall, fallback: number, extra: Partial<Envelope> = {}): void =>
    void call.res.json(envelope(call.session, call.keys, { messages: transcriptFrom(call, position(call.req, fallback)), ...extra }));
  const refuse = (call: GmsCall, code: number, advice: string, httpStatus = 200): void =>
    void call.res.status(httpStatus).json(envelope(call.session, call.keys, { statusCode: 2, errors: [{ code, advice }] }));
  const customer = (call: GmsCall): string => call.session.customerId;
  const setDraft = (session: ChatSession, draft: string): void => {
    if (session.draft !== draft) store.update(session.id, { draft });
  };
  const tooLong = (text: string): boolean => text.length > options.gmsMaxMessageLength;

  // 1. Request chat (§6.1). Express matches the path with and without the trailing slash (§1).
  router.post(GMS_SERVICE_PATH, intercept('requestChat'), (req, res) => {
    const body: unknown = req.body;
    const fault = faults.take('gms-v2', 'requestChat', undefined, STATUS_CODE_KINDS);
    if (fault?.kind === 'gmsStatusCode1') return void res.json({ statusCode: 1, messages: [] });
    if (fault?.kind === 'gmsStatusCode2') return void res.json({ statusCode: 2, chatEnded: true, messages: [], errors: [mediaServerError()] });
    const nickname = formField(body, 'nickname')?.trim() ?? '';
    const firstName = formField(body, 'firstName')?.trim() ?? '';
    const lastName = formField(body, 'lastName')?.trim() ?? '';
    const name = nickname || (firstName && lastName ? `${firstName} ${lastName}` : '');
    if (!name) return void res.json({ statusCode: 2, messages: [], errors: [{ code: 161, advice: 'Name is required' }] });
    const email = formField(body, 'emailAddress');
    const subject = formField(body, 'subject');
    const endpoint = formField(body, 'endpoint');
    const session = store.create({
      transport: 'gms-v2',
      customer: { name, ...(firstName ? { firstName } : {}), ...(lastName ? { lastName } : {}), ...(email ? { email } : {}), ...(subject ? { subject } : {}) },
      userData: bracketFields(body, 'userData'),
      meta: { serviceName: param(req, 'serviceName') ?? '', ...(endpoint ? { endpoint } : {}) },
    });
    // UNCONFIRMED values: real GMS ids look different; they are opaque to the client (§3).
    const k: GmsKeys = { userId: session.customerId, secureKey: randomBytes(16).toString('hex'), alias: '117' };
    keys.set(session.id, k);
    ctx.log(`gms-v2: chat ${session.id} requested by ${name}`);
    res.json(envelope(session, k, { messages: session.transcript.map((e) => toGmsMessage(session, e)) }));
  });

  // 2. Send (§6.2): the response carries the transcript only when transcriptPosition is given.
  router.post(
    `${GMS_SERVICE_PATH}/:chatId/send`,
    operation('send', (call) => {
      const message = formField(call.req.body, 'message');
      // UNCONFIRMED: the code for a missing message; 500 "unexpected service error" is the closest known one.
      if (message === undefined) return refuse(call, 500, 'Parameter message is required');
      if (tooLong(message)) return refuse(call, 204, 'Message is too long');
      const eventAttributes = parseJson(formField(call.req.body, 'eventAttributes'));
      const messageType = formField(call.req.body, 'messageType') || 'text';
      store.append(call.session.id, { kind: 'message', participantId: customer(call), text: message, data: { messageType, ...(eventAttributes !== undefined ? { eventAttributes } : {}) } });
      setDraft(call.session, '');
      answer(call, 0);
    }),
  );

  // 3. Refresh (§6.3): the whole transcript by default; `message` is the typing preview, never
  // checked for length (§8.2 code 204 is ignored on refresh).
  router.post(
    `${GMS_SERVICE_PATH}/:chatId/refresh`,
    operation(
      'refresh',
      (call) => {
        const preview = formField(call.req.body, 'message');
        if (preview !== undefined && call.session.status !== 'ended') setDraft(call.session, preview);
        answer(call, 1);
      },
      true,
    ),
  );

  // 4/5. Typing (§6.4): echoed into the transcript, so the agent sees it.
  for (const [route, kind] of [
    ['startTyping', 'typing-start'],
    ['stopTyping', 'typing-stop'],
  ] as const) {
    router.post(
      `${GMS_SERVICE_PATH}/:chatId/${route}`,
      operation(route, (call) => {
        const preview = formField(call.req.body, 'message') ?? '';
        store.append(call.session.id, { kind, participantId: customer(call), text: preview });
        setDraft(call.session, kind === 'typing-start' ? preview : '');
        answer(call, 0);
      }),
    );
  }

  // 6. Disconnect (§6.6): the customer's ParticipantLeft closes the transcript; later calls see chatEnded.
  router.post(
    `${GMS_SERVICE_PATH}/:chatId/disconnect`,
    operation('disconnect', (call) => {
      store.end(call.session.id);
      answer(call, 0);
    }),
  );

  // 7. Push URL (§6.7).
  router.post(
    `${GMS_SERVICE_PATH}/:chatId/pushUrl`,
    operation('pushUrl', (call) => {
      const url = formField(call.req.body, 'pushUrl');
      if (!url) return refuse(call, 500, 'Parameter pushUrl is required');
      store.append(call.session.id, { kind: 'push-url', participantId: customer(call), text: url });
      answer(call, 0);
    }),
  );

  // 8. Update nickname (§6.8).
  router.post(
    `${GMS_SERVICE_PATH}/:chatId/updateNickname`,
    operation('updateNickname', (call) => {
      const nickname = formField(call.req.body, 'nickname')?.trim();
      if (!nickname) return refuse(call, 161, 'Name is required');
      store.rename(call.session.id, customer(call), nickname);
      store.append(call.session.id, { kind: 'nickname', participantId: customer(call), text: nickname });
      answer(call, 0);
    }),
  );

  // 9. Custom notice (§6.9), including the wake variant (empty message + cancel-idle-timer attributes).
  router.post(
    `${GMS_SERVICE_PATH}/:chatId/customNotice`,
    operation('customNotice', (call) => {
      const message = formField(call.req.body, 'message') ?? '';
      if (tooLong(message)) return refuse(call, 204, 'Message is too long');
      const eventAttributes = parseJson(formField(call.req.body, 'eventAttributes'));
      store.append(call.session.id, { kind: 'custom-notice', participantId: customer(call), text: message, ...(eventAttributes !== undefined ? { data: { eventAttributes } } : {}) });
      answer(call, 0);
    }),
  );

  // 10. Update data (§6.10): only the keys sent change.
  router.post(
    `${GMS_SERVICE_PATH}/:chatId/updateData`,
    operation('updateData', (call) => {
      store.update(call.session.id, { userData: bracketFields(call.req.body, 'userData') });
      answer(call, 0);
    }),
  );

  // 11. File limits (§6.11). UNCONFIRMED: the limits notice gets no index and stays out of the transcript.
  router.post(
    `${GMS_SERVICE_PATH}/:chatId/file/limits`,
    operation(
      'fileLimits',
      (call) => {
        const notice: GmsMessage = { type: 'Notice', text: 'file-client-cfg-get', utcTime: ctx.now(), from: { ...GMS_SYSTEM_SENDER }, userData: fileLimitsUserData(call.session, limits) };
        call.res.json(envelope(call.session, call.keys, { messages: [notice] }));
      },
      true,
    ),
  );

  // 12. Upload (§6.12): refusals are HTTP 400 with the envelope and codes 201/202/203 (§13).
  router.post(
    `${GMS_SERVICE_PATH}/:chatId/file`,
    operation('fileUpload', (call) => {
      const file = (Array.isArray(call.req.files) ? call.req.files : []).find((f) => f.fieldname === 'file');
      // UNCONFIRMED: the code for an upload without a file.
      if (!file) return refuse(call, 500, 'No file in the request', 400);
      const error = checkUpload(call.session, { name: file.originalname, size: file.size }, limits);
      if (error) return refuse(call, error.code, error.advice, 400);
      const description = bracketFields(call.req.body, 'userData')['file-description'];
      const stored = store.addFile(call.session.id, {
        name: file.originalname,
        type: file.mimetype || 'application/octet-stream',
        size: file.size,
        bytes: file.buffer,
        uploadedBy: customer(call),
        ...(description ? { description } : {}),
      });
      if (!stored) return refuse(call, 500, 'Upload failed', 400);
      const data = { fileId: stored.id, fileName: stored.name, fileSize: stored.size, fileType: stored.type, ...(description ? { description } : {}) };
      store.append(call.session.id, { kind: 'file-uploaded', participantId: customer(call), text: stored.name, data });
      call.res.json(envelope(call.session, call.keys, { userData: { 'file-id': stored.id } }));
    }),
  );

  // 13. Download (§6.13): the bytes, with the file's type and an attachment disposition (headers UNCONFIRMED).
  router.post(
    `${GMS_SERVICE_PATH}/:chatId/file/:fileId/download`,
    operation(
      'fileDownload',
      (call) => {
        const file = call.session.files.get(param(call.req, 'fileId') ?? '');
        // UNCONFIRMED: an unknown file answers HTTP 404 with the envelope.
        if (!file || file.deleted) return refuse(call, 404, 'File not found', 404);
        file.downloads += 1;
        // The quoted form of §6.13 for plain names; express's RFC 5987 encoding for the others.
        if (/^[\x20-\x7e]*$/.test(file.name) && !/["\\]/.test(file.name)) call.res.set('Content-Disposition', `attachment; filename="${file.name}"`);
        else call.res.attachment(file.name);
        call.res.status(200).type(file.type).send(file.bytes);
      },
      true,
    ),
  );

  // 14. Delete (§6.14).
  router.post(
    `${GMS_SERVICE_PATH}/:chatId/file/:fileId/delete`,
    operation('fileDelete', (call) => {
      const file = call.session.files.get(param(call.req, 'fileId') ?? '');
      if (!file || file.deleted) return refuse(call, 404, 'File not found', 404);
      file.deleted = true;
      store.append(call.session.id, { kind: 'file-deleted', participantId: customer(call), text: file.name, data: { fileId: file.id, fileName: file.name, fileSize: file.size } });
      answer(call, 0);
    }),
  );

  // §1: every operation is a POST; anything else under the service is not GMS.
  router.all('/genesys/2/chat/{*rest}', (req, res, next) => {
    if (req.method === 'POST') return next();
    res.status(405).set('Allow', 'POST').type('text/plain').send('Method Not Allowed');
  });

  return { id: 'gms-v2', router };
};

/** §13 product choice: a missing or wrong `apikey` header is a plain-text 401, before any GMS logic. */
function requireApiKey(apiKey: string | undefined): RequestHandler {
  return (req, res, next) => {
    if (apiKey === undefined || req.get('apikey') === apiKey) return next();
    res.status(401).type('text/plain').send('Unauthorized');
  };
}

/** `transcriptPosition` as a number (§7); absent or not a number ⇒ `fallback`. */
function position(req: Request, fallback: number): number {
  const value = Number.parseInt(formField(req.body, 'transcriptPosition') ?? '', 10);
  return Number.isNaN(value) ? fallback : value;
}

function param(req: Request, name: string): string | undefined {
  const value: unknown = req.params[name];
  return typeof value === 'string' ? value : undefined;
}

/** A JSON form value (`eventAttributes`); kept as the raw string when it is not JSON. */
function parseJson(value: string | undefined): unknown {
  if (value === undefined || value === '') return undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

let referenceId = 10016629;
/** The field-seen code 249 error (§8.1), with a fresh reference id. */
function mediaServerError(): { code: number; advice: string } {
  referenceId += 1;
  return { code: 249, advice: `Media server was not able to execute request. referenceId[${referenceId}]` };
}
