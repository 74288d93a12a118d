import { Observable, catchError, map, of, type SchedulerLike } from 'rxjs';
import { settleDelivery } from '../shared/settleDelivery';
import type { Outcome } from '../transport';
import type { MessagePages } from './fetchMessagePages';
import type { WebChatMessage } from './cloudWire';

/** What settles a send the guest API gave no answer to. */
export interface CloudDeliveryCheck {
  /** The text that was sent. */
  text: string;
  /** The guest's own member id: only its messages count. */
  memberId: string;
  /**
   * Ids of the guest's messages earlier sends were answered with (or settled by): the same text sent
   * twice is two messages, and an earlier one whose frame has not come yet is not this one. (Not a
   * time rule: the server's timestamps and the page's clock need not agree.)
   */
  claimed: ReadonlySet<string>;
  /**
   * The messages the sent one would be among (those after the newest delivered when the send
   * started). Its own retries included: an error, or failed pages, means the read did not work.
   */
  read: Observable<MessagePages>;
  /** A wait before the read: a request that timed out may still be on its way to the server. */
  firstReadAfter: number;
  scheduler: SchedulerLike;
}

/**
 * Settles a `sendMessage` whose POST failed without a Cloud answer (network failure, timeout, 5xx,
 * a garbled 2xx) by reading the conversation's messages with the shared {@link settleDelivery}
 * (`contract.md` §6.4, §13.4: "a send only where delivery can be verified"), one read that retries
 * on its own. The send is never repeated, so the message is never there twice. The message found is
 * not published from here: its own `message` frame (or the catch-up after a reconnect) is its one
 * publication (`wire-purecloud-v2.md` §2.3).
 *
 * Emits one outcome, then completes:
 * - a message of `memberId` with exactly `text`, not in `claimed` ⇒ `ok` with that message
 *   (what a successful send answers with);
 * - none ⇒ the send's failure with `errorReason: 'MessageNotDelivered'` (safe to send again);
 * - the read failed ⇒ the failure with `errorReason: 'MessageDeliveryUnknown'`.
 *
 * ```
 * firstReadAfter 3:
 * read:    ---(p|)            p = the pages, read once the wait is over
 * result:  ------(o|)         o = ok (found) or the failure with its errorReason
 * ```
 *
 * @example
 * verifyCloudDelivery(failed, { text, memberId: 'ME', claimed, read: pagesAfter(cursor, 2), firstReadAfter: 0, scheduler });
 *
 * @param failed The send's failure (already carrying `MessageFailed`).
 * @param check The text, the sender, the ids already taken, the read, and the wait before it.
 */
export function verifyCloudDelivery(failed: Extract<Outcome, { ok: false }>, check: CloudDeliveryCheck): Observable<Outcome> {
  const sent = (messages: readonly WebChatMessage[]) =>
    messages.find((message) => message.sender.id === check.memberId && message.body === check.text && !check.claimed.has(message.id));
  const read = (): Observable<Outcome<{ found?: WebChatMessage }>> =>
    check.read.pipe(
      map((pages) => (pages.ok ? { ok: true as const, verdict: 'ok' as const, body: { found: sent(pages.messages) } } : failed)),
      catchError(() => of(failed)),
    );
  return settleDelivery(failed, { read, found: (body) => body.found !== undefined, attempts: 1, firstReadAfter: check.firstReadAfter, scheduler: check.scheduler }).pipe(
    map((outcome): Outcome => (outcome.ok ? { ok: true, verdict: 'ok', body: outcome.body.found as unknown as Record<string, unknown> } : outcome)),
  );
}
