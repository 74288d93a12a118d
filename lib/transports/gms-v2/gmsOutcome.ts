import type { AjaxFailure } from '../../model/results';
import type { HttpResponse } from '../../platform/platform';
import { retryAfterMs } from '../../platform/retryAfterMs';
import { ajaxFailure } from '../shared/ajaxFailure';
import type { Outcome, Verdict } from '../transport';
import { isEnvelope } from './classifyGmsResponse';
import type { GmsEnvelope } from './gmsWire';
import { withoutSecureKey } from './withoutSecureKey';

/**
 * The {@link Outcome} of a classified GMS response (`wire-gms-v2.md` §8): `ok` with the envelope,
 * or the failure the command rejects with — the envelope (a `statusCode 2` or `1`), or the shared
 * HTTP failure shape when the server sent none — always without `secureKey`. HTTP 404/500/502
 * without an envelope and error 306 are tagged `errorReason: 'InvalidService'`.
 *
 * @example
 * gmsOutcome(response, classifyGmsResponse(response), platform.now())
 *
 * @param response The completed request.
 * @param verdict Its {@link classifyGmsResponse} verdict.
 * @param now Epoch ms (for an HTTP-date `Retry-After`).
 */
export function gmsOutcome(response: HttpResponse, verdict: Verdict, now: number): Outcome<GmsEnvelope> {
  const envelope = isEnvelope(response.json) ? response.json : undefined;
  if (verdict === 'ok') return { ok: true, body: envelope ?? {}, verdict };
  if (verdict === 'networkDown') return { ok: false, failure: { status: 0, statusText: response.statusText || 'error' }, verdict };
  const http2xx = response.status >= 200 && response.status < 300;
  if (envelope && http2xx) {
    const failure: Record<string, unknown> = withoutSecureKey({ ...envelope });
    if (verdict !== 'serverBusy' && (envelope.errors ?? []).some((e) => e.code === 306)) failure.errorReason = 'InvalidService';
    return { ok: false, failure, verdict };
  }
  // The shared HTTP failure shape (status, statusText, responseJSON, responseText, retryAfter), secret removed.
  const failure: AjaxFailure = withoutSecureKey(ajaxFailure(response, now));
  if (envelope) return { ok: false, failure, verdict };
  if ([404, 500, 502].includes(response.status)) failure.errorReason = 'InvalidService';
  const retryMs = retryAfterMs(response.headers, now);
  return { ok: false, failure, verdict, ...(retryMs !== undefined ? { retryAfterMs: retryMs } : {}) };
}
