import type { CometdAck } from '../../platform/openCometd';
import { classifyGmsResponse } from '../gms-v2/classifyGmsResponse';
import { gmsOutcome } from '../gms-v2/gmsOutcome';
import type { GmsEnvelope } from '../gms-v2/gmsWire';
import type { Outcome } from '../transport';

/**
 * Classifies what CometD carries (`wire-gms-v2.md` §11, §4, §8). A push's `data` is the GMS
 * envelope, classified exactly as a 200 REST answer ({@link classifyGmsResponse}, {@link gmsOutcome}: `statusCode 1`
 * ⇒ `serverBusy`, `statusCode 2` ⇒ `ended`/`refused`). A publish's Bayeux reply only says whether
 * the server took it: `successful` ⇒ `ok` with `{statusCode: 0}`; otherwise, or no reply (`null`, the
 * connection is down or the reply timed out), a status-0 failure ⇒ `networkDown`.
 *
 * @example
 * classifyGmsCometdResponse({ push: { statusCode: 1, messages: [] } }, now).verdict // 'serverBusy'
 * classifyGmsCometdResponse({ ack: { successful: false, error: '402::Unknown client' } }, now).verdict // 'networkDown'
 *
 * @param input A pushed envelope, or a publish's reply.
 * @param now The clock (for `Retry-After`, unused by pushes).
 */
export function classifyGmsCometdResponse(input: { push: unknown } | { ack: CometdAck | null; timedOut?: boolean }, now: number): Outcome<GmsEnvelope> {
  if ('push' in input) {
    const response = { status: 200, statusText: 'OK', json: input.push, headers: {} };
    return gmsOutcome(response, classifyGmsResponse(response), now);
  }
  const { ack } = input;
  if (ack?.successful) return { ok: true, body: { statusCode: 0 }, verdict: 'ok' };
  const statusText = input.timedOut ? 'timeout' : 'error';
  return { ok: false, failure: { status: 0, statusText, ...(ack?.error ? { errorReason: ack.error } : {}) }, verdict: 'networkDown' };
}
