import { Observable, concatMap, defer, endWith, ignoreElements, map, of, tap } from 'rxjs';
import type { ResolvedConfig } from '../../model/config';
import type { HttpRequest, Platform } from '../../platform/platform';
import type { OwnSends } from '../shared/ownSends';
import { firstReadAfter, settleDelivery } from '../shared/settleDelivery';
import type { Outcome, ReceiveSignal } from '../transport';
import type { NexusCursor } from './nexusCursor';
import { nexusOutcome } from './nexusOutcome';
import type { NexusPage } from './nexusPages';
import { readFailed } from './nexusPoll';
import type { NexusReadState } from './nexusPoll';
import type { NexusMessagesQuery } from './nexusRequests';

/** What `sendMessage` needs from its session. */
export interface NexusSendDeps {
  config: ResolvedConfig;
  platform: Platform;
  cursor: NexusCursor;
  state: NexusReadState;
  sends: OwnSends;
  /** The send request for a text. */
  request(text: string): HttpRequest;
  /** A command on the session (its loss and `chatEnded` reach `receive`). */
  command(request: HttpRequest): Observable<Outcome>;
  /** A read of the session's own, polling paused around it (§11.3). */
  readAlone(query: NexusMessagesQuery): Observable<NexusPage>;
  pageSignals(page: NexusPage): Observable<ReceiveSignal>;
  /** Hands a signal to `receive`. */
  emit(signal: ReceiveSignal): void;
}

/**
 * `sendMessage` on Nexus (contract §6.4): a send Nexus gave no answer to (network, timeout, 5xx, a
 * garbled 2xx) is settled from the transcript by the shared {@link settleDelivery}, never resent:
 * `ok` when a customer message with that text came after the index seen before the send and is not
 * an earlier send's ({@link OwnSends}), else `MessageNotDelivered`/`MessageDeliveryUnknown`. The
 * read moved the server's cursor (§7), so its messages reach `receive` like a poll's (deduped there).
 *
 * @example
 * sendMessage: (outgoing) => nexusSend(deps)(outgoing.message)
 */
export function nexusSend(deps: NexusSendDeps): (text: string) => Observable<Outcome> {
  const { config, platform } = deps;
  const readSince = (index: number | string): Observable<Outcome<NexusPage>> =>
    deps.readAlone({ index }).pipe(
      concatMap((page) => {
        if (page.reply.verdict !== 'ok') readFailed(deps.state, page.reply);
        const outcome = nexusOutcome(page.reply, platform.now());
        return deps.pageSignals(page).pipe(
          tap((signal) => deps.emit(signal)),
          ignoreElements(),
          endWith<Outcome<NexusPage>>(outcome.ok ? { ...outcome, body: page } : outcome),
        );
      }),
    );
  return (text) =>
    defer(() => {
      // The send lane sends one at a time: this message can only come after what was seen before it.
      const before = deps.cursor.last?.raw ?? 0;
      const own = deps.sends.start(text);
      return deps.command(deps.request(text)).pipe(
        concatMap((outcome) =>
          outcome.ok || 'errors' in outcome.failure || (outcome.verdict !== 'networkDown' && outcome.verdict !== 'serverError')
            ? of(outcome)
            : settleDelivery(outcome, {
                read: () => readSince(before),
                // The read's batch went through `track` before this is asked: did a message of this text fall to this send?
                found: () => own.seen,
                attempts: 3,
                firstReadAfter: firstReadAfter(outcome.failure, config.ajaxTimeout),
                backoff: { base: config.transport.pollTimeout, max: config.backoffMax },
                random: platform.random,
                scheduler: platform.scheduler,
              }).pipe(map((settled): Outcome => (settled.ok ? { ...settled, body: settled.body.reply.body } : settled))),
        ),
        tap((outcome) => own.settle(outcome.ok)),
      );
    });
}
