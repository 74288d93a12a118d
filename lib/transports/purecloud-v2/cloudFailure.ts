import type { AjaxFailure } from '../../model/results';
import type { HttpResponse } from '../../platform/platform';
import { retryAfterMs } from '../../platform/retryAfterMs';

/**
 * The `AjaxFailure` of a failed guest chat request (`contract.md` §4): jqXHR-like field names, the
 * ErrorBody as `responseJSON`, and `retryAfter` in seconds when the server sent `Retry-After` (§13.4).
 *
 * @example
 * cloudFailure({ status: 429, statusText: 'Too Many Requests', json: { code: 'too.many.requests.retry.after' },
 *                headers: { 'retry-after': '42' } }, Date.now());
 * // { status: 429, statusText: 'Too Many Requests', responseJSON: {…}, retryAfter: 42 }
 *
 * @param response The failed response.
 * @param now The platform's clock, for an HTTP-date `Retry-After`.
 */
export function cloudFailure(response: HttpResponse, now: number): AjaxFailure {
  const failure: AjaxFailure = { status: response.status, statusText: response.statusText };
  if (response.json !== undefined) failure.responseJSON = response.json;
  if (response.text !== undefined) failure.responseText = response.text;
  const wait = retryAfterMs(response.headers, now);
  if (wait !== undefined) failure.retryAfter = Math.ceil(wait / 1000);
  return failure;
}
