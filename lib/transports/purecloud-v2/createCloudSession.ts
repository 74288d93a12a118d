import { Observable, Subject, map, of, tap } from 'rxjs';
import type { CloudSessionData } from '../../model/results';
import type { HttpRequest } from '../../platform/platform';
import type { Outcome, ReceiveSignal, TransportSession } from '../transport';
import { replyOutcome } from './cloudCall';
import type { CloudReply } from './cloudCall';
import { cloudHistory } from './cloudHistory';
import { cloudPagesAfter } from './cloudPagesAfter';
import { cloudReceive } from './cloudReceive';
import { cloudSend } from './cloudSend';
import { cloudSessionLost } from './cloudSessionLost';
import type { CloudSessionParts } from './cloudSessionParts';

export type { CloudSessionParts } from './cloudSessionParts';

/**
 * A running Genesys Cloud guest chat (`wire-purecloud-v2.md` §5–§7) as a {@link TransportSession}:
 * the event stream turned into batches, health and end signals; the REST commands; history pages.
 *
 * `receive()` works through the stream's signals in order, holding later frames while an earlier
 * one waits for a member lookup or a catch-up (§5.2 item 2, {@link batchWhileBusy}):
 *
 * ```
 * start (not restore)     ─► GET members/{self}: DISCONNECTED ⇒ ended, 401/404 ⇒ sessionLost (§7 Start)
 * frame (known sender)    ─► batch
 * frame (unknown sender)  ─► GET members/{id} ─► batch (with the frames that arrived meanwhile)
 * typing-indicator        ─► a side-effect-only TypingStarted (contract §12.2)
 * member-change self DISCONNECTED ─► GET members/{self} ─► ended if confirmed (§5.2 item 7)
 * lost                    ─► health networkDown (disconnected); sends fail fast
 * reopened                ─► GET messages?after=<last id> (+ next…) ─► batch ─► health ok (reconnected)
 *                            ─► GET members/{self}: DISCONNECTED ⇒ ended (§6 step 3)
 * own member-leave        ─► batch, then ended 1000 ms later (§5.2 item 5)
 * 401/404 on a send, typing or history call ─► sessionLost (§6 step 5)
 * send without an answer (status 0, 5xx, garbled 2xx) ─► GET messages?after=<newest> ─► resolved if there,
 *                            else MessageNotDelivered / MessageDeliveryUnknown (contract §6.4, never resent)
 * ```
 *
 * @example
 * const session = createCloudSession(parts);
 * session.receive(control$).subscribe((signal) => engine.onSignal(signal));
 *
 * @param parts The shared transport parts and this conversation's state.
 */
export function createCloudSession(parts: CloudSessionParts): TransportSession {
  const { platform, keys, requests, call, identity, connection } = parts;
  /** §6 step 5 (product): a 401/404 on the guest's own calls means the conversation or its token is gone. */
  const lost$ = new Subject<ReceiveSignal>();
  const own = (request: HttpRequest): Observable<CloudReply> =>
    call(request).pipe(tap((reply) => reply.verdict === 'sessionLost' && lost$.next(cloudSessionLost(reply, platform.now()))));
  const pagesAfter = cloudPagesAfter(parts);

  return {
    sessionData: (): CloudSessionData => keys.sessionData(),
    receive: cloudReceive(parts, { lost$, pagesAfter }),
    sendMessage: cloudSend(parts, { own, pagesAfter }),
    // §7: no typing preview reaches a Cloud agent.
    preview: () => undefined,
    // §2.4: there is no stop-typing call; the agent's side expires the indicator.
    typing: (isTyping) =>
      isTyping ? own(requests.typing(identity)).pipe(map((reply) => replyOutcome(reply, platform.now()))) : of<Outcome>({ ok: true, verdict: 'ok', body: {} }),
    end: () => call(requests.deleteMember(identity)).pipe(map((reply) => replyOutcome(reply, platform.now()))),
    fetchHistory: cloudHistory(parts, own),
    forget: () => {
      connection.close();
      keys.clear();
    },
  };
}
