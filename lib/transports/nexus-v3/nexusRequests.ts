import type { FormField, HttpRequest } from '../../platform/platform';
import { bracketFields } from './bracketFields';
import type { NexusSessionIds } from './nexusWire';
import { operationId } from './operationId';

/** What the request builders need to know. */
export interface NexusRequestOptions {
  /** `transport.dataURL`: the sessions collection (`wire-nexus-v3.md` §1). */
  dataURL: string;
  /** `transport.headers` (in practice `x-api-key`), sent on every request (§2). */
  headers: Record<string, string>;
  /** `ajaxTimeout` (§2.2). */
  timeout: number;
  /** `fileUploadTimeout` for image uploads (`0` = none). */
  uploadTimeout: number;
  /** The platform's random source, for `operationId` when `crypto.randomUUID` is absent. */
  random: () => number;
}

/** A session a request is about: its ids and the current `clientToken`. */
export interface NexusCredentials extends NexusSessionIds {
  token: string;
}

/** `index` / `count` of `GET messages` (§7); `index` is sent back raw, as the server gave it. */
export interface NexusMessagesQuery {
  index?: number | string;
  count?: number;
}

/** The request builders of the Nexus endpoints. */
export interface NexusRequests {
  /** `POST {dataURL}` create, or resume with `x-nexus-client-key` (§6.1). */
  create(fields: readonly FormField[], resumeToken?: string): HttpRequest;
  /** `GET {dataURL}/{sessionId}/messages` (§6.2, §7). */
  messages(session: NexusCredentials, query?: NexusMessagesQuery): HttpRequest;
  /** `POST …/messages` with `data[type]` `Text` / `TypingStarted` / `TypingStopped` (§6.3). */
  send(session: NexusCredentials, type: string, text: string): HttpRequest;
  /** `DELETE …/participants/{participantId}` (§6.4). */
  end(session: NexusCredentials): HttpRequest;
  /** `PUT …/userdata` with `data[<key>]` (§6.5). */
  userData(session: NexusCredentials, userData: Record<string, unknown>): HttpRequest;
  /** `POST …/images` multipart `file` + `operationId` (§6.6). */
  uploadImage(session: NexusCredentials, file: Blob, fileName: string): HttpRequest;
  /**
   * `GET {imageBase}{url}` as a blob, with the session headers (§6.7); `undefined` for an absolute
   * url on another origin (the session headers must not travel there).
   */
  image(session: NexusCredentials, url: string): HttpRequest | undefined;
}

/**
 * The Nexus chat v3 request builders (`wire-nexus-v3.md` §2, §3, §6): bracket-key forms with a fresh
 * `operationId` (a form field, or a query parameter on GET), `transport.headers` on every request,
 * `x-nexus-client-key` once a session exists, never `Authorization`.
 *
 * @example
 * const requests = nexusRequests({ dataURL, headers: { 'x-api-key': key }, timeout: 9000, uploadTimeout: 0, random });
 * platform.http(requests.send(session, 'Text', 'Hello'));
 *
 * @param options Base URL, headers, timeouts and random source.
 */
export function nexusRequests(options: NexusRequestOptions): NexusRequests {
  const base = options.dataURL.replace(/\/+$/, '');
  // §1: images live under the chat root, i.e. dataURL without its trailing `/sessions`.
  const imageBase = base.replace(/\/sessions$/, '');
  const newId = () => operationId(options.random);
  const headers = (token?: string): Record<string, string> =>
    token ? { ...options.headers, 'x-nexus-client-key': token } : { ...options.headers };
  const form = (fields: readonly FormField[]) => ({ kind: 'form' as const, fields: [['operationId', newId()] as const, ...fields] });
  const sessionUrl = (session: NexusCredentials, path: string) => `${base}/${encodeURIComponent(session.sessionId)}/${path}`;
  const timeout = options.timeout;

  return {
    create: (fields, resumeToken) => ({ method: 'POST', url: base, headers: headers(resumeToken), body: form(fields), timeout }),
    messages: (session, query = {}) => {
      const params = [['operationId', newId()], ['index', query.index], ['count', query.count]]
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
        .join('&');
      return { method: 'GET', url: `${sessionUrl(session, 'messages')}?${params}`, headers: headers(session.token), timeout };
    },
    send: (session, type, text) => ({
      method: 'POST',
      url: sessionUrl(session, 'messages'),
      headers: headers(session.token),
      body: form([['data[type]', type], ['data[text]', text]]),
      timeout,
    }),
    end: (session) => ({
      method: 'DELETE',
      url: sessionUrl(session, `participants/${encodeURIComponent(session.participantId)}`),
      headers: headers(session.token),
      body: form([]),
      timeout,
    }),
    userData: (session, userData) => ({
      method: 'PUT',
      url: sessionUrl(session, 'userdata'),
      headers: headers(session.token),
      body: form(bracketFields('data', userData)),
      timeout,
    }),
    uploadImage: (session, file, fileName) => ({
      method: 'POST',
      url: sessionUrl(session, 'images'),
      headers: headers(session.token),
      body: { kind: 'multipart', fields: [['operationId', newId()]], files: [{ name: 'file', file, fileName }] },
      timeout: options.uploadTimeout,
    }),
    image: (session, url) => {
      const absolute = /^[a-z][a-z0-9+.-]*:/i.test(url);
      if (absolute && originOf(url) !== originOf(base)) return undefined;
      return {
        method: 'GET',
        url: absolute ? url : `${imageBase}${url.startsWith('/') ? '' : '/'}${url}`,
        headers: headers(session.token),
        responseType: 'blob',
        timeout,
      };
    },
  };
}

function originOf(url: string): string | undefined {
  return /^([a-z][a-z0-9+.-]*:\/\/[^/?#]*)/i.exec(url)?.[1]?.toLowerCase();
}
