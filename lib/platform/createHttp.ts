import { Observable, defer, from, map, of, switchMap } from 'rxjs';
import type { HttpBody, HttpRequest, HttpResponse } from './platform';
import { xhrRequest } from './xhrRequest';
import type { XhrOutcome } from './xhrRequest';

export interface CreateHttpOptions {
  /** An XMLHttpRequest factory (`() => new XMLHttpRequest()` in browsers, `xhr2` in Node). */
  createXHR?: () => XMLHttpRequest;
  /**
   * Turn multipart bodies into bytes before sending: needed where the XHR cannot send `FormData`
   * (xhr2 in Node). Browsers send the `FormData` as is.
   */
  serializeMultipart?: boolean;
}

/**
 * The platform's `http`: one request through {@link xhrRequest}, folded into a single {@link HttpResponse}
 * whatever happens (HTTP errors, timeouts and network failures become values, never errors).
 */
export function createHttp(options: CreateHttpOptions = {}): (request: HttpRequest) => Observable<HttpResponse> {
  return (request) =>
    defer(() => encodeBody(request.body, options.serializeMultipart ?? false)).pipe(
      switchMap(({ body, contentType }) =>
        xhrRequest(options.createXHR ?? (() => new XMLHttpRequest()), {
          url: request.url,
          method: request.method,
          headers: { Accept: 'application/json', ...(contentType ? { 'Content-Type': contentType } : {}), ...request.headers },
          body,
          timeout: request.timeout ?? 0,
          withCredentials: request.withCredentials ?? false,
          // Bytes come as an ArrayBuffer and become a Blob here: xhr2 (Node) has no 'blob' responseType.
          responseType: request.responseType === 'blob' ? 'arraybuffer' : 'text',
        }),
      ),
      map(toResult),
    );
}

interface EncodedBody {
  body: unknown;
  contentType?: string;
}

function encodeBody(body: HttpBody | undefined, serializeMultipart: boolean): Observable<EncodedBody> {
  if (!body) return of({ body: undefined });
  switch (body.kind) {
    case 'form':
      return of({
        body: body.fields.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&'),
        contentType: 'application/x-www-form-urlencoded; charset=UTF-8',
      });
    case 'json':
      return of({ body: JSON.stringify(body.value), contentType: 'application/json' });
    case 'multipart': {
      const form = new FormData();
      for (const [k, v] of body.fields) form.append(k, v);
      for (const part of body.files) form.append(part.name, part.file, part.fileName);
      if (!serializeMultipart) return of({ body: form });
      // xhr2 cannot send FormData: let the platform's Response encode it, boundary included.
      const encoded = new Response(form);
      const contentType = encoded.headers.get('content-type') ?? undefined;
      return from(encoded.arrayBuffer()).pipe(map((bytes) => ({ body: bytes, contentType })));
    }
  }
}

function toHttpResponse(status: number, xhr: XMLHttpRequest, payload: unknown): HttpResponse {
  const headers = parseHeaders(safe(() => xhr.getAllResponseHeaders()) ?? '');
  const statusText = safe(() => xhr.statusText) || (status >= 200 && status < 300 ? 'success' : 'error');
  if (payload instanceof ArrayBuffer || ArrayBuffer.isView(payload)) {
    return { status, statusText, json: undefined, blob: new Blob([payload as ArrayBuffer], { type: headers['content-type'] ?? '' }), headers };
  }
  const text = typeof payload === 'string' ? payload : payload == null ? '' : String(payload);
  const json = parseJson(text);
  return json === undefined && text !== '' ? { status, statusText, json, text, headers } : { status, statusText, json, headers };
}

function toResult(outcome: XhrOutcome): HttpResponse {
  if (outcome.kind !== 'load') return { status: 0, statusText: outcome.kind, json: undefined, headers: {} };
  const { xhr } = outcome;
  return toHttpResponse(xhr.status, xhr, 'response' in xhr ? xhr.response : (xhr as XMLHttpRequest).responseText);
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function parseHeaders(raw: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of raw.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

function safe<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}
