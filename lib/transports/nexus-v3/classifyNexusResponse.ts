import type { HttpResponse } from '../../platform/platform';
import type { Verdict } from '../transport';
import { isRecord } from '../shared/isRecord';

/**
 * Which kind of call a response answers: a plain create, a create that resumes a stored token
 * (async mode), or a call on an existing session.
 */
export type NexusCallKind = 'create' | 'resume' | 'session';

/**
 * The verdict on one Nexus response (`wire-nexus-v3.md` §4, §9): pure, table-tested.
 *
 * | response                                             | verdict        |
 * |------------------------------------------------------|----------------|
 * | status 0 (network, timeout, abort)                   | `networkDown`  |
 * | 2xx with `data`                                      | `ok`           |
 * | 2xx whose body is not JSON (a proxy page, cut off)   | `serverError`  |
 * | `status.code: 'INVALID_SESSION'` (any HTTP status)   | `sessionLost`  |
 * | HTTP 404 on a session call or a resume               | `sessionLost`  |
 * | HTTP 401 on a resume (async restore, §11.2)          | `sessionLost`  |
 * | HTTP 429, 5xx, other non-2xx without a 4xx meaning   | `serverError`  |
 * | other HTTP 4xx                                       | `refused`      |
 * | 2xx with a string `status.code` and no `data`        | `refused`      |
 * | other 2xx (`{}`, 204)                                | `ok`           |
 *
 * @example
 * classifyNexusResponse({ status: 404, statusText: 'Not Found', json: undefined, headers: {} }) // 'sessionLost'
 *
 * @param response The completed request.
 * @param kind What the request was (404/401 only mean "session lost" where a session was named).
 */
export function classifyNexusResponse(response: HttpResponse, kind: NexusCallKind = 'session'): Verdict {
  const { status } = response;
  if (status === 0) return 'networkDown';
  const success = status >= 200 && status < 300;
  // Issue 6: an answer that cannot be read is no success — a poll that "succeeded" on it would
  // skip the `index=` resume (§7: the server's cursor already moved), a send would resolve unconfirmed.
  if (success && response.json === undefined && response.text !== undefined) return 'serverError';
  // §4: the client MUST NOT inspect `status` when `data` is present.
  if (success && hasData(response.json)) return 'ok';
  const code = nexusErrorCode(response.json);
  if (code === 'INVALID_SESSION') return 'sessionLost';
  if (status === 404 && kind !== 'create') return 'sessionLost';
  if (status === 401 && kind === 'resume') return 'sessionLost';
  if (success) return code === undefined ? 'ok' : 'refused';
  if (status >= 400 && status < 500 && status !== 429) return 'refused';
  return 'serverError';
}

/** The string `status.code` of a Nexus envelope (`INVALID_SESSION`, `INVALID_CONTACT_CENTER`, …), if any. */
export function nexusErrorCode(body: unknown): string | undefined {
  if (!isRecord(body) || !isRecord(body.status)) return undefined;
  const code = body.status.code;
  return typeof code === 'string' && code !== '' ? code : undefined;
}

function hasData(body: unknown): boolean {
  return isRecord(body) && body.data !== undefined && body.data !== null;
}
