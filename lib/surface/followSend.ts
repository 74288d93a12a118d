import { filter, map, mergeMap, of, take, throwError } from 'rxjs';
import type { Observable } from 'rxjs';
import { OutboxRejections, sendQueueTimedOut } from '../model/outbox';
import type { WebChatState } from '../model/state';

/**
 * A relayed send whose leading tab went while it waited in the outbox (issues 13 and 14): its
 * outcome as the tab's replicated state shows it. The next leader restores the entry from storage
 * and sends it; the call resolves (with `undefined`: the transport's answer stayed in the other
 * tab) when the entry shows `sent`, rejects with the send's texts when it shows `failed` (a send
 * that was on its way when the leader went is `failed` with {@link OutboxRejections.interrupted})
 * or when the chat is over. An entry discarded meanwhile leaves the call to its settle bound.
 *
 * @example
 * followSend(tab.state$, 'k2x-1-abc', config.sendQueueTimeout).subscribe({ next: sent, error: show });
 */
export function followSend(state$: Observable<WebChatState>, entry: string, sendQueueTimeout: number): Observable<unknown> {
  return state$.pipe(
    map((state) => {
      const item = state.outbox.find((e) => e.id === entry);
      if (item?.status === 'sent') return { ok: true as const };
      if (item?.status === 'failed') return { ok: false as const, reason: item.failure === 'timeout' ? sendQueueTimedOut(sendQueueTimeout) : OutboxRejections.interrupted };
      // A tab's state shows the session active throughout a hand-over (the restore's own states are not published).
      if (!state.sessionActive) return { ok: false as const, reason: OutboxRejections.ended };
      return null;
    }),
    filter((outcome) => outcome !== null),
    take(1),
    mergeMap((outcome) => (outcome.ok ? of(undefined) : throwError(() => outcome.reason))),
  );
}
