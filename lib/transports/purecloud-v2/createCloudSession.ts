import { EMPTY, Observable, Subject, concat, concatMap, defer, finalize, map, merge, of, switchMap, take, tap, throwError, timer } from 'rxjs';
import type { ResolvedConfig } from '../../model/config';
import type { CloudSessionData } from '../../model/results';
import { backoff } from '../../operators/backoff';
import type { HttpRequest, Platform } from '../../platform/platform';
import type { Outcome, RawItem, ReceiveSignal, TransportSession } from '../transport';
import { batchWhileBusy } from './batchWhileBusy';
import { classifyFrame } from './classifyFrame';
import { replyOutcome } from './cloudCall';
import type { CloudReply } from './cloudCall';
import { cloudErrors } from './cloudErrors';
import { cloudFailure } from './cloudFailure';
import type { CloudIdentity, CloudKeys } from './cloudKeys';
import type { CloudRequests, MessageQuery } from './cloudRequests';
import type { CloudTranscript, LiveEvent } from './cloudTranscript';
import { fetchMessagePages } from './fetchMessagePages';
import type { MessagePages } from './fetchMessagePages';
import type { HeldConnection } from './heldConnection';
import type { MemberRoster } from './memberRoster';
import type { ResponseGate } from './responseGate';
import type { ConnectionSignal } from './socketConnection';
import { isWebChatMessage } from './isWebChatMessage';
import type { MemberChangeEvent, WebChatMessageEntityList } from './wire';
import { retryAfterMs } from '../../platform/retryAfterMs';
import { sameTurn } from './sameTurn';
import { verifyCloudDelivery } from './verifyCloudDelivery';

/** What a cloud session is made of: the transport's shared parts and this conversation's state. */
export interface CloudSessionParts {
  config: ResolvedConfig;
  platform: Platform;
  keys: CloudKeys;
  requests: CloudRequests;
  call: (request: HttpRequest) => Observable<CloudReply>;
  gate: ResponseGate;
  identity: CloudIdentity;
  /** The event stream, already open. */
  connection: HeldConnection;
  transcript: CloudTranscript;
  roster: MemberRoster;
  /** Whether `fetchHistory` already reached the first message (restore read everything, or the last page was short). */
  historyDone: boolean;
  /** A start, not a restore: once receiving, ask the server for the guest's own member (§7 Start, the §8 example). */
  confirmSelf?: boolean;
}

