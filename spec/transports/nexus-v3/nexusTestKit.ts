import { Observable, isObservable, of } from 'rxjs';
import type { SchedulerLike } from 'rxjs';
import type { WebChatConfig } from '../../../lib/model/config';
import type { ResolvedConfig } from '../../../lib/model/config';
import type { HttpRequest, HttpResponse, Platform } from '../../../lib/platform/platform';
import { resolveConfig } from '../../../lib/service/resolveConfig';
import { memoryStorage } from '../../../lib/storage/memoryStorage';
import { createSessionStore } from '../../../lib/storage/sessionStore';
import type { SessionStore } from '../../../lib/storage/sessionStore';

/** An HttpResponse with a JSON body. */
export function httpJson(status: number, json: unknown, headers: Record<string, string> = {}): HttpResponse {
  return { status, statusText: status === 0 ? 'error' : `HTTP ${status}`, json, headers };
}

/** An unsigned JWT whose payload is `payload` (the client never verifies the signature). */
export function fakeToken(payload: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part(payload)}.c2ln`;
}

export const ids = { sessionId: 'sess-1', transportId: 'tr-1', participantId: 'P1' };
export const token1 = fakeToken(ids);

/** A Nexus config resolved the way the service resolves it. */
export function nexusConfig(extra: Partial<WebChatConfig['transport']> = {}, top: Partial<WebChatConfig> = {}): ResolvedConfig {
  const resolution = resolveConfig({
    ...top,
    transport: {
      type: 'pureengage-v3-rest',
      dataURL: 'https://host/nexus/v3/chat/sessions',
      endpoint: 'EP',
      stream: 'live',
      headers: { 'x-api-key': 'K' },
      ...extra,
    },
  });
  if (!resolution.ok) throw new Error(resolution.rejection);
  return resolution.config;
}

export interface FakePlatform extends Platform {
  requests: HttpRequest[];
  /** `now()` when each request was sent. */
  times: number[];
  warnings: unknown[][];
}

/** A platform whose http answers through `handler` and records every request. */
export function fakeNexusPlatform(
  handler: (request: HttpRequest) => HttpResponse | Observable<HttpResponse>,
  scheduler?: SchedulerLike,
): FakePlatform {
  const requests: HttpRequest[] = [];
  const times: number[] = [];
  const warnings: unknown[][] = [];
  return {
    requests,
    times,
    warnings,
    scheduler: scheduler ?? ({ now: () => Date.now(), schedule: () => { throw new Error('no scheduler'); } } as unknown as SchedulerLike),
    now: () => (scheduler ? scheduler.now() : 1_000_000),
    random: () => 0.5,
    http: (request) => {
      requests.push(request);
      times.push(scheduler ? scheduler.now() : 0);
      const answer = handler(request);
      return isObservable(answer) ? answer : of(answer);
    },
    storage: memoryStorage(),
    logger: { debug() {}, info() {}, warn: (...args: unknown[]) => void warnings.push(args), error() {} },
    pageActive$: of(true),
    online$: new Observable(),
    page: {},
  };
}

/** The store of a platform, with its keys readable by short name. */
export function storeOf(platform: Platform): SessionStore {
  return createSessionStore(platform.storage);
}

/** The form fields of a request, as an object (last value wins). */
export function formOf(request: HttpRequest | undefined): Record<string, string> {
  const body = request?.body;
  if (!body || body.kind === 'json') return {};
  return Object.fromEntries(body.fields);
}

/** The query of a request URL, as an object. */
export function queryOf(request: HttpRequest | undefined): Record<string, string> {
  return Object.fromEntries(new URL(request?.url ?? 'http://x/').searchParams);
}
