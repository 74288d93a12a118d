import { filter, map, mergeMap, of, scan, take, throwError } from 'rxjs';
import type { Observable } from 'rxjs';
import { OutboxRejections, sendQueueTimedOut } from '../model/outbox';
import type { WebChatState } from '../model/state';

type Outcome = { ok: true } | { ok: false; reason: string } | null;

/**
 * A relayed send whose leading tab went while it waited in the outbox (issues 13 and 14): its
 * outcome as the tab's replicated state shows it. The next leader restores the entry from storage
 * and sends it; the call resolves (with `undefined`: the transport's answer stayed in the other
 * tab) when the entry shows `sent`; it rejects with the send's texts when the entry shows `failed`
 * (a send that was on its way when the leader went is `failed` with
 * {@link OutboxRejections.interrupted}), when the chat is over, or when the entry, once the next
 * leader showed it, leaves without being sent (discarded). The next leader's first state may come
 * before it reloaded its outbox: an entry missing before it was shown again is still waited for.
 *
 * @example
 * followSend(tab.state$, 'k2x-1-abc', config.sendQueueTimeout).subscribe({ next: sent, error: show });
 */
export function followSend(state$: Observable<WebChatState>, entry: string, sendQueueTimeout: number): Observable<unknown> {
  return state$.pipe(
    // `shown`: present in a state heard since the follow began (the first, replayed one is the old leader's).
    scan((seen: { count: number; shown: boolean; outcome: Outcome }, state) => {
      const item = state.outbox.find((e) => e.id === entry);
      const shown = seen.shown || (seen.count > 0 && item !== undefined);
      return { count: seen.count + 1, shown, outcome: outcomeOf(state, item, seen.shown) };
    }, { count: 0, shown: false, outcome: null }),
    map((seen) => seen.outcome),
    filter((outcome) => outcome !== null),
    take(1),
    mergeMap((outcome) => (outcome.ok ? of(undefined) : throwError(() => outcome.reason))),
  );

  function outcomeOf(state: WebChatState, item: WebChatState['outbox'][number] | undefined, shown: boolean): Outcome {
    if (item?.status === 'sent') return { ok: true };
    if (item?.status === 'failed') return { ok: false, reason: item.failure === 'timeout' ? sendQueueTimedOut(sendQueueTimeout) : OutboxRejections.interrupted };
    // A tab's state shows the session active throughout a hand-over (the restore's own states are not published).
    if (!state.sessionActive) return { ok: false, reason: OutboxRejections.ended };
    if (!item && shown) return { ok: false, reason: OutboxRejections.discarded };
    return null;
  }
}