/** §5.2 item 5: after the guest's own `member-leave`, trailing frames get this long before the end. */
const ownLeaveGraceMs = 1000;
/** The server's page size limit (§2.5). */
const maxPage = 100;
/** Reads of the conversation that settle a send the server gave no answer to (§6.4). */
const deliveryChecks = 3;

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
  const { config, platform, keys, requests, call, gate, identity, connection, transcript, roster } = parts;
  const { scheduler } = platform;
  const selfId = identity.memberId;
  let historyDone = parts.historyDone;
  /** Ids of the messages this session's sends were answered with or settled by (see verifyCloudDelivery). */
  const claimed = new Set<string>();

  const reconnectBackoff = {
    base: config.transport.socketReconnectInterval,
    max: config.backoffMax,
    random: platform.random,
    scheduler,
  };

  /**
   * Persists the cursor, then emits one batch signal: only messages handed to the service move it
   * (§15 item 2). The service delivers the batch inside `next()`, so the cursor is written first: the
   * readable session data then already names these messages, and a batch that ends the session (its
   * keys forgotten inside `next()`) leaves no key written behind it.
   */
  const emitBatch = (items: RawItem[]): Observable<ReceiveSignal> =>
    items.length === 0
      ? EMPTY
      : new Observable<ReceiveSignal>((subscriber) => {
          const newest = transcript.newestId();
          if (newest) keys.saveLastMessageId(newest);
          subscriber.next({ type: 'batch', batch: { items } });
          subscriber.complete();
        });

  const sessionLost = (reply: CloudReply): ReceiveSignal => {
    const response = cloudFailure(reply.response, platform.now());
    return { type: 'sessionLost', response, error: cloudErrors.http(reply.response.status, response) };
  };

  /** §6 step 5 (product): a 401/404 on the guest's own calls means the conversation or its token is gone. */
  const lost$ = new Subject<ReceiveSignal>();
  const own = (request: HttpRequest): Observable<CloudReply> =>
    call(request).pipe(tap((reply) => reply.verdict === 'sessionLost' && lost$.next(sessionLost(reply))));

  /** The guest is gone (own member-leave, or DISCONNECTED confirmed): the end comes after a grace period (§5.2 item 5). */
  let leaving = false;
  const leaving$ = new Subject<void>();
  const endSoon = (): Observable<never> =>
    defer(() => {
      if (!leaving) {
        leaving = true;
        leaving$.next();
      }
      return EMPTY;
    });

  /**
   * `GET members/{self}` (§5.2 item 7, §6 step 3): `sessionLost` on 401/404; when the guest is
   * DISCONNECTED, `onDisconnected` (the end, now or after the grace period).
   */
  const checkSelf = (onDisconnected: () => Observable<ReceiveSignal>): Observable<ReceiveSignal> =>
    call(requests.getMember(identity, selfId)).pipe(
      concatMap((reply): Observable<ReceiveSignal> => {
        if (reply.verdict === 'sessionLost') return of(sessionLost(reply));
        if (reply.verdict === 'ok' && reply.body.state === 'DISCONNECTED') return onDisconnected();
        return EMPTY;
      }),
    );

  /** Messages (and typing signals) to items, after every sender's role is known (§5.2 items 2–4). */
  const deliver = (events: LiveEvent[]): Observable<ReceiveSignal> => {
    const senders = events.map((event) => (event.kind === 'message' ? event.message.sender.id : event.typing.sender.id)).filter((id) => id !== selfId);
    return concat(
      roster.resolve(senders),
      defer(() => {
        const { items, ownLeft: left } = transcript.live(events, roster.get);
        // §5.2 item 5: trailing frames still get their moment before the end.
        return left ? concat(emitBatch(items), endSoon()) : emitBatch(items);
      }),
    );
  };

  /**
   * Every message after `after` (all when `null`), following `next`; network and server failures are
   * read again with backoff (§13.4), `retries` times at most (then the failed pages are the error).
   */
  const pagesAfter = (after: string | null, retries?: number): Observable<MessagePages> => {
    const query: MessageQuery = { ...(after ? { after } : {}), sortOrder: 'ascending', maxResults: maxPage };
    return defer(() => fetchMessagePages(call, requests, identity, query, true)).pipe(
      switchMap((pages) => (pages.ok || pages.reply.verdict === 'sessionLost' || pages.reply.verdict === 'refused' ? of(pages) : throwError(() => pages))),
      backoff<MessagePages>({ ...reconnectBackoff, maxAttempts: retries, retryAfterMs: (error) => retryAfterOf(error as MessagePages, platform.now()) }),
    );
  };

  /** §6 step 3: every message after the last one delivered, retried until it is read. */
  const catchUp = (after: string | null): Observable<ReceiveSignal> =>
    pagesAfter(after).pipe(
      concatMap((pages): Observable<ReceiveSignal> => {
        if (!pages.ok && pages.reply.verdict === 'sessionLost') return of(sessionLost(pages.reply));
        // A cursor the server refuses (UNCONFIRMED): read everything; the ids already seen are dropped.
        if (!pages.ok) return after ? catchUp(null) : reconnected();
        const events = pages.messages.map((message): LiveEvent => ({ kind: 'message', message }));
        const unknown = roster.unknown(pages.messages.map((message) => message.sender.id).filter((id) => id !== selfId));
        return concat(unknown.length > 0 ? roster.loadAll() : EMPTY, defer(() => deliver(events)), reconnected());
      }),
    );

  /** Back online and caught up: the held REST responses, then `reconnected`, then the guest's own state (§6 step 3). */
  let reportedDown = false;
  const reconnected = (): Observable<ReceiveSignal> =>
    concat(
      defer(() => {
        gate.up();
        reportedDown = false;
        return of<ReceiveSignal>({ type: 'health', verdict: 'ok' });
      }),
      // Caught up and still DISCONNECTED: the conversation went on without the guest; end now.
      defer(() => (leaving ? EMPTY : checkSelf(() => of<ReceiveSignal>({ type: 'ended' })))),
    );

  const memberChange = (change: MemberChangeEvent): Observable<ReceiveSignal> => {
    const { id, state } = change.member;
    if (id === selfId) {
      // §5.2 item 7: confirm with the server before ending; the own member-leave path ends it anyway.
      return state === 'DISCONNECTED' && !gate.isDown() && !leaving ? checkSelf(endSoon) : EMPTY;
    }
    const known = roster.get(id);
    if (known) {
      roster.put({ ...known, ...(state ? { state } : {}) });
      return EMPTY;
    }
    // No role in a member-change (§5.1): learn it now, before this member's first message needs it.
    return roster.resolve([id]);
  };

  /** One round of held signals, in arrival order; consecutive messages and typing signals make one batch. */
  const round = (signals: ConnectionSignal[]): Observable<ReceiveSignal> => {
    const steps: Array<() => Observable<ReceiveSignal>> = [];
    let group: LiveEvent[] = [];
    const flush = () => {
      if (group.length === 0) return;
      const events = group;
      group = [];
      steps.push(() => deliver(events));
    };
    for (const signal of signals) {
      if (signal.type === 'frame') {
        const frame = classifyFrame(signal.data);
        if (frame.kind === 'message') group.push({ kind: 'message', message: frame.message });
        else if (frame.kind === 'typing' && frame.typing.sender.id !== selfId) group.push({ kind: 'typing', typing: frame.typing });
        else if (frame.kind === 'memberChange') {
          flush();
          steps.push(() => memberChange(frame.change));
        }
        continue;
      }
      flush();
      if (signal.type === 'lost') {
        steps.push(() => {
          if (reportedDown) return EMPTY;
          reportedDown = true;
          return of<ReceiveSignal>({ type: 'health', verdict: 'networkDown' });
        });
      } else if (signal.reopened) {
        steps.push(() => catchUp(transcript.newestId() ?? keys.lastMessageId()));
      }
    }
    flush();
    return concat(...steps.map((step) => defer(step)));
  };

  // The cloud transport has no poll loop: the service's poll controls (sleep, wake, …) change nothing (§6.21).
  const receive = (): Observable<ReceiveSignal> =>
    defer(() => {
      const ended$ = leaving$.pipe(
        take(1),
        switchMap(() => timer(ownLeaveGraceMs, scheduler)),
        map((): ReceiveSignal => ({ type: 'ended' })),
      );
      const stream$ = connection.rest.pipe(
        tap((signal) => {
          // Any frame is server contact (product `ping`, contract §14.1); a loss stops sends at once (§6 step 4).
          if (signal.type === 'frame') keys.savePing(platform.now());
          if (signal.type === 'lost') gate.down();
        }),
        // Frames of one network read are one group: a frame overtaken on the wire goes back in order (issue 6).
        sameTurn(scheduler),
        batchWhileBusy((groups: ConnectionSignal[][]) => round(groups.flat())),
      );
      // §7 Start: the shipped client reads its own member once the stream is open. A guest the server
      // already lists as DISCONNECTED ends like §5.2 item 7; a 401/404 is sessionLost.
      const confirmed$ = parts.confirmSelf ? checkSelf(endSoon) : EMPTY;
      return merge(stream$, ended$, lost$, confirmed$).pipe(finalize(() => connection.close()));
    });

  const reconnecting = (): Outcome => {
    const response = {
      status: 0,
      statusText: 'error',
      responseText: 'The chat connection is being re-established; the message was not sent.',
    };
    return { ok: false, verdict: 'networkDown', failure: { ...response, ...cloudErrors.messageFailed(response) } };
  };

  const sendMessage: TransportSession['sendMessage'] = (message) =>
    defer(() => {
      // Product decision for the cloud transport: while the event stream reconnects a send fails fast
      // with MessageFailed (contract §4) rather than going out unconfirmed; it is never dropped silently.
      if (gate.isDown()) return of(reconnecting());
      const text = message.message;
      // Sends go one at a time: this message is stored after every message delivered so far.
      const after = transcript.newestId() ?? keys.lastMessageId();
      return own(requests.sendMessage(identity, text)).pipe(
        concatMap((reply): Observable<Outcome> => {
          const outcome = replyOutcome(reply, platform.now());
          // The send response is not a message and does not move the cursor (§2.3, contract §15 item 2).
          if (outcome.ok) return of(outcome);
          const failed = { ...outcome, failure: { ...outcome.failure, ...cloudErrors.messageFailed(outcome.failure) } };
          const { status, statusText } = reply.response;
          // §6.4: no Cloud answer (status 0, a garbled 2xx, 5xx): the conversation says whether it arrived; never sent twice.
          return status < 300 || status >= 500
            ? verifyCloudDelivery(failed, {
                text,
                memberId: selfId,
                claimed,
                read: pagesAfter(after, deliveryChecks - 1),
                firstReadAfter: statusText === 'timeout' ? config.ajaxTimeout : 0,
                scheduler,
              })
            : of(failed);
        }),
        tap((outcome) => {
          if (outcome.ok && typeof outcome.body.id === 'string') claimed.add(outcome.body.id);
        }),
      );
    });

  const fetchHistory: NonNullable<TransportSession['fetchHistory']> = () =>
    defer(() => {
      const before = transcript.oldestId();
      if (historyDone || !before) return of({ ok: true as const, verdict: 'ok' as const, body: { end: true as const } });
      const pageSize = config.transport.maxMessagePageSize;
      return own(requests.listMessages(identity, { before, sortOrder: 'descending', maxResults: pageSize })).pipe(
        concatMap((reply) => {
          if (reply.verdict !== 'ok') return of(replyOutcome(reply, platform.now()) as Exclude<Outcome, { ok: true }>);
          const list = reply.body as WebChatMessageEntityList;
          const entities = (Array.isArray(list.entities) ? list.entities : []).filter(isWebChatMessage);
          // §7: a page without `next`, or shorter than asked, is the first page of the conversation.
          if (!list.next || entities.length < pageSize) historyDone = true;
          if (entities.length === 0) return of({ ok: true as const, verdict: 'ok' as const, body: { end: true as const } });
          const unknown = roster.unknown(entities.map((message) => message.sender.id).filter((id) => id !== selfId));
          return concat(
            unknown.length > 0 ? roster.loadAll() : EMPTY,
            defer(() => {
              const items = transcript.history(entities, roster.get);
              return of({ ok: true as const, verdict: 'ok' as const, body: { batch: { items, oldMessages: true }, response: reply.body } });
            }),
          );
        }),
        take(1),
      );
    });

  return {
    sessionData: (): CloudSessionData => keys.sessionData(),
    receive,
    sendMessage,
    // §2.4: there is no stop-typing call; the agent's side expires the indicator.
    typing: (isTyping) =>
      isTyping ? own(requests.typing(identity)).pipe(map((reply) => replyOutcome(reply, platform.now()))) : of<Outcome>({ ok: true, verdict: 'ok', body: {} }),
    end: () => call(requests.deleteMember(identity)).pipe(map((reply) => replyOutcome(reply, platform.now()))),
    fetchHistory,
    forget: () => {
      connection.close();
      keys.clear();
    },
  };
}

function retryAfterOf(pages: MessagePages, now: number): number | undefined {
  return pages.ok ? undefined : retryAfterMs(pages.reply.response.headers, now);
}
