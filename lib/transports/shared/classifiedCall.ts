import { Observable, map, take, tap } from 'rxjs';
import type { HttpRequest, HttpResponse } from '../../platform/platform';
import type { Verdict } from '../transport';
import { isRecord } from './isRecord';

/** One completed request: the response, its verdict, and its body as an object (`{}` when none). */
export interface TransportReply {
  response: HttpResponse;
  body: Record<string, unknown>;
  verdict: Verdict;
}

/**
 * A transport's one way to make a request (STYLE.md "classify, then react"): the platform's `http`,
 * the response classified by the transport's pure classifier, and each reply handed to `report`
 * (which feeds the transport's `responses$`, `ajaxResponse` in the service) before the caller sees
 * it. Each call emits exactly one {@link TransportReply} and completes; it never errors (the
 * platform's `http` never does) and unsubscribing aborts.
 *
 * @example
 * const call = classifiedCall(platform.http, classifyCloudResponse, (reply) => responses$.next(reply));
 * call(requests.getMember(conversation, 'AG')).subscribe(({ verdict, body }) => …);
 *
 * @param http The platform's `http`.
 * @param classify The transport's verdict on a response; `kind` is passed through from the call.
 * @param report Called with every reply, before the caller sees it.
 */
export function classifiedCall<Kind>(
  http: (request: HttpRequest) => Observable<HttpResponse>,
  classify: (response: HttpResponse, kind?: Kind) => Verdict,
  report: (reply: TransportReply) => void,
): (request: HttpRequest, kind?: Kind) => Observable<TransportReply> {
  return (request, kind) =>
    http(request).pipe(
      take(1),
      map((response) => ({ response, body: objectBody(response.json), verdict: classify(response, kind) })),
      tap(report),
    );
}

function objectBody(json: unknown): Record<string, unknown> {
  return isRecord(json) ? json : {};
}
