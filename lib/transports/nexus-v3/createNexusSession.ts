import { BehaviorSubject, EMPTY, Observable, Subject, concat, concatMap, defer, distinctUntilChanged, endWith, finalize, ignoreElements, map, of, switchMap, tap } from 'rxjs';
import type { ResolvedConfig } from '../../model/config';
import type { ErrorEventData, NexusSessionData } from '../../model/results';
import { nexusPollDelay } from '../../operators/nexusPollDelay';
import type { HttpRequest, Platform } from '../../platform/platform';
import type { Outcome, RawBatch, RawItem, ReceiveSignal, TransportSession } from '../transport';
import { blobToDataUrl } from './blobToDataUrl';
import { inlineNexusImages } from './inlineNexusImages';
import type { NexusAsyncStorage } from './nexusAsyncStorage';
import type { NexusCaller, NexusReply } from './nexusCall';
import { nexusCursor } from './nexusCursor';
import type { NexusMark } from './nexusCursor';
import { nexusErrorCode } from './classifyNexusResponse';
import { nexusError } from './nexusError';
import type { NexusKeys } from './nexusKeys';
import { nexusOutcome } from './nexusOutcome';
import { nexusReceive } from './nexusReceive';
import type { NexusPolled } from './nexusReceive';
import type { NexusCredentials, NexusMessagesQuery, NexusRequests } from './nexusRequests';
import { nexusIndexKey } from './nexusIndexKey';
import type { NexusMessage } from './nexusWire';
import { normalizeNexusMessage } from './normalizeNexusMessage';
import { isRecord } from '../shared/isRecord';
import { ownSends } from '../shared/ownSends';
import { settleDelivery } from '../shared/settleDelivery';

/** What every Nexus session of one transport shares. */
export interface NexusSessionContext {
  config: ResolvedConfig;
  platform: Platform;
  call: NexusCaller;
  requests: NexusRequests;
  /** Sync mode: the persisted keys (`contract.md` §14.1). */
  keys?: NexusKeys;
  /** Async mode: the integrator's storage (`contract.md` §14.5). */
  asyncStorage?: NexusAsyncStorage;
}

/** A fetched page of messages, normalized into a batch, with the reply it came from. */
export interface NexusPage {
  reply: NexusReply;
  batch: RawBatch;
  chatEnded: boolean;
}

/** A {@link TransportSession} that also fetches pages for the restore replay. */
export interface NexusSession extends TransportSession {
  /** `GET messages` with `index`/`count`, images inlined; the page's items become the cursor. */
  fetchPage(query: NexusMessagesQuery): Observable<NexusPage>;
  /** Persist the cursor and call `getSessionData` (after a restore replay was handed over). */
  persist(): void;
  /** Clear keys and call `deleteSessionData`, once (session lost); the `sessionLost` signal to publish. */
  lose(reply: NexusReply): Extract<ReceiveSignal, { type: 'sessionLost' }>;
}

/**
 * One Nexus chat session (`wire-nexus-v3.md` §6–§11): the receive loop, sends, typing, end,
 * userData, image upload, history paging, and the persistence of its cursor — `…index`/`…ping` in
 * sync mode, `getSessionData({messageIndex, token})` in async mode, after every delivered batch.
 *
 * `INVALID_SESSION` (or 404) on any call but the end request clears the keys, calls
 * `deleteSessionData` and makes `receive` emit `sessionLost` (then complete); a send reply with
 * `chatEnded` (top-level or in `data`, §6.3) makes it emit `ended`.
 *
 * @example
 * const session = createNexusSession(context, { sessionId, participantId, transportId, token }, false);
 * session.receive(control$).subscribe(onSignal);
 *
 * @param context Config, platform, caller, request builders and the persistence of this mode.
 * @param credentials The session ids and its current `clientToken`.
 * @param resume Whether polls must send `index=` (after a restore: the replay came from `count=`, and the
 *   page before may have left a poll on the server that moves the shared cursor).
 */
