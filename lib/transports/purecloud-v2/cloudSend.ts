import { Observable, concatMap, defer, of, tap } from 'rxjs';
import type { HttpRequest } from '../../platform/platform';
import type { Outcome, TransportSession } from '../transport';
import { replyOutcome } from './cloudCall';
import type { CloudReply } from './cloudCall';
import { cloudErrors } from './cloudErrors';
import type { CloudSessionParts } from './cloudSessionParts';
import type { MessagePages } from './fetchMessagePages';
import { verifyCloudDelivery } from './verifyCloudDelivery';
import { firstReadAfter } from '../shared/settleDelivery';

/** Reads of the conversation that settle a send the server gave no answer to (§6.4). */
const deliveryChecks = 3;

/** What `sendMessage` needs besides the session's parts. */
export interface CloudSendDeps {
  /** A call on the guest's own conversation: a 401/404 also ends `receive` with `sessionLost`. */
  own(request: HttpRequest): Observable<CloudReply>;
  /** Every message after an id, with retries. */
  pagesAfter(after: string | null, retries?: number): Observable<MessagePages>;
}

/**
 * `sendMessage` on Genesys Cloud (`wire-purecloud-v2.md` §2.3, contract §6.4): fails fast with
 * `MessageFailed` while the event stream reconnects; a send the server gave no answer to (status 0,
 * 5xx, a garbled 2xx) is settled by reading the conversation ({@link verifyCloudDelivery}), never
 * resent; the ids of messages this session's sends were answered with are claimed, so the same
 * text sent twice is two messages.
 *
 * @example
 * sendMessage: cloudSend(parts, { own, pagesAfter })
 */
export function cloudSend(parts: CloudSessionParts, deps: CloudSendDeps): TransportSession['sendMessage'] {
  const { config, platform, keys, requests, gate, identity, transcript } = parts;
  const { own, pagesAfter } = deps;
  const { scheduler } = platform;
  const selfId = identity.memberId;
  /** Ids of the messages this session's sends were answered with or settled by (see verifyCloudDelivery). */
  const claimed = new Set<string>();

  const reconnecting = (): Outcome => {
    const response = {
      status: 0,
      statusText: 'error',
      responseText: 'The chat connection is being re-established; the message was not sent.',
    };
    // Never sent: the outbox may send it again (issue 14).
    return { ok: false, verdict: 'networkDown', failure: { ...response, ...cloudErrors.messageFailed(response), errorReason: 'MessageNotDelivered' } };
  };

  return (message) =>
    defer(() => {
      // Product decision for the cloud transport: while the event stream reconnects a send fails fast
      // with MessageFailed (contract §4) rather than going out unconfirmed; it is never dropped silently.
      if (gate.isDown()) return of(reconnecting());
      const text = message.message;
      // Sends go one at a time: this message is stored after every message delivered so far.
      const after = transcript.newestId() ?? keys.lastMessageId();
      return own(requests.sendMessage(identity, text)).pipe(
        concatMap((reply): Observable<Outcome> => {
          const outcome = replyOutcome(reply, platform.now());
          // The send response is not a message and does not move the cursor (§2.3, contract §15 item 2).
          if (outcome.ok) return of(outcome);
          const failed = { ...outcome, failure: { ...outcome.failure, ...cloudErrors.messageFailed(outcome.failure) } };
          const { status } = reply.response;
          // §6.4: no Cloud answer (status 0, a garbled 2xx, 5xx): the conversation says whether it arrived; never sent twice.
          return status < 300 || status >= 500
            ? verifyCloudDelivery(failed, {
                text,
                memberId: selfId,
                claimed,
                read: pagesAfter(after, deliveryChecks - 1),
                firstReadAfter: firstReadAfter(reply.response, config.ajaxTimeout),
                scheduler,
              })
            : of(failed);
        }),
        tap((outcome) => {
          if (outcome.ok && typeof outcome.body.id === 'string') claimed.add(outcome.body.id);
        }),
      );
    });
}
