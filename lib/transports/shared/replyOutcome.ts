import type { AjaxFailure } from '../../model/results';
import { retryAfterMs } from '../../platform/retryAfterMs';
import type { Outcome } from '../transport';
import { ajaxFailure } from './ajaxFailure';
import type { TransportReply } from './classifiedCall';

/**
 * A reply as the single {@link Outcome} a transport call emits: the body when the verdict is `ok`;
 * otherwise the failure (by default the reply's {@link ajaxFailure}) with the verdict and the wait a
 * `Retry-After` header asks for (`contract.md` §13.4).
 *
 * @example
 * call(requests.deleteMember(identity)).pipe(map((reply) => replyOutcome(reply, platform.now())))
 *
 * @param reply The classified reply.
 * @param now The platform's clock (HTTP-date `Retry-After`).
 * @param failure The rejection value when the transport's differs from the plain `AjaxFailure`.
 */
export function replyOutcome(reply: TransportReply, now: number, failure: AjaxFailure | Record<string, unknown> = ajaxFailure(reply.response, now)): Outcome {
  if (reply.verdict === 'ok') return { ok: true, body: reply.body, verdict: 'ok' };
  const wait = retryAfterMs(reply.response.headers, now);
  return { ok: false, failure, verdict: reply.verdict, ...(wait !== undefined ? { retryAfterMs: wait } : {}) };
}
