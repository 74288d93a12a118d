import type { AjaxFailure } from '../../model/results';
import type { HttpResponse } from '../../platform/platform';
import { retryAfterMs } from '../../platform/retryAfterMs';

/**
 * The `AjaxFailure` of a failed request (`contract.md` §4), as every transport rejects with it:
 * jqXHR-like field names, the parsed body as `responseJSON`, an unparsable one as `responseText`,
 * and `retryAfter` in seconds when the server sent `Retry-After` (§13.4).
 *
 * @example
 * ajaxFailure({ status: 429, statusText: 'Too Many Requests', json: { code: 'too.many.requests.retry.after' },
 *               headers: { 'retry-after': '42' } }, Date.now());
 * // { status: 429, statusText: 'Too Many Requests', responseJSON: {…}, retryAfter: 42 }
 *
 * @param response The failed response.
 * @param now The platform's clock, for an HTTP-date `Retry-After`.
 */
export function ajaxFailure(response: HttpResponse, now: number): AjaxFailure {
  const failure: AjaxFailure = { status: response.status, statusText: response.statusText };
  if (response.json !== undefined) failure.responseJSON = response.json;
  if (response.text !== undefined) failure.responseText = response.text;
  const wait = retryAfterMs(response.headers, now);
  if (wait !== undefined) failure.retryAfter = Math.ceil(wait / 1000);
  return failure;
}
