import type { Observable } from 'rxjs';
import type { HttpRequest, HttpResponse } from '../../platform/platform';
import { classifiedCall } from '../shared/classifiedCall';
import type { TransportReply } from '../shared/classifiedCall';
import { classifyCloudResponse } from './classifyCloudResponse';

export { replyOutcome } from '../shared/replyOutcome';

/** One completed guest chat request: the response, its verdict, and its body as an object (`{}` when empty). */
export type CloudReply = TransportReply;

/**
 * The transport's one way to make a request: the platform's `http`, classified by
 * {@link classifyCloudResponse}, each completed response handed to `report` (the transport's
 * `responses$`, `ajaxResponse` in the service). Emits one {@link CloudReply} and completes; never errors.
 *
 * @example
 * const call = cloudCall(platform.http, (reply) => responses$.next({ body: reply.body, verdict: reply.verdict }));
 * call(requests.getMember(conversation, 'AG')).subscribe(({ verdict, body }) => …);
 *
 * @param http The platform's `http`.
 * @param report Called with every completed response, before the caller sees it.
 */
export function cloudCall(http: (request: HttpRequest) => Observable<HttpResponse>, report: (reply: CloudReply) => void): (request: HttpRequest) => Observable<CloudReply> {
  return classifiedCall(http, classifyCloudResponse, report);
}
