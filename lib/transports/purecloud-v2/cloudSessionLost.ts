import type { ReceiveSignal } from '../transport';
import type { CloudReply } from './cloudCall';
import { cloudErrors } from './cloudErrors';
import { cloudFailure } from './cloudFailure';

/**
 * The `sessionLost` signal of a 401/404 on the guest's own member or calls (`wire-purecloud-v2.md`
 * §6 step 5): the failure as the response, and the `error` event the contract gives that status.
 *
 * @example
 * if (reply.verdict === 'sessionLost') lost$.next(cloudSessionLost(reply, platform.now()));
 */
export function cloudSessionLost(reply: CloudReply, now: number): Extract<ReceiveSignal, { type: 'sessionLost' }> {
  const response = cloudFailure(reply.response, now);
  return { type: 'sessionLost', response, error: cloudErrors.http(reply.response.status, response) };
}
