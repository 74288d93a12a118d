import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { firstValueFrom } from 'rxjs';
import { createHttp } from '../../lib/platform/createHttp';
import type { HttpRequest, HttpResponse } from '../../lib/platform/platform';
import { eventually } from '../helpers/eventually';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const XHR2 = require('xhr2') as new () => XMLHttpRequest;

/** What the server saw of one request. */
interface Seen {
  method?: string;
  url?: string;
  headers: IncomingMessage['headers'];
  body: string;
  closedEarly: boolean;
}

/** A real HTTP server on 127.0.0.1 port 0 answering each path with `routes[path]`. */
function serve(routes: Record<string, (res: ServerResponse) => void>) {
  const seen: Seen[] = [];
  const server: Server = createServer((req, res) => {
    const entry: Seen = { method: req.method, url: req.url, headers: req.headers, body: '', closedEarly: false };
    seen.push(entry);
    req.on('data', (chunk: Buffer) => (entry.body += chunk.toString('latin1')));
    res.on('close', () => (entry.closedEarly = !res.writableEnded));
    req.on('end', () => routes[req.url ?? '']?.(res));
  });
  const listening = new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
  const close = () => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
  return { seen, listening, close };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) => (res: ServerResponse) => {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};

describe('createHttp over a real socket (xhr2): every outcome is one HttpResponse value, never an error', () => {
  const http = createHttp({ createXHR: () => new XHR2(), serializeMultipart: true });
  const server = serve({
    '/ok': json(200, { a: 1 }, { 'X-Thing': 'y' }),
    '/500': json(500, { statusCode: 1 }),
    '/404': (res) => {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('not here');
    },
    '/bytes': (res) => {
      res.writeHead(200, { 'Content-Type': 'image/png' });
      res.end(Buffer.from([1, 2, 3]));
    },
    '/empty': (res) => {
      res.writeHead(204);
      res.end();
    },
    '/slow': (res) => void setTimeout(() => json(200, {})(res), 400).unref(),
  });
  let base = '';
  beforeAll(async () => {
    base = await server.listening;
  });
  afterAll(() => server.close());
  const call = (request: Omit<HttpRequest, 'url'> & { path: string }): Promise<HttpResponse> => firstValueFrom(http({ ...request, url: base + request.path }));

  it('sends a form with its content type, Accept and the request headers, and parses a JSON answer with its headers', async () => {
    const response = await call({ method: 'POST', path: '/ok', body: { kind: 'form', fields: [['a b', 'ç&'], ['x', '1']] }, headers: { apikey: 'k' } });
    expect(response).toEqual({ status: 200, statusText: 'OK', json: { a: 1 }, headers: expect.objectContaining({ 'x-thing': 'y', 'content-type': 'application/json' }) });
    const [seen] = server.seen.slice(-1);
    expect(seen).toMatchObject({ method: 'POST', body: 'a%20b=%C3%A7%26&x=1' });
    expect(seen.headers).toMatchObject({ accept: 'application/json', apikey: 'k', 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8' });
    expect(seen.headers).not.toHaveProperty('x-requested-with');
  });

  it('sends JSON; a 5xx keeps its status and parsed body; a non-JSON body is kept as text', async () => {
    expect(await call({ method: 'PUT', path: '/500', body: { kind: 'json', value: { q: [1] } } })).toEqual({ status: 500, statusText: 'Internal Server Error', json: { statusCode: 1 }, headers: expect.any(Object) });
    expect(server.seen.slice(-1)[0]).toMatchObject({ method: 'PUT', body: '{"q":[1]}', headers: { 'content-type': 'application/json' } });
    expect(await call({ method: 'GET', path: '/404' })).toEqual({ status: 404, statusText: 'Not Found', json: undefined, text: 'not here', headers: expect.any(Object) });
    expect(await call({ method: 'DELETE', path: '/empty' })).toEqual({ status: 204, statusText: 'No Content', json: undefined, headers: expect.any(Object) });
  });

  it('reads bytes as a Blob typed by the answer', async () => {
    const response = await call({ method: 'GET', path: '/bytes', responseType: 'blob' });
    expect(response.status).toBe(200);
    expect(response.blob?.type).toBe('image/png');
    expect([...new Uint8Array(await response.blob!.arrayBuffer())]).toEqual([1, 2, 3]);
  });

  it('uploads multipart fields and files (serialized with their boundary where FormData cannot be sent)', async () => {
    const file = new Blob(['hello'], { type: 'text/plain' });
    await call({ method: 'POST', path: '/ok', body: { kind: 'multipart', fields: [['secureKey', 'S']], files: [{ name: 'file', file, fileName: 'a.txt' }] } });
    const [seen] = server.seen.slice(-1);
    expect(seen.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(seen.body).toMatch(/name="secureKey"\r\n\r\nS\r\n/);
    expect(seen.body).toMatch(/name="file"; filename="a.txt"\r\nContent-Type: text\/plain\r\n\r\nhello\r\n/);
  });

  it('is status 0 "timeout" past the timeout, and status 0 "error" when nothing answers', async () => {
    expect(await call({ method: 'GET', path: '/slow', timeout: 50 })).toEqual({ status: 0, statusText: 'timeout', json: undefined, headers: {} });
    const closed = serve({});
    const url = await closed.listening;
    await closed.close();
    expect(await firstValueFrom(http({ method: 'GET', url: `${url}/x` }))).toEqual({ status: 0, statusText: 'error', json: undefined, headers: {} });
  });

  it('aborts the request when unsubscribed before the answer', async () => {
    const before = server.seen.length;
    const subscription = http({ method: 'GET', url: `${base}/slow` }).subscribe();
    await eventually(() => expect(server.seen.length).toBe(before + 1));
    subscription.unsubscribe();
    await eventually(() => expect(server.seen[before].closedEarly).toBe(true));
  });
});

/** An XMLHttpRequest stand-in recording what the request set on it, answering with `load`. */
function recordingXHR(status: number, response: string) {
  const log: unknown[] = [];
  const listeners: Record<string, (event: object) => void> = {};
  const xhr = {
    readyState: 1,
    status,
    statusText: '',
    response,
    responseType: '',
    timeout: 0,
    withCredentials: false,
    addEventListener: (type: string, listener: (event: object) => void) => (listeners[type] = listener),
    open: (...args: unknown[]) => log.push(['open', ...args]),
    setRequestHeader: (name: string, value: string) => log.push(['header', name, value]),
    getAllResponseHeaders: () => 'Content-Type: application/json\r\n',
    send: (body?: unknown) => {
      log.push(['send', body, { timeout: xhr.timeout, withCredentials: xhr.withCredentials, responseType: xhr.responseType }]);
      xhr.readyState = 4;
      listeners.load?.({ type: 'load', loaded: response.length, total: response.length });
    },
    abort: () => log.push(['abort']),
  };
  return { log, createXHR: () => xhr as unknown as XMLHttpRequest };
}

describe('createHttp on a browser XMLHttpRequest', () => {
  it('opens async, sets timeout, credentials and response type, lower-cases header names (a request header overrides Accept), sends FormData as is', async () => {
    const { log, createXHR } = recordingXHR(200, '{"ok":1}');
    const response = await firstValueFrom(
      createHttp({ createXHR })({
        method: 'POST',
        url: 'https://x.example/a',
        headers: { Authorization: 'Bearer t', ACCEPT: 'text/plain' },
        body: { kind: 'multipart', fields: [['k', 'v']], files: [] },
        timeout: 1234,
        withCredentials: true,
      }),
    );
    expect(response).toEqual({ status: 200, statusText: 'success', json: { ok: 1 }, headers: { 'content-type': 'application/json' } });
    expect(log.slice(0, -1)).toEqual([
      ['open', 'POST', 'https://x.example/a', true],
      ['header', 'accept', 'text/plain'],
      ['header', 'authorization', 'Bearer t'],
    ]);
    const [, body, settings] = log[log.length - 1] as [string, unknown, unknown];
    expect(body).toBeInstanceOf(FormData);
    expect(settings).toEqual({ timeout: 1234, withCredentials: true, responseType: 'text' });
  });

  it('sends no body for an empty form, and answers "error" as the status text of a failed status without one', async () => {
    const { log, createXHR } = recordingXHR(503, '');
    expect(await firstValueFrom(createHttp({ createXHR })({ method: 'POST', url: 'https://x.example/b', body: { kind: 'form', fields: [] } }))).toEqual({
      status: 503, statusText: 'error', json: undefined, headers: { 'content-type': 'application/json' },
    });
    expect(log[log.length - 1]).toEqual(['send', undefined, { timeout: 0, withCredentials: false, responseType: 'text' }]);
  });
});
