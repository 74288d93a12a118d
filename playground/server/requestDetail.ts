import type { IncomingMessage } from 'node:http';
import type { Request, Response } from 'express';
import { redactSecret } from './redactSecret';
import type { RequestDetail } from './requestLog';

export type { RequestDetail } from './requestLog';

/** Headers any of the three wires gives a meaning to (wire-gms-v2 §2, wire-nexus-v3 §2, wire-purecloud-v2 §1). */
export const RECORDED_HEADERS = ['content-type', 'accept', 'apikey', 'x-api-key', 'x-nexus-client-key', 'authorization', 'gms_user', 'contactcenterid'];
const SECRET_HEADERS = new Set(['authorization', 'x-nexus-client-key']);
const SECRET_FIELDS = new Set(['secureKey', 'clientToken', 'jwt', 'token']);
/** A JWT: its header is JSON, so its base64url starts `eyJ` (`{"`); a host name or a version never does. */
const JWT = /^eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
const JWT_IN_TEXT = /eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g;

const redactString = (key: string, value: string): string => (SECRET_FIELDS.has(key) || JWT.test(value) ? redactSecret(value) : value);

/** Redacts secret fields, and JWTs anywhere in a string (an `eventStreamUri` keeps its shape), in a JSON value. */
export function redactJson(value: unknown, key = ''): unknown {
  if (typeof value === 'string') return SECRET_FIELDS.has(key) ? redactSecret(value) : value.replace(JWT_IN_TEXT, (jwt) => redactSecret(jwt));
  if (Array.isArray(value)) return value.map((item) => redactJson(item));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactJson(v, k)]));
  return value;
}

/** Flattens a parsed form (`{data: {type: 'Text'}}`) back to its wire keys (`data[type]`). */
function flatten(value: unknown, prefix: string, out: Record<string, string>): Record<string, string> {
  if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) flatten(inner, prefix ? `${prefix}[${key}]` : key, out);
  } else if (prefix) {
    out[prefix] = redactString(prefix.replace(/^.*\[|\]$/g, ''), String(value));
  }
  return out;
}

/**
 * Builds the {@link RequestDetail} of a request whose body the protocol has parsed (a multipart
 * body parsed after the log entry is read again when the answer goes out: see `createIntercept`).
 *
 * @param req The express request.
 */
export function requestDetail(req: Request): RequestDetail {
  const contentType = req.get('content-type') ?? '';
  const body = /^multipart\//.test(contentType) ? 'multipart' : /urlencoded/.test(contentType) ? 'form' : /json/.test(contentType) ? 'json' : 'none';
  const parts = [...(Array.isArray(req.files) ? req.files : []), ...(req.file ? [req.file] : [])];
  return {
    ...socketDetail({ method: req.method, url: req.originalUrl, headers: req.headers }),
    method: req.method,
    body,
    fields: body === 'json' ? {} : flatten(req.body, '', {}),
    files: parts.map((file) => ({ field: file.fieldname, name: file.originalname, type: file.mimetype })),
    ...(body === 'json' ? { json: redactJson(req.body) } : {}),
  };
}

/**
 * The detail of a request without a body (a WebSocket upgrade): method, redacted path, query, headers.
 *
 * @param req The raw request (or an express request's `method`, `originalUrl` as `url`, `headers`).
 */
export function socketDetail(req: Pick<IncomingMessage, 'method' | 'url' | 'headers'>): RequestDetail {
  const url = new URL(req.url ?? '/', 'http://playground');
  const headers: Record<string, string> = {};
  for (const name of RECORDED_HEADERS) {
    const raw = req.headers[name];
    if (raw === undefined) continue;
    const value = Array.isArray(raw) ? raw.join(', ') : raw;
    headers[name] = SECRET_HEADERS.has(name) ? redactSecret(value) : name === 'content-type' ? value.replace(/boundary=[^;]+/, 'boundary=*') : value;
  }
  const query: Record<string, string> = {};
  for (const [key, value] of url.searchParams) query[key] = redactString(key, value);
  const path = url.pathname.split('/').map((segment) => (JWT.test(decodeURIComponent(segment)) ? redactSecret(decodeURIComponent(segment)) : segment)).join('/');
  return { method: req.method ?? 'GET', path, query, headers, body: 'none', fields: {}, files: [] };
}

/**
 * Keeps `detail` up to date with what the route does next: the multipart parts a later parser
 * reads, and the answer (status and JSON body, redacted).
 *
 * @param req The request. @param res Its response. @param detail The detail recorded for it.
 */
export function followReply(req: Request, res: Response, detail: RequestDetail): void {
  const json = res.json.bind(res);
  let answered: unknown;
  res.json = (body: unknown) => {
    answered = body;
    return json(body);
  };
  res.once('finish', () => {
    Object.assign(detail, requestDetail(req), { reply: { status: res.statusCode, ...(answered !== undefined ? { json: redactJson(answered) } : {}) } });
  });
}
