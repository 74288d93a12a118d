import { replyOutcome } from '../shared/replyOutcome';
import type { Outcome } from '../transport';
import { nexusErrorCode } from './classifyNexusResponse';
import type { NexusReply } from './nexusCall';
import { nexusError } from './nexusError';
import { nexusFailure } from './nexusFailure';

/**
 * The {@link Outcome} of a Nexus reply: `ok` with the parsed body, or the failure of
 * `contract.md` §4 (`AjaxFailure`, or the body of a 2xx error). A failure whose body names a
 * `status.code` also carries the v3 `errors` array (`pureengage-v3-rest-<code>`), so the one object
 * serves as both the command's rejection and the `error` event payload.
 *
 * @example
 * nexusOutcome(reply, platform.now()) // { ok: false, verdict: 'refused', failure: { status: 401, …, errors: [{ code: 'pureengage-v3-rest-INVALID_CONTACT_CENTER', … }] } }
 *
 * @param reply The completed request.
 * @param now Epoch ms (for an HTTP-date `Retry-After`).
 */
export function nexusOutcome(reply: NexusReply, now: number): Outcome {
  if (reply.verdict === 'ok') return replyOutcome(reply, now);
  const failure = nexusFailure(reply.response, now);
  return replyOutcome(reply, now, nexusErrorCode(reply.response.json) === undefined ? failure : { ...failure, errors: nexusError(reply.response.json).errors });
}
