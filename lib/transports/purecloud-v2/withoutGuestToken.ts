/**
 * A guest chat response body as `ajaxResponse` may show it: without the guest's JWT, which the
 * create answer carries twice — as `jwt` and inside `eventStreamUri` (`wire-purecloud-v2.md` §2.1).
 * Only `started` and `getSessionData` hand them out (issue 6 "Secrets"; `contract.md` §6.16).
 *
 * @example
 * withoutGuestToken({ id: 'C1', jwt: 'eyJ…', eventStreamUri: 'wss://…/eyJ…', member: { id: 'M1' } });
 * // { id: 'C1', member: { id: 'M1' } }
 *
 * @param body A parsed response body.
 */
export function withoutGuestToken(body: Record<string, unknown>): Record<string, unknown> {
  if (!('jwt' in body) && !('eventStreamUri' in body)) return body;
  const { jwt: _secret, eventStreamUri: _carriesIt, ...rest } = body;
  return rest;
}
