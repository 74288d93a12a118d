import express, { type Request, type RequestHandler, type Router } from 'express';
import multer from 'multer';
import { bracketFields, formField } from '../gms-v2/formFields';
import { gmsEnvelope, type GmsEnvelope } from '../gms-v2/gmsEnvelope';
import { GMS_NOT_FOUND } from '../gms-v2/gmsErrors';
import { DEFAULT_GMS_FILE_LIMITS } from '../gms-v2/gmsFileLimits';
import { deleteFile, fileLimitsNotice, sendFile, uploadFile } from '../gms-v2/gmsFiles';
import { gmsKeyring } from '../gms-v2/gmsKeyring';
import type { ProtocolContext } from '../protocol';

/** The CometD file API (wire-gms-v2 §11 `cometD.apiURL`). */
export const GMS_CHAT_NTF_PATH = '/genesys/2/chat-ntf';

/** `operation` values → the route names of the REST file endpoints (for fault rules and the request log). */
const ROUTES: Record<string, string> = {
  fileGetLimits: 'fileLimits',
  // UNCONFIRMED (§11): a client spelling seen in the field; served the same.
  fileGetsLimits: 'fileLimits',
  fileUpload: 'fileUpload',
  fileDownload: 'fileDownload',
  fileDelete: 'fileDelete',
};
const UPLOAD_HARD_LIMIT = 64 * 1024 * 1024;

/**
 * `POST {url}/genesys/2/chat-ntf`: one multipart (or urlencoded) form per file operation, with
 * `operation` (`fileGetLimits` | `fileUpload` + `file` | `fileDownload` + `fileId` | `fileDelete` +
 * `fileId`) and `secureKey` (plus, optionally, `chatId`). Answers as the REST file routes do (§6.11–6.14):
 * the envelope, the bytes for a download, HTTP 400 with codes 201/202/203 for a refused upload.
 * The resulting `FileUploaded`/`FileDeleted` events reach the Bayeux client as pushes.
 *
 * @example
 * const form = new FormData();
 * form.set('operation', 'fileUpload'); form.set('secureKey', secureKey); form.set('file', new Blob(['hi']), 'a.txt');
 * await fetch(`${url}/genesys/2/chat-ntf`, { method: 'POST', body: form }); // { statusCode: 0, userData: { 'file-id': … } }
 */
export function chatNtfRouter(ctx: ProtocolContext, transport: string): Router {
  const { store } = ctx;
  const keyring = gmsKeyring(store);
  const limits = DEFAULT_GMS_FILE_LIMITS;
  const chatIdOf = (req: Request): string | undefined => {
    const secureKey = formField(req.body, 'secureKey');
    return secureKey ? keyring.chatIdOf(secureKey) : undefined;
  };
  const intercepts = new Map<string, RequestHandler>(
    [...new Set(Object.values(ROUTES))].map((route) => [route, ctx.intercept({ transport, route, sessionId: chatIdOf })]),
  );

  const router = express.Router();
  router.post(
    GMS_CHAT_NTF_PATH,
    express.urlencoded({ extended: false, limit: '2mb' }),
    multer({ storage: multer.memoryStorage(), limits: { fileSize: UPLOAD_HARD_LIMIT } }).any(),
    (req, res, next) => {
      const route = ROUTES[formField(req.body, 'operation') ?? ''];
      // UNCONFIRMED: the answer to an unknown operation.
      if (!route) return void res.status(400).json({ statusCode: 2, messages: [], errors: [{ code: 500, advice: 'Unknown operation' }] });
      res.locals.route = route;
      (intercepts.get(route) as RequestHandler)(req, res, next);
    },
    (req, res) => {
      const chatId = chatIdOf(req);
      const session = chatId === undefined ? undefined : store.get(chatId);
      const k = chatId === undefined ? undefined : keyring.get(chatId);
      const claimed = formField(req.body, 'chatId');
      if (!session || !k || (claimed && claimed !== session.id)) return void res.json(GMS_NOT_FOUND);
      const envelope = (extra: Partial<GmsEnvelope> = {}) => gmsEnvelope(session, k, extra);
      const refuse = (code: number, advice: string, status: number) => void res.status(status).json(envelope({ statusCode: 2, errors: [{ code, advice }] }));
      const fileId = formField(req.body, 'fileId') ?? '';
      const route = res.locals.route as string;
      if (route === 'fileLimits') return void res.json(envelope({ messages: [fileLimitsNotice(session, limits, ctx.now())] }));
      if (route === 'fileDownload') {
        // UNCONFIRMED: an unknown file answers HTTP 404 with the envelope.
        if (!sendFile(res, session, fileId)) refuse(404, 'File not found', 404);
        return;
      }
      if (session.status === 'ended') return void res.json(envelope());
      if (route === 'fileDelete') return void (deleteFile(store, session, fileId) ? res.json(envelope()) : refuse(404, 'File not found', 404));
      const file = (Array.isArray(req.files) ? req.files : []).find((f) => f.fieldname === 'file');
      const result = uploadFile(store, session, file, bracketFields(req.body, 'userData')['file-description'], limits);
      if ('refusal' in result) return refuse(result.refusal.code, result.refusal.advice, 400);
      res.json(envelope({ userData: { 'file-id': result.fileId } }));
    },
  );
  return router;
}
