import { Observable, Subject, concat, concatMap, defer, finalize, of, take, tap } from 'rxjs';
import type { NoSessionData } from '../../model/results';
import { restoreExpired } from '../../operators/restoreExpired';
import type {
  Outcome, RestoreOutcome, StartOutcome, StartRequest, Transport, TransportContext,
} from '../transport';
import { classifyFrame } from './classifyFrame';
import { cloudCall, replyOutcome } from './cloudCall';
import { cloudErrors } from './cloudErrors';
import { cloudFailure } from './cloudFailure';
import { cloudKeys } from './cloudKeys';
import type { CloudIdentity } from './cloudKeys';
import { cloudRequests } from './cloudRequests';
import { cloudTranscript } from './cloudTranscript';
import { cloudUnsupported, cloudUnsupportedInSession } from './cloudUnsupported';
import { createCloudSession } from './createCloudSession';
import { createConversationBody } from './createConversationBody';
import { fetchMessagePages } from './fetchMessagePages';
import { heldConnection } from './heldConnection';
import type { HeldConnection } from './heldConnection';
import { memberRoster } from './memberRoster';
import { openCloudSocket } from './openCloudSocket';
import { responseGate } from './responseGate';
import type { ReportedResponse } from './responseGate';
import { socketConnection } from './socketConnection';
import { withoutGuestToken } from './withoutGuestToken';
import type { SocketEvent } from './socketConnection';

/** Test seams: replace the WebSocket layer (unit specs drive socket events in virtual time). */
export interface PurecloudTransportOptions {
  openSocket?: (url: string) => Observable<SocketEvent>;
}

/** The failure of a start or restore whose first socket connect failed (§6 step 6). */
const socketFailure = { status: 0, statusText: 'error', responseText: 'The chat event stream could not be opened.' };

/**
 * The Genesys Cloud guest chat transport (`transport.type: 'purecloud-v2-sockets'`,
 * `wire-purecloud-v2.md`): REST for every action, one WebSocket per conversation for everything
 * the server says.
 *
 * - `start`: `POST conversations` → persist the keys → open the event stream → `ok` with the
 *   guest's synthetic `ParticipantJoined` (§7; the conversation is routed only once the socket is on).
 * - `restore`: `GET members/{self}` must be CONNECTED → reopen the stream → one descending page
 *   (`pagination`) or every page → `GET members` → the replay (§7).
 * - The session ({@link createCloudSession}): frames to batches, heartbeat watchdog, reconnect
 *   with backoff and catch-up, sends, typing (no stop call), end, history pages.
 *
 * @example
 * const transport = createPurecloudTransport({ config, platform, store });
 * transport.start(request).subscribe((outcome) => outcome.ok && outcome.body.session.receive(control$).subscribe(…));
 *
 * @param context The resolved config, the platform (http, WebSocket, scheduler, random) and the prefixed store.
 * @param options Test seams only.
 */
