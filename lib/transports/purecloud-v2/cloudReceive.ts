import { EMPTY, Observable, Subject, concat, concatMap, defer, finalize, map, merge, of, switchMap, take, tap, timer } from 'rxjs';
import type { ReceiveSignal, RawItem } from '../transport';
import { batchWhileBusy } from './batchWhileBusy';
import { classifyFrame } from './classifyFrame';
import type { MessagePages } from './fetchMessagePages';
import { cloudSessionLost } from './cloudSessionLost';
import type { CloudSessionParts } from './cloudSessionParts';
import type { LiveEvent } from './cloudTranscript';
import type { ConnectionSignal } from './socketConnection';
import type { MemberChangeEvent } from './cloudWire';
import { sameTurn } from './sameTurn';

/** §5.2 item 5: after the guest's own `member-leave`, trailing frames get this long before the end. */
const ownLeaveGraceMs = 1000;

/** What the receive stream needs besides the session's parts. */
export interface CloudReceiveDeps {
  /** `sessionLost` from the guest's own REST calls (§6 step 5). */
  lost$: Observable<ReceiveSignal>;
  /** Every message after an id, with retries ({@link cloudPagesAfter}). */
  pagesAfter(after: string | null, retries?: number): Observable<MessagePages>;
}

/**
 * The receive stream of a Genesys Cloud guest chat (`wire-purecloud-v2.md` §5–§7; the picture is on
 * {@link createCloudSession}): the event stream's signals worked through in order, holding later
 * frames while an earlier one waits for a member lookup or a catch-up (§5.2 item 2,
 * {@link batchWhileBusy}); frames become batches, a loss `health networkDown`, a reopen a catch-up
 * then `health ok`; the guest's own leave or confirmed DISCONNECTED ends it. No poll loop: the
 * service's poll controls change nothing (§6.21).
 *
 * @example
 * receive: cloudReceive(parts, { lost$, pagesAfter })
 */
export function cloudReceive(parts: CloudSessionParts, deps: CloudReceiveDeps): () => Observable<ReceiveSignal> {
  const { platform, keys, requests, call, gate, identity, connection, transcript, roster } = parts;
  const { scheduler } = platform;
  const selfId = identity.memberId;
  const { lost$, pagesAfter } = deps;

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
        if (reply.verdict === 'sessionLost') return of(cloudSessionLost(reply, platform.now()));
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

  /** §6 step 3: every message after the last one delivered, retried until it is read. */
  const catchUp = (after: string | null): Observable<ReceiveSignal> =>
    pagesAfter(after).pipe(
      concatMap((pages): Observable<ReceiveSignal> => {
        if (!pages.ok && pages.reply.verdict === 'sessionLost') return of(cloudSessionLost(pages.reply, platform.now()));
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

  return (): Observable<ReceiveSignal> =>
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
}
