import { Observable, map, tap } from 'rxjs';
import type { HttpRequest, HttpResponse } from '../../platform/platform';
import type { Outcome, Verdict } from '../transport';
import { classifyCloudResponse } from './classifyCloudResponse';
import { cloudFailure } from './cloudFailure';
import { retryAfterMs } from '../../platform/retryAfterMs';

/** One completed guest chat request: the response, its verdict, and its body as an object (`{}` when empty). */
export interface CloudReply {
  response: HttpResponse;
  verdict: Verdict;
  body: Record<string, unknown>;
}

/**
 * The transport's one way to make a request: the platform's `http`, classified, each completed
 * response handed to `report` (the transport's `responses$`, `ajaxResponse` in the service).
 * Emits one {@link CloudReply} and completes; never errors (the platform's `http` never does).
 *
 * @example
 * const call = cloudCall(platform.http, (reply) => responses$.next({ body: reply.body, verdict: reply.verdict }));
 * call(requests.getMember(conversation, 'AG')).subscribe(({ verdict, body }) => …);
 *
 * @param http The platform's `http`.
 * @param report Called with every completed response, before the caller sees it.
 */
export function cloudCall(http: (request: HttpRequest) => Observable<HttpResponse>, report: (reply: CloudReply) => void) {
  return (request: HttpRequest): Observable<CloudReply> =>
    http(request).pipe(
      map((response) => ({ response, verdict: classifyCloudResponse(response), body: objectBody(response.json) })),
      tap(report),
    );
}

/**
 * A reply as the single {@link Outcome} a transport call emits: the body on success, the
 * `AjaxFailure` (with `retryAfter`) otherwise.
 *
 * @param reply The classified reply.
 * @param now The platform's clock (HTTP-date `Retry-After`).
 */
export function replyOutcome(reply: CloudReply, now: number): Outcome {
  if (reply.verdict === 'ok') return { ok: true, body: reply.body, verdict: 'ok' };
  const wait = retryAfterMs(reply.response.headers, now);
  return {
    ok: false,
    failure: cloudFailure(reply.response, now),
    verdict: reply.verdict,
    ...(wait !== undefined ? { retryAfterMs: wait } : {}),
  };
}

function objectBody(json: unknown): Record<string, unknown> {
  return typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : {};
}
