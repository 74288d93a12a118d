import type { AjaxFailure } from '../../model/results';
import type { HttpResponse } from '../../platform/platform';
import { ajaxFailure } from '../shared/ajaxFailure';

/**
 * The rejection value of a failed Nexus request (`contract.md` §4): a 2xx reply whose envelope
 * reports an error is a `ServerFailure` (the parsed body as-is); anything else is an `AjaxFailure`
 * built from the response (`status` 0 for network/timeout/abort, `retryAfter` in seconds).
 *
 * @example
 * nexusFailure({ status: 429, statusText: 'Too Many Requests', json: {}, headers: { 'retry-after': '2' } }, now)
 * // { status: 429, statusText: 'Too Many Requests', responseJSON: {}, retryAfter: 2 }
 *
 * @param response The completed request.
 * @param now Epoch ms, to read an HTTP-date `Retry-After`.
 */
export function nexusFailure(response: HttpResponse, now: number): AjaxFailure | Record<string, unknown> {
  const { status, json } = response;
  if (status >= 200 && status < 300 && typeof json === 'object' && json !== null) return json as Record<string, unknown>;
  return ajaxFailure(response, now);
}
