import { of, take } from 'rxjs';
import type { Observable } from 'rxjs';
import type { OutboxEntry } from '../model/outbox';
import { Rejections } from '../model/rejections';
import type { Outcome, TransportSession } from '../transports/transport';

/** How the send of one outbox entry went, for the `sendQueue` operator. */
export type OutboxVerdict = 'delivered' | 'notDelivered' | 'failed';

/**
 * One outbox entry on the wire: `sendMessage` or `sendCustomNotice` of the session, settled as the
 * transport settles any send (its answer, or the read-the-transcript check of `settleDelivery`).
 *
 * @example
 * sendEntry(session, entry).subscribe((outcome) => queue.next({ type: 'settled', id, outcome: outboxVerdict(outcome) }));
 */
export function sendEntry(session: TransportSession, entry: OutboxEntry): Observable<Outcome> {
  if (entry.command === 'sendCustomNotice') {
    const notice = session.sendCustomNotice;
    if (!notice) return of<Outcome>({ ok: false, verdict: 'refused', failure: { errorReason: Rejections.noticeUnsupported } });
    return notice.call(session, entry.text).pipe(take(1));
  }
  const outgoing = {
    message: entry.text,
    ...(entry.type !== undefined ? { type: entry.type } : {}),
    ...(entry.parentMessageID !== undefined ? { parentMessageID: entry.parentMessageID } : {}),
  };
  return session.sendMessage(outgoing).pipe(take(1));
}

/**
 * `delivered`; `notDelivered` when the transport knows the server does not have it (the transcript
 * read says so, or it was never sent: `errorReason: 'MessageNotDelivered'`), so it may go again —
 * but not after a timeout, where a slow server may still store it; else `failed` (refused, or its
 * fate unknown: never sent twice).
 */
export function outboxVerdict(outcome: Outcome): OutboxVerdict {
  if (outcome.ok) return 'delivered';
  const failure = outcome.failure as { errorReason?: unknown; statusText?: unknown };
  return failure.errorReason === 'MessageNotDelivered' && failure.statusText !== 'timeout' ? 'notDelivered' : 'failed';
}
