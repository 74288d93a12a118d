import { Subject, asyncScheduler, defer, isObservable, of, take } from 'rxjs';
import type { Observable, SchedulerLike } from 'rxjs';
import type { HttpRequest, HttpResponse, KeyValueStorage, Logger, PageInfo, Platform, WebSocketConstructor } from '../platform/platform';
import { memoryStorage } from '../storage/memoryStorage';

/** Options of `fakePlatform`: the scheduler, the HTTP answers, storage and randomness. */
export interface FakePlatformOptions {
  /** Every timing runs on it, and `now()` reads it; default `asyncScheduler`. Pass a TestScheduler for virtual time. */
  scheduler?: SchedulerLike;
  /** Answers each request; `undefined` falls back to the default, `200 {}`. An Observable answer may take its time. */
  http?: (request: HttpRequest) => Observable<HttpResponse> | HttpResponse | undefined;
  /** Default: `scheduler.now()`. */
  now?: () => number;
  /** Default: always `0.5` (the middle of every jitter range), so delays are predictable. */
  random?: () => number;
  /** Default: a fresh in-memory storage. Share one between two platforms to test a restore. */
  storage?: KeyValueStorage;
  WebSocket?: WebSocketConstructor;
  page?: PageInfo;
}

/** A {@link Platform} whose outside world a test holds in its hands. */
export interface FakePlatform extends Platform {
  /** Every request, in the order it was sent (subscribed). */
  requests: HttpRequest[];
  /** `now()` when each request was sent: `times[i]` belongs to `requests[i]` (to check a cadence). */
  times: number[];
  /** Every logger call as `[level, ...args]`, e.g. `['warn', 'pollRate out of range', 50]`. */
  log: unknown[][];
  /** Drive page visibility: `next(false)` hides the page (`sleep` when `sleepEnabled`). */
  pageActive$: Subject<boolean>;
  /** Drive the browser's `online` event. */
  online$: Subject<unknown>;
}

/**
 * A {@link Platform} for tests: records every request and answers it through `http` (default
 * `200 {}`), keeps storage in memory, records log lines, exposes `pageActive$` and `online$` as
 * Subjects to drive, and reads the time from the scheduler — so a whole chat runs in virtual time.
 *
 * @example
 * new TestScheduler(assert).run(() => {
 *   const platform = fakePlatform({
 *     scheduler: asyncScheduler, // virtual inside run()
 *     http: (request) => (request.url.endsWith('/refresh') ? httpJson(200, { statusCode: 0, messages: [] }) : undefined),
 *   });
 *   const chat = createWebChatService(config, platform);
 *   // …
 *   expect(platform.requests.map((request) => request.url)).toEqual([...]);
 * });
 *
 * @param options What to answer and what to read time, randomness and storage from.
 */
export function fakePlatform(options: FakePlatformOptions = {}): FakePlatform {
  const scheduler = options.scheduler ?? asyncScheduler;
  const requests: HttpRequest[] = [];
  const times: number[] = [];
  const log: unknown[][] = [];
  const answer = options.http ?? (() => undefined);
  const record =
    (level: keyof Logger) =>
    (...args: unknown[]) =>
      void log.push([level, ...args]);
  const now = options.now ?? (() => scheduler.now());
  return {
    requests,
    times,
    log,
    scheduler,
    now,
    random: options.random ?? (() => 0.5),
    // defer: like a real request, nothing is sent (or recorded) until someone subscribes.
    http: (request) =>
      defer(() => {
        requests.push(request);
        times.push(now());
        const response = answer(request) ?? httpJson(200, {});
        return isObservable(response) ? response.pipe(take(1)) : of(response);
      }),
    WebSocket: options.WebSocket,
    storage: options.storage ?? memoryStorage(),
    logger: { debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') },
    pageActive$: new Subject<boolean>(),
    online$: new Subject<unknown>(),
    page: options.page ?? {},
  };
}

/**
 * An {@link HttpResponse} as the platform's `http` would report it. `status` 0 is a network
 * failure (`statusText` `'error'`; pass `'timeout'` or `'abort'` for the others).
 *
 * @example
 * httpJson(200, { statusCode: 0, chatId: 'c1', secureKey: 'k', userId: 'u', alias: '1' });
 * httpJson(429, undefined, { 'Retry-After': '5' });
 * httpJson(0, undefined, {}, 'timeout');
 *
 * @param status The HTTP status, or 0.
 * @param body The parsed JSON body (`undefined`: empty or not JSON).
 * @param headers Response headers; names are lower-cased as the real platform does.
 * @param statusText Default: `'success'` for 2xx, `'error'` otherwise.
 */
export function httpJson(status: number, body?: unknown, headers: Record<string, string> = {}, statusText?: string): HttpResponse {
  return {
    status,
    statusText: statusText ?? (status >= 200 && status < 300 ? 'success' : 'error'),
    json: body,
    headers: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value])),
  };
}
