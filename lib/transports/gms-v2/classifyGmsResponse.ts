import type { HttpResponse } from '../../platform/platform';
import type { Verdict } from '../transport';
import { isRecord } from '../shared/isRecord';
import type { GmsEnvelope } from './gmsWire';

/** GMS errors `204` (message too long) are ignored on refresh: the typing preview may exceed it (§8.2). */
const ignoredOnRefresh = 204;

/**
 * The verdict on one GMS response (`wire-gms-v2.md` §8): pure, table-tested; `gmsOutcome` builds
 * the outcome from it.
 *
 * | response                                              | verdict       |
 * |-------------------------------------------------------|---------------|
 * | status 0 (network, timeout, abort)                    | `networkDown` |
 * | 2xx, `statusCode 0`                                   | `ok`          |
 * | 2xx, `statusCode 2` with only error 204, on a refresh | `ok`          |
 * | 2xx, `statusCode 1`                                   | `serverBusy`  |
 * | any envelope with `chatEnded: true` (not ok)          | `ended`       |
 * | other envelope (statusCode 2, or a non-2xx one)       | `refused`     |
 * | no envelope: HTTP 404, 429, 5xx                       | `serverError` |
 * | no envelope: other (a WAF 403, a 200 page)            | `refused`     |
 *
 * @example
 * classifyGmsResponse({ status: 200, statusText: 'OK', json: { statusCode: 1 }, headers: {} }) // 'serverBusy'
 *
 * @param response The completed request.
 * @param options `refresh`: the request was a poll (error 204 ignored).
 */
export function classifyGmsResponse(response: HttpResponse, options: { refresh?: boolean } = {}): Verdict {
  if (response.status === 0) return 'networkDown';
  const envelope = isEnvelope(response.json) ? response.json : undefined;
  const http2xx = response.status >= 200 && response.status < 300;
  if (!envelope) return response.status >= 500 || response.status === 429 || response.status === 404 ? 'serverError' : 'refused';
  const statusCode = envelope.statusCode ?? 0;
  if (http2xx && statusCode === 0) return 'ok';
  if (http2xx && statusCode === 1) return 'serverBusy';
  const errors = envelope.errors ?? [];
  if (http2xx && options.refresh && envelope.chatEnded !== true && errors.length > 0 && errors.every((e) => e.code === ignoredOnRefresh)) return 'ok';
  return envelope.chatEnded === true ? 'ended' : 'refused';
}

/** Whether a parsed body is a GMS envelope (and not a proxy's page or someone else's JSON). */
export function isEnvelope(value: unknown): value is GmsEnvelope {
  return isRecord(value) && ('statusCode' in value || 'chatId' in value || 'messages' in value);
}
