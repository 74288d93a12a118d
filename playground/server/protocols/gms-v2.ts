import { randomBytes } from 'node:crypto';
import express, { type Request, type RequestHandler, type Response } from 'express';
import multer from 'multer';
import type { FaultKind } from '../faults';
import { bracketFields, formField } from '../gms-v2/formFields';
import { gmsEnvelope, type GmsEnvelope } from '../gms-v2/gmsEnvelope';
import { GMS_NOT_FOUND, mediaServerError } from '../gms-v2/gmsErrors';
import { DEFAULT_GMS_FILE_LIMITS } from '../gms-v2/gmsFileLimits';
import { deleteFile, fileLimitsNotice, sendFile, uploadFile } from '../gms-v2/gmsFiles';
import { gmsKeyring, type GmsKeys } from '../gms-v2/gmsKeyring';
import { toGmsMessage, type GmsMessage } from '../gms-v2/gmsMessage';
import { GMS_OPERATIONS, requestChatInput, runGmsOperation, type GmsParams } from '../gms-v2/gmsOperations';
import type { ProtocolFactory } from '../protocol';
import type { ChatSession } from '../sessionStore';

/** The GMS v2 chat service path; any `serviceName` is served (wire-gms-v2 §1). */
export const GMS_SERVICE_PATH = '/genesys/2/chat/:serviceName';

/** One authorised call on an existing chat. */
interface GmsCall {
  req: Request;
  res: Response;
  session: ChatSession;
  keys: GmsKeys;
  route: string;
}

type Envelope = GmsEnvelope;
const NOT_FOUND = GMS_NOT_FOUND;
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
  // Shared with the CometD endpoint: a chat is served by both with the same keys.
  const keys = gmsKeyring(store);
  const limits = DEFAULT_GMS_FILE_LIMITS;
  const router = express.Router();
  const intercept = (route: string): RequestHandler => ctx.intercept({ transport: 'gms-v2', route, sessionId: (req) => param(req, 'chatId') });

  router.use(
    '/genesys/2/chat',
    requireApiKey(options.gmsApiKey),
    express.urlencoded({ extended: false, limit: '2mb' }),
    multer({ storage: multer.memoryStorage(), limits: { fileSize: UPLOAD_HARD_LIMIT } }).any(),
  );

  const envelope = gmsEnvelope;

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

  // 1. Request chat (§6.1). Express matches the path with and without the trailing slash (§1).
  router.post(GMS_SERVICE_PATH, intercept('requestChat'), (req, res) => {
    const body: unknown = req.body;
    const fault = faults.take('gms-v2', 'requestChat', undefined, STATUS_CODE_KINDS);
    if (fault?.kind === 'gmsStatusCode1') return void res.json({ statusCode: 1, messages: [] });
    if (fault?.kind === 'gmsStatusCode2') return void res.json({ statusCode: 2, chatEnded: true, messages: [], errors: [mediaServerError()] });
    const request = requestChatInput(formParams(body), 'gms-v2', { serviceName: param(req, 'serviceName') ?? '' });
    if ('refusal' in request) return void res.json({ statusCode: 2, messages: [], errors: [request.refusal] });
    const session = store.create(request.input);
    // UNCONFIRMED values: real GMS ids look different; they are opaque to the client (§3).
    const k: GmsKeys = { userId: session.customerId, secureKey: randomBytes(16).toString('hex'), alias: '117' };
    keys.set(session.id, k);
    ctx.log(`gms-v2: chat ${session.id} requested by ${session.customer.name}`);
    res.json(envelope(session, k, { messages: session.transcript.map((e) => toGmsMessage(session, e)) }));
  });

  // 3. Refresh (§6.3): the whole transcript by default; `message` is the typing preview, never
  // checked for length (§8.2 code 204 is ignored on refresh).
  router.post(
    `${GMS_SERVICE_PATH}/:chatId/refresh`,
    operation(
      'refresh',
      (call) => {
        const preview = formField(call.req.body, 'message');
        if (preview !== undefined && call.session.status !== 'ended' && call.session.draft !== preview) store.update(call.session.id, { draft: preview });
        answer(call, 1);
      },
      true,
    ),
  );

  // 2, 4–10 (§6.2, §6.4–6.10): send, typing (echoed into the transcript so the agent sees it),
  // disconnect (later calls see chatEnded), push URL, nickname, custom notice (with the wake
  // variant), update data (only the keys sent). The response carries the transcript only when
  // transcriptPosition is given.
  for (const name of GMS_OPERATIONS) {
    router.post(
      `${GMS_SERVICE_PATH}/:chatId/${name}`,
      operation(name, (call) => {
        const refusal = runGmsOperation(store, call.session, name, formParams(call.req.body), options.gmsMaxMessageLength);
        if (refusal) return refuse(call, refusal.code, refusal.advice);
        answer(call, 0);
      }),
    );
  }

  // 11. File limits (§6.11).
  router.post(
    `${GMS_SERVICE_PATH}/:chatId/file/limits`,
    operation('fileLimits', (call) => void call.res.json(envelope(call.session, call.keys, { messages: [fileLimitsNotice(call.session, limits, ctx.now())] })), true),
  );

  // 12. Upload (§6.12): refusals are HTTP 400 with the envelope and codes 201/202/203 (§13).
  router.post(
    `${GMS_SERVICE_PATH}/:chatId/file`,
    operation('fileUpload', (call) => {
      const file = (Array.isArray(call.req.files) ? call.req.files : []).find((f) => f.fieldname === 'file');
      const result = uploadFile(store, call.session, file, bracketFields(call.req.body, 'userData')['file-description'], limits);
      if ('refusal' in result) return refuse(call, result.refusal.code, result.refusal.advice, 400);
      call.res.json(envelope(call.session, call.keys, { userData: { 'file-id': result.fileId } }));
    }),
  );

  // 13. Download (§6.13): the bytes. UNCONFIRMED: an unknown file answers HTTP 404 with the envelope.
  router.post(
    `${GMS_SERVICE_PATH}/:chatId/file/:fileId/download`,
    operation('fileDownload', (call) => void (sendFile(call.res, call.session, param(call.req, 'fileId') ?? '') || refuse(call, 404, 'File not found', 404)), true),
  );

  // 14. Delete (§6.14).
  router.post(
    `${GMS_SERVICE_PATH}/:chatId/file/:fileId/delete`,
    operation('fileDelete', (call) => {
      if (!deleteFile(store, call.session, param(call.req, 'fileId') ?? '')) return refuse(call, 404, 'File not found', 404);
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

/** The {@link GmsParams} of a form body. */
function formParams(body: unknown): GmsParams {
  return { field: (name) => formField(body, name), userData: () => bracketFields(body, 'userData') };
}
