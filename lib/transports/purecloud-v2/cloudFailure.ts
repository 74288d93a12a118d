/**
 * The `AjaxFailure` of a failed guest chat request (`contract.md` §4): the guest API's ErrorBody as
 * `responseJSON` and `retryAfter` in seconds when the server sent `Retry-After` (§13.4) — exactly
 * the shared {@link ajaxFailure}, under the name the Cloud transport's files use.
 */
export { ajaxFailure as cloudFailure } from '../shared/ajaxFailure';
