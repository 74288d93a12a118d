import { BehaviorSubject, EMPTY, Observable, Subject, concat, defer, distinctUntilChanged, finalize, map, merge, of, tap } from 'rxjs';
import type { NexusSessionData } from '../../model/results';
import type { HttpRequest } from '../../platform/platform';
import type { Outcome, RawBatch, ReceiveSignal } from '../transport';
import { ownSends } from '../shared/ownSends';
import type { NexusReply } from './nexusCall';
import { nexusCursor } from './nexusCursor';
import { nexusError } from './nexusError';
import { nexusHistory } from './nexusHistory';
import { nexusOutcome } from './nexusOutcome';
import { isTruthyFlag, nexusPages } from './nexusPages';
import type { NexusPage } from './nexusPages';
import { nexusPoll } from './nexusPoll';
import type { NexusReadState } from './nexusPoll';
import { nexusReceive } from './nexusReceive';
import type { NexusCredentials, NexusMessagesQuery } from './nexusRequests';
import { nexusSend } from './nexusSend';
import type { NexusSession, NexusSessionContext } from './nexusSessionContext';

export type { NexusPage } from './nexusPages';
export type { NexusSession, NexusSessionContext } from './nexusSessionContext';

/**
 * One Nexus chat session (`wire-nexus-v3.md` §6–§11): the receive loop ({@link nexusPoll}), sends
 * ({@link nexusSend}), typing, end, userData, image upload, history ({@link nexusHistory}), and the
 * persistence of its cursor — `…index`/`…ping` in sync mode, `getSessionData({messageIndex, token})`
 * in async mode, after every delivered batch.
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
  /** How many reads of the session's own run now; the poll loop pauses while any does (wire §11.3: every `GET messages` moves the server's cursor). */
  const ownReads$ = new BehaviorSubject(0);
  const cursor = nexusCursor();
  const state: NexusReadState = { resumeFromIndex: resume, cursorUntrusted: resume && keys !== undefined };
  const sends = ownSends();
  let lost = false;
  let forgotten = false;
  let lastBody: unknown = {};
  const pages = nexusPages(platform, call, requests, credentials);
  const fetchPage = (query: NexusMessagesQuery) => pages(query).pipe(tap((page) => (lastBody = page.reply.body)));
  const readAlone = (query: NexusMessagesQuery): Observable<NexusPage> =>
    defer(() => {
      ownReads$.next(ownReads$.value + 1);
      return fetchPage(query).pipe(finalize(() => ownReads$.next(ownReads$.value - 1)));
    });

  const sessionData = (): NexusSessionData => ({ participantId: credentials.participantId, sessionId: credentials.sessionId, token: credentials.token, transportId: credentials.transportId });

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

  const send = nexusSend({ config, platform, cursor, state, sends, request: (text) => requests.send(credentials, 'Text', text), command: (request) => command(request, true), readAlone, pageSignals, emit: (signal) => events$.next(signal) });
  const pollOnce = nexusPoll({ config, platform, cursor, state, fetchPage, pageSignals });
  const lostPage = (page: NexusPage) => !lost && events$.next(lose(page.reply));
  const readingAlone$ = ownReads$.pipe(map((count) => count > 0), distinctUntilChanged());

  return {
    sessionData,
    fetchPage: (query) => fetchPage(query).pipe(tap((page) => page.reply.verdict === 'ok' && track(page.batch))),
    persist: () => persist(),
    lose,
    receive: (control$) => nexusReceive(control$, { pollOnce, paused: () => (state.resumeFromIndex = true), readingAlone$, events$: merge(events$, context.answered$), scheduler: platform.scheduler }),
    sendMessage: (outgoing) => send(outgoing.message),
    // The preview travels in the typing messages (§12.1), not on the poll.
    preview: () => undefined,
    typing: (isTyping, preview) => command(requests.send(credentials, isTyping ? 'TypingStarted' : 'TypingStopped', preview), true),
    // §6.4: the service tears down whatever the end request answers; a 404 there is no "loss".
    end: () => call(requests.end(credentials)).pipe(map((reply) => nexusOutcome(reply, platform.now()))),
    updateUserData: (userData) => command(requests.userData(credentials, userData), false),
    sendFile: (file, fileName) => command(requests.uploadImage(credentials, file, fileName), false),
    fetchHistory: nexusHistory({ config, platform, cursor, readAlone, lost: lostPage, track }),
    forget: () => {
      if (forgotten) return;
      forgotten = true;
      keys?.clear();
      // The session is over (end, chatEnded): stored async data would only restore a dead chat.
      if (!lost) asyncStorage?.remove({ sessionData: sessionData(), response: lastBody });
    },
  };
}

/** §6.3: the shipped client reads a top-level `chatEnded == 1`; `data.chatEnded` is accepted too. */
function sendEnded(body: Record<string, unknown>): boolean {
  const data = body.data as { chatEnded?: unknown } | undefined;
  return isTruthyFlag(body.chatEnded) || isTruthyFlag(data?.chatEnded);
}
