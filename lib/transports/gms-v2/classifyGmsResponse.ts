import type { AjaxFailure } from '../../model/results';
import type { HttpResponse } from '../../platform/platform';
import { retryAfterMs } from '../../platform/retryAfterMs';
import type { Outcome } from '../transport';
import { ajaxFailure } from '../shared/ajaxFailure';
import { isRecord } from '../shared/isRecord';
import type { GmsEnvelope } from './gmsWire';
import { withoutSecureKey } from './withoutSecureKey';

/** GMS errors `204` (message too long) are ignored on refresh: the typing preview may exceed it (§8.2). */
const ignoredOnRefresh = 204;

/**
 * Classifies one GMS response (`wire-gms-v2.md` §8): success needs HTTP 2xx **and** `statusCode 0`.
 * `statusCode 1` ⇒ `serverBusy` (pollExceptionLimit); `statusCode 2` ⇒ `ended` when `chatEnded`, else
 * `refused`; HTTP 404/500/502 without an envelope ⇒ `InvalidService`; status 0 ⇒ `networkDown`.
 */
export function classifyGmsResponse(response: HttpResponse, now: number, options: { refresh?: boolean } = {}): Outcome<GmsEnvelope> {
  const envelope = isEnvelope(response.json) ? response.json : undefined;
  const retryMs = retryAfterMs(response.headers, now);
  if (response.status === 0) {
    return { ok: false, failure: { status: 0, statusText: response.statusText || 'error' }, verdict: 'networkDown' };
  }
  const http2xx = response.status >= 200 && response.status < 300;
  if (!http2xx || !envelope) {
    // The shared HTTP failure shape (status, statusText, responseJSON, responseText, retryAfter), secret removed.
    const failure: AjaxFailure = withoutSecureKey(ajaxFailure(response, now));
    if (envelope) {
      return { ok: false, failure, verdict: envelope.chatEnded === true ? 'ended' : 'refused' };
    }
    if ([404, 500, 502].includes(response.status)) failure.errorReason = 'InvalidService';
    const verdict = response.status >= 500 || response.status === 429 || response.status === 404 ? 'serverError' : 'refused';
    return { ok: false, failure, verdict, ...(retryMs !== undefined ? { retryAfterMs: retryMs } : {}) };
  }
  const statusCode = envelope.statusCode ?? 0;
  if (statusCode === 0) return { ok: true, body: envelope, verdict: 'ok' };
  if (statusCode === 1) return { ok: false, failure: withoutSecureKey({ ...envelope }), verdict: 'serverBusy' };
  const errors = envelope.errors ?? [];
  if (options.refresh && envelope.chatEnded !== true && errors.length > 0 && errors.every((e) => e.code === ignoredOnRefresh)) {
    return { ok: true, body: envelope, verdict: 'ok' };
  }
  const failure: Record<string, unknown> = withoutSecureKey({ ...envelope });
  if (errors.some((e) => e.code === 306)) failure.errorReason = 'InvalidService';
  return { ok: false, failure, verdict: envelope.chatEnded === true ? 'ended' : 'refused' };
}

/** Whether a parsed body is a GMS envelope (and not a proxy's page or someone else's JSON). */
export function isEnvelope(value: unknown): value is GmsEnvelope {
  return isRecord(value) && ('statusCode' in value || 'chatId' in value || 'messages' in value);
}
