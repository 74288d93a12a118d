import type { HttpResponse } from '../../platform/platform';
import type { Verdict } from '../transport';

/**
 * Classifies one completed REST response of the guest chat API (`wire-purecloud-v2.md` §4, §6.5):
 *
 * | response                         | verdict        | why |
 * |----------------------------------|----------------|-----|
 * | 2xx                              | `ok`           | |
 * | 2xx whose body is not JSON       | `serverError`  | a proxy page or a cut-off body: no confirmation (issue 6) |
 * | status 0 (network, timeout, abort) | `networkDown` | `contract.md` §13.2 |
 * | 401, 404                         | `sessionLost`  | expired/unknown JWT or conversation (§6.5, product) |
 * | 408, 429, 5xx                    | `serverError`  | worth a backoff (§13.4) |
 * | any other 4xx                    | `refused`      | the request was refused, the chat goes on |
 *
 * @example
 * classifyCloudResponse({ status: 429, statusText: 'Too Many Requests', json: {}, headers: {} }); // 'serverError'
 *
 * @param response The platform's {@link HttpResponse}.
 */
export function classifyCloudResponse(response: Pick<HttpResponse, 'status'> & Partial<Pick<HttpResponse, 'text'>>): Verdict {
  const { status } = response;
  // A send "confirmed" by an unreadable body may never have been stored: it must not resolve.
  if (status >= 200 && status < 300) return response.text === undefined ? 'ok' : 'serverError';
  if (status === 0) return 'networkDown';
  if (status === 401 || status === 404) return 'sessionLost';
  if (status === 408 || status === 429 || status >= 500) return 'serverError';
  return 'refused';
}