export function createPurecloudTransport(context: TransportContext, options: PurecloudTransportOptions = {}): Transport {
  const { config, platform, store } = context;
  const responses = new Subject<ReportedResponse>();
  // `ajaxResponse` goes to every listener: the guest JWT stays out of it (issue 6).
  const gate = responseGate((response) => responses.next({ ...response, body: withoutGuestToken(response.body) }));
  const call = cloudCall(platform.http, (reply) => gate.report(reply));
  const requests = cloudRequests(config.dataURL, config.ajaxTimeout);
  const keys = cloudKeys(store);
  const heartbeatMs = config.transport.socketHeartbeatTrackerInterval;
  const openSocket = options.openSocket ?? ((url: string) => openCloudSocket(url, platform.WebSocket, heartbeatMs));

  /** The event stream of one conversation, opened now and held for the session. */
  const connect = (identity: CloudIdentity): HeldConnection =>
    heldConnection(
      socketConnection({
        open: () => openSocket(identity.eventStreamUri),
        heartbeatMs,
        reconnectBase: config.transport.socketReconnectInterval,
        reconnectMax: config.backoffMax,
        random: platform.random,
        isClosingFrame: (data) => classifyFrame(data).kind === 'closing',
        scheduler: platform.scheduler,
      }),
    );

  /**
   * Waits for the held connection's first signal: `open` goes on with `then`, a failed first connect
   * gives `failed()` (§6 step 6: a socket error before the session is active fails the start or
   * restore). The connection is closed unless the value that comes out `keeps` it (a session now
   * owns it) — also when unsubscribed before that.
   */
  const whenOpen = <T>(connection: HeldConnection, then: () => Observable<T>, failed: () => T, keeps: (value: T) => boolean): Observable<T> => {
    let kept = false;
    return connection.first.pipe(
      concatMap((signal) => (signal.type === 'open' ? then() : of(failed()))),
      take(1),
      tap((value) => (kept = keeps(value))),
      finalize(() => {
        if (!kept) connection.close();
      }),
    );
  };

  const start = (request: StartRequest): Observable<StartOutcome> =>
    defer(() => {
      gate.reset();
      const body = createConversationBody(request, config);
      return call(requests.createConversation(body)).pipe(
        concatMap((reply): Observable<StartOutcome> => {
          const outcome = replyOutcome(reply, platform.now());
          if (!outcome.ok) return of(startFailed(outcome));
          const identity = readIdentity(reply.body);
          if (!identity) return of(startFailed({ ok: false, verdict: 'refused', failure: { status: reply.response.status, statusText: reply.response.statusText, responseJSON: reply.body } }));
          keys.saveIdentity(identity);
          keys.savePing(platform.now());
          const connection = connect(identity);
          return whenOpen(
            connection,
            () => {
              const roster = memberRoster(call, requests, identity);
              roster.put({ id: identity.memberId, role: 'CUSTOMER', displayName: body.memberInfo.displayName, state: 'CONNECTED' });
              const transcript = cloudTranscript(identity.memberId, config.transport.botEventsEnabled);
              // §7: the guest's own member-join is suppressed on the stream; this one stands for it.
              const join = transcript.ownJoin(body.memberInfo.displayName, platform.now());
              const session = createCloudSession({ config, platform, keys, requests, call, gate, identity, connection, transcript, roster, historyDone: false, confirmSelf: true });
              return of<StartOutcome>({ ok: true, verdict: 'ok', body: { response: reply.body, session, batch: { items: [join] } } });
            },
            () => {
              keys.clear();
              return startFailed({ ok: false, verdict: 'networkDown', failure: socketFailure });
            },
            (outcome) => outcome.ok,
          );
        }),
      );
    });

  const restore = (): Observable<RestoreOutcome> =>
    defer(() => {
      const identity = keys.identity();
      if (!identity) return of<RestoreOutcome>({ kind: 'none' });
      if (restoreExpired(keys.ping(), platform.now(), config.restoreTimeout)) {
        keys.clear();
        return of<RestoreOutcome>({ kind: 'timeout' });
      }
      gate.reset();
      return call(requests.getMember(identity, identity.memberId)).pipe(
        concatMap((reply): Observable<RestoreOutcome> => {
          // §14.3: 401/404 or a member no longer CONNECTED ⇒ keys cleared, restoreFailed; other failures keep the keys.
          if (reply.verdict === 'sessionLost') {
            keys.clear();
            return of({ kind: 'failed', failure: { ...cloudFailure(reply.response, platform.now()) } });
          }
          if (reply.verdict !== 'ok') return of({ kind: 'failed', failure: { ...cloudFailure(reply.response, platform.now()) } });
          if (reply.body.state !== 'CONNECTED') {
            keys.clear();
            return of({ kind: 'failed', failure: {} });
          }
          const connection = connect(identity);
          return whenOpen(
            connection,
            () => replay(identity, connection, reply.body),
            () => ({ kind: 'failed', failure: { ...socketFailure } }),
            (outcome) => outcome.kind === 'restored',
          );
        }),
      );
    });

  /** §7 restore steps 4–6: the last page (pagination) or everything, then `GET members`, as one `restoring` batch. */
  const replay = (identity: CloudIdentity, connection: HeldConnection, self: Record<string, unknown>): Observable<RestoreOutcome> => {
    const pagination = config.transport.pagination;
    const pageSize = config.transport.maxMessagePageSize;
    const query = pagination ? { sortOrder: 'descending' as const, maxResults: pageSize } : { sortOrder: 'ascending' as const, maxResults: 100 };
    return fetchMessagePages(call, requests, identity, query, !pagination).pipe(
      concatMap((pages): Observable<RestoreOutcome> => {
        if (!pages.ok) {
          if (pages.reply.verdict === 'sessionLost') keys.clear();
          return of({ kind: 'failed', failure: { ...cloudFailure(pages.reply.response, platform.now()) } });
        }
        const roster = memberRoster(call, requests, identity);
        roster.put({ ...(self as { id: string }), id: identity.memberId, role: 'CUSTOMER' });
        const transcript = cloudTranscript(identity.memberId, config.transport.botEventsEnabled, keys.lastMessageId());
        const historyDone = !pagination || pages.next === undefined || pages.messages.length < pageSize;
        return concat(
          roster.loadAll(),
          defer(() => {
            // A descending page, oldest first: messages with equal timestamps keep the server's order.
            const chronological = pagination ? [...pages.messages].reverse() : pages.messages;
            const { items } = transcript.live(chronological.map((message) => ({ kind: 'message' as const, message })), roster.get);
            const newest = transcript.newestId();
            if (newest) keys.saveLastMessageId(newest);
            keys.savePing(platform.now());
            const session = createCloudSession({ config, platform, keys, requests, call, gate, identity, connection, transcript, roster, historyDone });
            return of<RestoreOutcome>({ kind: 'restored', async: false, session, ...(items.length ? { batch: { items, restoring: true } } : {}) });
          }),
        );
      }),
    );
  };

  return {
    id: 'purecloud-v2',
    capabilities: { async: false, asyncClose: 'hideChat', pagination: config.transport.pagination, fileUpload: false },
    unsupported: cloudUnsupported,
    unsupportedInSession: cloudUnsupportedInSession,
    botEvents: config.transport.botEventsEnabled,
    responses$: responses.asObservable(),
    persisted: () => {
      const exists = keys.identity() !== null;
      return { exists, fresh: exists && !restoreExpired(keys.ping(), platform.now(), config.restoreTimeout) };
    },
    start,
    restore,
    emptySessionData: (): NoSessionData => ({}),
  };
}

/** The create response's identity (§2.1), or `null` when a field is missing. */
function readIdentity(body: Record<string, unknown>): CloudIdentity | null {
  const member = body.member as { id?: unknown } | undefined;
  const { id, jwt, eventStreamUri } = body;
  if (typeof id !== 'string' || typeof jwt !== 'string' || typeof eventStreamUri !== 'string' || typeof member?.id !== 'string') return null;
  return { conversationId: id, jwt, eventStreamUri, memberId: member.id };
}

/**
 * A failed start: the `AjaxFailure` the command rejects with, carrying the `error` event's
 * `{errors: [{code: 'StartFailed', response}]}` too (contract §4, §6.2), since the service
 * publishes the same object.
 */
function startFailed(outcome: Extract<Outcome, { ok: false }>): StartOutcome {
  return { ...outcome, failure: { ...outcome.failure, ...cloudErrors.startFailed(outcome.failure) } };
}
