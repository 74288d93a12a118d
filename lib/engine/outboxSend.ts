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
 * `delivered`; `notDelivered` when the server certainly does not have it, so it may go again: the
 * transcript read says so, or it was never sent (`errorReason: 'MessageNotDelivered'`, but not after
 * a timeout, where a slow server may still store it), or the server answered a transient failure
 * itself (a 5xx or `statusCode: 1` with its own error body: it did not take the message); else
 * `failed` (refused, or its fate unknown: never sent twice).
 */
export function outboxVerdict(outcome: Outcome): OutboxVerdict {
  if (outcome.ok) return 'delivered';
  const failure = outcome.failure as { errorReason?: unknown; statusText?: unknown; status?: unknown };
  if (failure.errorReason === 'MessageNotDelivered') return failure.statusText === 'timeout' ? 'failed' : 'notDelivered';
  const status = typeof failure.status === 'number' ? failure.status : 0;
  const transient = outcome.verdict === 'serverBusy' || (outcome.verdict === 'serverError' && (status >= 500 || status === 429 || status === 408));
  return failure.errorReason === undefined && transient ? 'notDelivered' : 'failed';
}