export function createNexusSession(context: NexusSessionContext, credentials: NexusCredentials, resume: boolean): NexusSession {
  const { config, platform, call, requests, keys, asyncStorage } = context;
  const events$ = new Subject<ReceiveSignal>();
  /** How many reads of the session's own run now; the poll loop pauses while any does (see `alone`). */
  const ownReads$ = new BehaviorSubject(0);
  const readingAlone$ = ownReads$.pipe(
    map((count) => count > 0),
    distinctUntilChanged(),
  );
  /**
   * Runs a read of the transcript with the poll loop paused (wire §11.3): every `GET messages`
   * moves the server's cursor (§7), so a poll without `index=` in flight beside it could bring a later
   * message first and the earlier ones after it (found by the soak). The loop aborts its poll and
   * resumes with `index=` once no such read runs.
   */
  const alone = <T>(read$: Observable<T>): Observable<T> =>
    defer(() => {
      ownReads$.next(ownReads$.value + 1);
      return read$.pipe(finalize(() => ownReads$.next(ownReads$.value - 1)));
    });
  const delayConfig = {
    pollTimeout: config.transport.pollTimeout,
    pollIntervalMultiplier: config.transport.pollIntervalMultiplier,
    max: config.backoffMax,
  };
  /** What this session has seen, by opaque index (§7): `last` is the resume cursor, `oldest` the history boundary. */
  const cursor = nexusCursor();
  let resumeFromIndex = resume;
  /**
   * Product rule (issue 6): once a poll may still land on the server after the client gave up on it
   * (a timeout), or another page may have left one behind (a sync restore shares its token; an
   * async resume gets a transportId of its own, §6.1), the server-side cursor (§7) can move past
   * messages nobody receives — so from then on every poll carries the client's own cursor,
   * `index=<last raw index>` (the repeated message is deduped).
   */
  let cursorUntrusted = resume && keys !== undefined;
  let failures = 0;
  let lost = false;
  let forgotten = false;
  let lastBody: unknown = {};
  /** This customer's sends until a batch shows each one's message (a send reply names no index, §6.3). */
  const sends = ownSends();
  /** The `status` of the poll failure whose `error` went out last; a good poll clears it. */
  let reported: string | undefined;

  const sessionData = (): NexusSessionData => ({
    participantId: credentials.participantId,
    sessionId: credentials.sessionId,
    token: credentials.token,
    transportId: credentials.transportId,
  });

  const fetchImage = (url: string, mime: string | undefined): Observable<string | undefined> => {
    const request = requests.image(credentials, url);
    if (!request) return of(undefined);
    return platform.http(request).pipe(
      switchMap((response) => (response.status >= 200 && response.status < 300 && response.blob ? blobToDataUrl(response.blob, mime) : of(undefined))),
    );
  };

  /** Keyed by the raw index, ordered as the server sent them (§7: the index is opaque, never sorted on). */
  const toBatch = (messages: readonly NexusMessage[]): RawBatch => {
    const now = platform.now();
    const items: RawItem[] = [];
    for (const raw of messages) {
      const key = nexusIndexKey(raw.index);
      const message = key === undefined ? undefined : normalizeNexusMessage(raw, now);
      if (key === undefined || !message) {
        platform.logger.warn('[webchat-rx nexus-v3] message without a usable index dropped', raw.type);
        continue;
      }
      items.push({ key, order: items.length, message, raw });
    }
    return { items };
  };

  /** Moves the cursor over a delivered batch; a customer message new to this session may be a send's. */
  const track = (batch: RawBatch) => {
    for (const { message } of cursor.track(batch)) {
      if (!batch.oldMessages && message.type === 'Message' && message.from.type === 'Client') sends.saw(message.text);
    }
  };

  /** The ping and cursor (sync) on every good poll; `getSessionData` (async) only when messages came. */
  const persist = (delivered = true) => {
    if (lost || forgotten) return;
    keys?.saveProgress(cursor.last?.raw, platform.now());
    if (delivered) asyncStorage?.write({ messageIndex: cursor.last?.raw ?? null, token: credentials.token });
  };

  const lose = (reply: NexusReply): Extract<ReceiveSignal, { type: 'sessionLost' }> => {
    if (!lost) {
      lost = true;
      keys?.clear();
      asyncStorage?.remove({ sessionData: sessionData(), response: reply.body });
    }
    return { type: 'sessionLost', response: reply.body, error: nexusError(reply.body, 'INVALID_SESSION') };
  };

  const fetchPage = (query: NexusMessagesQuery): Observable<NexusPage> =>
    call(requests.messages(credentials, query)).pipe(
      switchMap((reply) => {
        lastBody = reply.body;
        const data = reply.verdict === 'ok' ? (reply.body.data as { messages?: unknown; chatEnded?: unknown } | undefined) : undefined;
        // Only object entries are messages: a server's `[null, 3]` must not throw further down (issue 6).
        const messages = Array.isArray(data?.messages) ? (data.messages.filter(isRecord) as NexusMessage[]) : [];
        return inlineNexusImages(messages, fetchImage).pipe(
          map((inlined) => ({ reply, batch: toBatch(inlined), chatEnded: isTruthyFlag(data?.chatEnded) })),
        );
      }),
    );

  /**
   * Wire §9 "anything else": a failed poll naming a Nexus `status.code` is an `error` — once per run
   * of the same failure, not once per retry while backing off. `INVALID_SESSION` is a loss with its
   * own error, a 429 is no error (§9), and a network failure names no code (`disconnected`).
   */
  const pollError = (reply: NexusReply): ErrorEventData | undefined => {
    if (reply.verdict === 'ok') reported = undefined;
    if (reply.verdict === 'ok' || reply.verdict === 'sessionLost' || reply.response.status === 429 || !nexusErrorCode(reply.body)) return undefined;
    const status = JSON.stringify(reply.body.status);
    if (status === reported) return undefined;
    reported = status;
    return nexusError(reply.body);
  };

  /** What a read of messages means: the loss, or its batch, the cursor persisted right after it was handed over (§10 step 9), and `ended`. */
  const pageSignals = (page: NexusPage): Observable<ReceiveSignal> => {
    const { reply, batch, chatEnded } = page;
    if (reply.verdict === 'sessionLost') return defer(() => of(lose(reply)));
    if (reply.verdict !== 'ok') return EMPTY;
    return concat(
      batch.items.length > 0 ? of<ReceiveSignal>({ type: 'batch', batch }) : EMPTY,
      defer(() => {
        track(batch);
        persist(batch.items.length > 0);
        return chatEnded ? of<ReceiveSignal>({ type: 'ended' }) : EMPTY;
      }),
    );
  };

  /** The signals of one poll: its health (with the §9 error, if any), then what its page means. */
  const pollSignals = (page: NexusPage): Observable<ReceiveSignal> => {
    const error = pollError(page.reply);
    return concat(of<ReceiveSignal>({ type: 'health', verdict: page.reply.verdict, ...(error ? { error } : {}) }), pageSignals(page));
  };

  /** §11.2: after a failed read the next poll resumes from the last index; after a timeout every poll does (issue 6). */
  const readFailed = (reply: NexusReply) => {
    resumeFromIndex = true;
    if (reply.response.status === 0 && reply.response.statusText === 'timeout') cursorUntrusted = true;
  };

  /**
   * One read of the transcript for {@link settleDelivery}, from the index seen before the send (the
   * message can only be after it). The read moved the server's cursor (§7), so its messages reach
   * `receive` like a poll's (deduped there).
   */
  const readSince = (before: NexusMark | undefined): Observable<Outcome<NexusPage>> =>
    alone(fetchPage({ index: before?.raw ?? 0 })).pipe(
      concatMap((page) => {
        if (page.reply.verdict !== 'ok') readFailed(page.reply);
        const outcome = nexusOutcome(page.reply, platform.now());
        return pageSignals(page).pipe(
          tap((signal) => events$.next(signal)),
          ignoreElements(),
          endWith<Outcome<NexusPage>>(outcome.ok ? { ...outcome, body: page } : outcome),
        );
      }),
    );

  /**
   * `sendMessage` (contract §6.4): a send Nexus gave no answer to (network, timeout, 5xx, a garbled
   * 2xx) is settled from the transcript, never resent: `ok` when a customer message with that text
   * came after the index seen before the send and is not an earlier send's ({@link ownSends}), else
   * `MessageNotDelivered`/`MessageDeliveryUnknown`.
   */
  const sendMessage = (text: string): Observable<Outcome> =>
    defer(() => {
      // The send lane sends one at a time: this message can only come after what was seen before it.
      const before = cursor.last;
      const own = sends.start(text);
      return command(requests.send(credentials, 'Text', text), true).pipe(
        concatMap((outcome) =>
          outcome.ok || 'errors' in outcome.failure || (outcome.verdict !== 'networkDown' && outcome.verdict !== 'serverError')
            ? of(outcome)
            : settleDelivery(outcome, {
                read: () => readSince(before),
                // The read's batch went through `track` before this is asked: did a message of this text fall to this send?
                found: () => own.seen,
                attempts: 3,
                firstReadAfter: 'statusText' in outcome.failure && outcome.failure.statusText === 'timeout' ? config.ajaxTimeout : 0,
                backoff: { base: config.transport.pollTimeout, max: config.backoffMax },
                random: platform.random,
                scheduler: platform.scheduler,
              }).pipe(map((settled): Outcome => (settled.ok ? { ...settled, body: settled.body.reply.body } : settled))),
        ),
        tap((outcome) => own.settle(outcome.ok)),
      );
    });

  /**
   * Wire §10 / contract §11.2 (SHOULD): a cross-tab guard. Another tab's poll that started less than
   * `ajaxTimeout` ago skips this turn (the normal gap follows; a `poll` command hears `'busy'`); an
   * older stamp is stale. This tab's own stamp goes when its poll ends, however it ends.
   */
  const pollOnce = (): Observable<NexusPolled> =>
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

  /** One `GET messages`: its outcome, the next gap (§11.2 backoff, `index=` resume) and its signals. */
  const polled = (): Observable<NexusPolled> =>
    defer(() => {
      let answered = false;
      // Nothing seen yet resumes from the start (`index=0`, the one index the client makes up; UNCONFIRMED
      // that a real server reads it as "from the first", §7): a failed first poll may have moved the
      // server's cursor past messages nobody received.
      return fetchPage(resumeFromIndex || cursorUntrusted ? { index: cursor.last?.raw ?? 0 } : {}).pipe(
        tap(() => (answered = true)),
        // A poll given up on before its answer (stop, sleep, a read of our own) may still reach the
        // server and move its cursor (§7), as after a timeout: from then on every poll names its index.
        finalize(() => {
          if (!answered) cursorUntrusted = true;
        }),
      );
    }).pipe(
      map((page) => {
        const outcome = nexusOutcome(page.reply, platform.now());
        if (page.reply.verdict === 'ok') {
          failures = 0;
          resumeFromIndex = false;
        } else {
          // A 429 is not a failure (§11.2).
          readFailed(page.reply);
          if (page.reply.response.status !== 429) failures += 1;
        }
        const retryAfterMs = outcome.ok ? undefined : outcome.retryAfterMs;
        return { outcome, delayMs: nexusPollDelay(failures, delayConfig, retryAfterMs), signals: pollSignals(page) };
      }),
    );

  /** A command on the session: its outcome; `INVALID_SESSION` and `chatEnded` also reach `receive`. */
  const command = (request: HttpRequest, watchEnd: boolean): Observable<Outcome> =>
    call(request).pipe(
      tap((reply) => {
        lastBody = reply.body;
        if (reply.verdict === 'sessionLost' && !lost) events$.next(lose(reply));
        else if (watchEnd && reply.verdict === 'ok' && sendEnded(reply.body)) events$.next({ type: 'ended' });
      }),
      map((reply) => nexusOutcome(reply, platform.now())),
    );

  return {
    sessionData,
    fetchPage: (query) => fetchPage(query).pipe(tap((page) => page.reply.verdict === 'ok' && track(page.batch))),
    persist: () => persist(),
    lose,
    receive: (control$) =>
      nexusReceive(control$, {
        pollOnce,
        paused: () => (resumeFromIndex = true),
        readingAlone$,
        events$,
        scheduler: platform.scheduler,
      }),
    sendMessage: (outgoing) => sendMessage(outgoing.message),
    typing: (isTyping, preview) => command(requests.send(credentials, isTyping ? 'TypingStarted' : 'TypingStopped', preview), true),
    // §6.4: the service tears down whatever the end request answers; a 404 there is no "loss".
    end: () => call(requests.end(credentials)).pipe(map((reply) => nexusOutcome(reply, platform.now()))),
    updateUserData: (userData) => command(requests.userData(credentials, userData), false),
    sendFile: (file, fileName) => command(requests.uploadImage(credentials, file, fileName), false),
    fetchHistory: () =>
      defer(() => {
        const boundary = cursor.oldest;
        if (!boundary) return of<Outcome<{ end: true }>>({ ok: true, body: { end: true }, verdict: 'ok' });
        // §11.3: polling pauses around the history request and resumes with `index=`.
        return alone(fetchPage({ index: boundary.raw, count: config.transport.maxMessagePageSize })).pipe(
          map((page) => {
            if (page.reply.verdict === 'sessionLost' && !lost) events$.next(lose(page.reply));
            const outcome = nexusOutcome(page.reply, platform.now());
            if (!outcome.ok) return outcome;
            // The page ends at the boundary inclusive: keep what the server put before it.
            const older = cursor.olderThan(boundary, page.batch.items);
            if (older.length === 0) return { ok: true as const, body: { end: true as const }, verdict: 'ok' as const };
            const batch: RawBatch = { items: older, oldMessages: true };
            track(batch);
            return { ok: true as const, body: { batch, response: page.reply.body }, verdict: 'ok' as const };
          }),
        );
      }),
    forget: () => {
      if (forgotten) return;
      forgotten = true;
      keys?.clear();
      // The session is over (end, chatEnded): stored async data would only restore a dead chat.
      if (!lost) asyncStorage?.remove({ sessionData: sessionData(), response: lastBody });
    },
  };
}

/** The cross-tab poll stamp (wire §10), under this exact name in `localStorage` (the platform's `crossTabStorage`). */
const pollPendingKey = '_genesys.widgets.chatPollPending';

/** §6.3: the shipped client reads a top-level `chatEnded == 1`; `data.chatEnded` is accepted too. */
function sendEnded(body: Record<string, unknown>): boolean {
  const data = body.data as { chatEnded?: unknown } | undefined;
  return isTruthyFlag(body.chatEnded) || isTruthyFlag(data?.chatEnded);
}

function isTruthyFlag(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || value === 'true';
}
