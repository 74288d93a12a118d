import { Observable, concat, defer, finalize, map, of, tap, EMPTY } from 'rxjs';
import type { ResolvedConfig } from '../../model/config';
import type { ErrorEventData } from '../../model/results';
import { nexusPollDelay } from '../../operators/nexusPollDelay';
import type { Platform } from '../../platform/platform';
import type { ReceiveSignal } from '../transport';
import { nexusErrorCode } from './classifyNexusResponse';
import type { NexusReply } from './nexusCall';
import type { NexusCursor } from './nexusCursor';
import { nexusError } from './nexusError';
import { nexusOutcome } from './nexusOutcome';
import type { NexusPage } from './nexusPages';
import type { NexusPolled } from './nexusReceive';
import type { NexusMessagesQuery } from './nexusRequests';

/** How far a session trusts the server's cursor (§7, §11.2); shared by its polls and its own reads. */
export interface NexusReadState {
  /** The next poll sends `index=` (after a failed read, a pause, a restore). */
  resumeFromIndex: boolean;
  /**
   * Product rule (issue 6): once a poll may still land on the server after the client gave up on it
   * (a timeout), or another page may have left one behind (a sync restore shares its token; an
   * async resume gets a transportId of its own, §6.1), the server-side cursor (§7) can move past
   * messages nobody receives — so from then on every poll carries `index=<last raw index>`.
   */
  cursorUntrusted: boolean;
}

/** What a session's polls need. */
export interface NexusPollDeps {
  config: ResolvedConfig;
  platform: Platform;
  cursor: NexusCursor;
  state: NexusReadState;
  fetchPage(query: NexusMessagesQuery): Observable<NexusPage>;
  /** What a page means: the loss, or its batch (cursor persisted after it) and `ended`. */
  pageSignals(page: NexusPage): Observable<ReceiveSignal>;
}

/** The cross-tab poll stamp (wire §10), under this exact name in `localStorage` (the platform's `crossTabStorage`). */
const pollPendingKey = '_genesys.widgets.chatPollPending';

/** §11.2: after a failed read the next poll resumes from the last index; after a timeout every poll does (issue 6). */
export function readFailed(state: NexusReadState, reply: NexusReply): void {
  state.resumeFromIndex = true;
  if (reply.response.status === 0 && reply.response.statusText === 'timeout') state.cursorUntrusted = true;
}

/**
 * One Nexus poll for {@link nexusReceive}: `GET messages` (with `index=` when the cursor says so),
 * its outcome, the next gap (`nexusPollDelay`, a 429 is no failure) and its signals — `health` with
 * the §9 `error` once per run of the same failure, then what the page means.
 *
 * Wire §10 / contract §11.2 (SHOULD): a cross-tab guard. Another tab's poll that started less than
 * `ajaxTimeout` ago skips this turn (`'busy'`); an older stamp is stale. This tab's own stamp goes
 * when its poll ends, however it ends.
 *
 * @example
 * const pollOnce = nexusPoll({ config, platform, cursor, state, fetchPage, pageSignals });
 */
export function nexusPoll(deps: NexusPollDeps): () => Observable<NexusPolled> {
  const { config, platform, cursor, state } = deps;
  const delayConfig = { pollTimeout: config.transport.pollTimeout, pollIntervalMultiplier: config.transport.pollIntervalMultiplier, max: config.backoffMax };
  let failures = 0;
  /** The `status` of the poll failure whose `error` went out last; a good poll clears it. */
  let reported: string | undefined;

  /** Wire §9 "anything else": a failed poll naming a Nexus `status.code` (not INVALID_SESSION, not 429) is an `error`. */
  const pollError = (reply: NexusReply): ErrorEventData | undefined => {
    if (reply.verdict === 'ok') reported = undefined;
    if (reply.verdict === 'ok' || reply.verdict === 'sessionLost' || reply.response.status === 429 || !nexusErrorCode(reply.body)) return undefined;
    const status = JSON.stringify(reply.body.status);
    if (status === reported) return undefined;
    reported = status;
    return nexusError(reply.body);
  };

  const polled = (): Observable<NexusPolled> =>
    defer(() => {
      let answered = false;
      // Nothing seen yet resumes from the start (`index=0`, the one index the client makes up; UNCONFIRMED
      // that a real server reads it as "from the first", §7): a failed first poll may have moved the
      // server's cursor past messages nobody received.
      return deps.fetchPage(state.resumeFromIndex || state.cursorUntrusted ? { index: cursor.last?.raw ?? 0 } : {}).pipe(
        tap(() => (answered = true)),
        // A poll given up on before its answer (stop, sleep, a read of our own) may still reach the
        // server and move its cursor (§7), as after a timeout: from then on every poll names its index.
        finalize(() => {
          if (!answered) state.cursorUntrusted = true;
        }),
      );
    }).pipe(
      map((page) => {
        const outcome = nexusOutcome(page.reply, platform.now());
        if (page.reply.verdict === 'ok') {
          failures = 0;
          state.resumeFromIndex = false;
        } else {
          readFailed(state, page.reply);
          if (page.reply.response.status !== 429) failures += 1;
        }
        const error = pollError(page.reply);
        const health = of<ReceiveSignal>({ type: 'health', verdict: page.reply.verdict, ...(error ? { error } : {}) });
        return { outcome, delayMs: nexusPollDelay(failures, delayConfig, outcome.ok ? undefined : outcome.retryAfterMs), signals: concat(health, deps.pageSignals(page)) };
      }),
    );

  return () =>
    defer(() => {
      const storage = platform.crossTabStorage ?? platform.storage;
      const now = platform.now();
      const stamp = String(now);
      const held = storage.get(pollPendingKey);
      // No stamp, a garbled one (NaN) or one from the future (another clock) guards nothing.
      const age = held ? now - Number(held) : NaN;
      if (age >= 0 && age < config.ajaxTimeout) return of<NexusPolled>({ outcome: 'busy', delayMs: nexusPollDelay(failures, delayConfig), signals: EMPTY });
      storage.set(pollPendingKey, stamp);
      return polled().pipe(finalize(() => storage.get(pollPendingKey) === stamp && storage.remove(pollPendingKey)));
    });
}
