/**
 * A Nexus response body as `ajaxResponse` may show it: without `data.clientToken`, the session's
 * secret (create and resume answers carry it, `wire-nexus-v3.md` §5). Only `started` and
 * `getSessionData` hand the token out (issue 6 "Secrets"; `contract.md` §6.16).
 *
 * @example
 * withoutClientToken({ status: { code: 0 }, data: { clientToken: 'eyJ…', entity: { id: 'S1' } } });
 * // { status: { code: 0 }, data: { entity: { id: 'S1' } } }
 *
 * @param body A parsed response body.
 */
export function withoutClientToken(body: Record<string, unknown>): Record<string, unknown> {
  const data = body.data;
  if (typeof data !== 'object' || data === null || Array.isArray(data) || !('clientToken' in data)) return body;
  const { clientToken: _secret, ...rest } = data as Record<string, unknown>;
  return { ...body, data: rest };
}
