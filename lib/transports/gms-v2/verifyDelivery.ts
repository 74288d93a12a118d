import type { Observable } from 'rxjs';
import type { OwnSend } from '../shared/ownSends';
import { settleDelivery, type SettleDeliveryOptions, type UnknownDelivery as UnknownSend } from '../shared/settleDelivery';
import type { Outcome } from '../transport';
import { gmsMessagesOf } from './gmsMessagesOf';
import type { GmsEnvelope, GmsMessage } from './gmsWire';

/** A send that failed without a GMS answer: the server may or may not have the message. */
export type UnknownDelivery = UnknownSend;

export interface VerifyDeliveryOptions extends Omit<SettleDeliveryOptions<GmsEnvelope>, 'read' | 'found'> {
  /** The text that was sent. */
  text: string;
  /**
   * The send's ticket, when the transport tracks its sends (`shared/ownSends`): the message must also be
   * this send's, not an earlier send's of the same text that no poll brought yet (needed when an
   * answer carried no `nextPosition`, which GMS may omit).
   */
  own?: OwnSend;
  /** The first transcript position the message can have (it was sent after everything before it). */
  from: number;
  /**
   * One `refresh` from at most `from`; its messages also go through the pipeline like every poll's,
   * so it must not start past what was delivered (a gap would publish later messages first).
   */
  refresh: (atMost: number) => Observable<Outcome<GmsEnvelope>>;
}

/**
 * Settles a GMS `sendMessage` that failed without a GMS answer by reading the transcript with
 * `refresh` ({@link settleDelivery}: never resent; `ok` when the customer's message with that text
 * is at `from` or later, else `MessageNotDelivered`, or `MessageDeliveryUnknown` when the
 * transcript could not be read `attempts` times).
 *
 * @example
 * session.send(text).pipe(concatMap((o) => (o.ok || knownRefusal(o) ? of(o) : verifyDelivery(o, { text, from, refresh, attempts: 3, backoff, random, scheduler }))));
 *
 * @param failed The send's failure.
 * @param options The text, the lowest position, how to read the transcript, and the retry budget.
 */
export function verifyDelivery(failed: UnknownDelivery, options: VerifyDeliveryOptions): Observable<Outcome<GmsEnvelope>> {
  const { text, from, refresh, own, ...retry } = options;
  return settleDelivery(failed, {
    ...retry,
    read: () => refresh(from),
    // The read's messages were absorbed (and shown to `own`'s tracker) before this is asked.
    found: (envelope) => gmsMessagesOf(envelope).some((message) => isOwnMessage(message, text, from)) && (own?.seen ?? true),
  });
}

function isOwnMessage(message: GmsMessage, text: string, from: number): boolean {
  return (
    message.type === 'Message' &&
    message.from?.type === 'Client' &&
    message.text === text &&
    typeof message.index === 'number' &&
    message.index >= from
  );
}
