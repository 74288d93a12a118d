import { randomBytes } from 'node:crypto';
import express from 'express';
import type { FaultKind } from '../faults';
import { chatNtfRouter } from '../gms-cometd/chatNtf';
import { publishParams } from '../gms-cometd/publishParams';
import { createServiceChannelServer } from '../gms-cometd/serviceChannelServer';
import { GMS_NOT_FOUND, mediaServerError } from '../gms-v2/gmsErrors';
import { gmsEnvelope } from '../gms-v2/gmsEnvelope';
import { gmsKeyring } from '../gms-v2/gmsKeyring';
import { toGmsMessage } from '../gms-v2/gmsMessage';
import { requestChatInput, runGmsOperation, type GmsOperation } from '../gms-v2/gmsOperations';
import type { ProtocolFactory } from '../protocol';
import type { RequestDetail } from '../requestDetail';
import { redactJson } from '../requestDetail';

/** The Bayeux endpoint (wire-gms-v2 §11 `cometD.cometURL`). */
export const GMS_COMETD_PATH = '/genesys/cometd';
/** The fault-rule and request-log transport of this endpoint. */
export const GMS_COMETD_TRANSPORT = 'gms-v2-cometd';

/** CometD operation names → the shared GMS operations (§11 names `sendMessage` what REST calls `send`). */
const OPERATIONS: Record<string, GmsOperation> = {
  sendMessage: 'send',
  startTyping: 'startTyping',
  stopTyping: 'stopTyping',
  disconnect: 'disconnect',
  customNotice: 'customNotice',
  updateData: 'updateData',
  updateNickname: 'updateNickname',
  pushUrl: 'pushUrl',
};
const STATUS_CODE_KINDS: readonly FaultKind[] = ['gmsStatusCode1', 'gmsStatusCode2'];
/** On route `connect`: `drop` ends the Bayeux session; `socketTerminate` only cuts its connection. */
const CONNECTION_KINDS: readonly FaultKind[] = ['drop', 'socketTerminate'];
// UNCONFIRMED: how long a real GMS holds /meta/connect (CometD's server default is 30 s).
const CONNECT_HOLD_SECONDS = 25;

/** The Bayeux client that gets a chat's notifications, and what it was already sent. */
interface Attachment {
  clientId: string;
  channel: string;
  /** The highest transcript index pushed to it. */
  delivered: number;
  /** A push is due even with no new message (an operation's result). */
  due: boolean;
  scheduled: boolean;
  /** Recorded publishes still waiting for the push that answers them. */
  details: RequestDetail[];
}

/**
 * GMS Chat API v2 over CometD (wire-gms-v2 §11) at `{url}/genesys/cometd`, on faye (see
 * `gms-cometd/serviceChannelServer.ts` for how faye serves `/service/` channels), plus the file API
 * at `{url}/genesys/2/chat-ntf`. It shares the REST endpoint's store and keyring: a chat started
 * here is served by `/genesys/2/chat/…` with the same keys, and the other way round.
 *
 * A client subscribes to `/service/chatV2/{serviceName}` and publishes `{operation, …}` on it.
 * `requestChat` needs no key; every other operation carries `secureKey` (a wrong one gets the
 * §13 not-found envelope). The client that last used a chat's key gets its notifications
 * (UNCONFIRMED: one Bayeux client per chat; a real GMS may fan out to several): every
 * transcript event reaches it as a §4 envelope on the channel (the first one carries
 * `chatId`/`secureKey`), and every operation is answered by one push (UNCONFIRMED: a real GMS
 * may answer some operations with nothing but the events they cause).
 *
 * Faults (transport `gms-v2-cometd`): `handshakeFailure` (route `handshake`), `drop` (route
 * `connect`: the Bayeux session ends, the client must re-handshake; acts at once on attached
 * clients), `socketTerminate` (route `connect`: the WebSocket or held long-poll is cut, the session
 * survives, the client reconnects with the same clientId; acts at once too), `slow` and
 * `duplicate` (route `push`: one push delayed by `delayMs` or sent twice), `gmsStatusCode1` /
 * `gmsStatusCode2` (route = the operation name), and the HTTP kinds on the chat-ntf routes
 * `fileLimits`, `fileUpload`, `fileDownload`, `fileDelete`. Publishes are recorded in the request
 * log (method `PUBLISH`, route = the operation; with `recordRequests`, the `data` and the push
 * that answered it, secrets redacted), handshakes too (method `HANDSHAKE`, route `handshake`).
 *
 * @example
 * // Node, with the official client (cometd + cometd-nodejs-client):
 * adapt();
 * const cometd = new CometD();
 * cometd.configure({ url: `${playground.url}/genesys/cometd` });
 * cometd.addListener('/meta/handshake', (reply) => reply.successful &&
 *   cometd.subscribe('/service/chatV2/customer-support', (message) => console.log(message.data), () =>
 *     cometd.publish('/service/chatV2/customer-support', { operation: 'requestChat', nickname: 'Ada' })));
 * cometd.handshake();
 * // data of the first push: { statusCode: 0, chatId, userId, secureKey, alias, nextPosition: 2, messages: [ParticipantJoined #1] }
 */
export const gmsV2CometdProtocol: ProtocolFactory = (ctx) => {
  const { store, faults, options } = ctx;
  const keyring = gmsKeyring(store);
  const attached = new Map<string, Attachment>();

  const push = (clientId: string, channel: string, sessionId: string | undefined, data: unknown): void => {
    const fault = faults.take(GMS_COMETD_TRANSPORT, 'push', sessionId, ['slow', 'duplicate']);
    const send = (): void => bayeux.deliver(clientId, channel, data);
    if (fault?.kind === 'slow') return void ctx.timers.after(fault.delayMs ?? 2000, send);
    send();
    if (fault?.kind === 'duplicate') send();
  };

  /** Pushes what the attached client has not had yet (and the due operation result). */
  const flush = (sessionId: string): void => {
    const a = attached.get(sessionId);
    const session = store.get(sessionId);
    const k = keyring.get(sessionId);
    if (!a || !session || !k) return;
    a.scheduled = false;
    const fresh = session.transcript.filter((e) => e.seq > a.delivered);
    if (fresh.length === 0 && !a.due) return;
    a.due = false;
    a.delivered = session.transcript.length;
    const body = gmsEnvelope(session, k, { messages: fresh.map((e) => toGmsMessage(session, e)) });
    for (const detail of a.details.splice(0)) detail.reply = { status: 200, json: redactJson(body) };
    push(a.clientId, a.channel, sessionId, body);
  };
  // One push per tick: an operation's own events and its result leave together.
  const schedule = (sessionId: string, due = false): void => {
    const a = attached.get(sessionId);
    if (!a) return;
    a.due ||= due;
    if (a.scheduled) return;
    a.scheduled = true;
    queueMicrotask(() => flush(sessionId));
  };
  const attach = (sessionId: string, clientId: string, channel: string, delivered: number): Attachment => {
    const previous = attached.get(sessionId);
    const a: Attachment =
      previous?.clientId === clientId && previous.channel === channel
        ? previous
        : { clientId, channel, delivered, due: false, scheduled: previous?.scheduled ?? false, details: previous?.details ?? [] };
    attached.set(sessionId, a);
    return a;
  };

  const onPublish = (clientId: string, channel: string, data: unknown): void => {
    const params = publishParams(data);
    const operation = params.field('operation') ?? '';
    const secureKey = params.field('secureKey');
    const chatId = secureKey ? keyring.chatIdOf(secureKey) : undefined;
    const session = chatId === undefined ? undefined : store.get(chatId);
    const k = chatId === undefined ? undefined : keyring.get(chatId);
    const claimed = params.field('chatId');
    const known = session !== undefined && k !== undefined && (claimed === undefined || claimed === '' || claimed === session.id);
    // The status-code faults, taken only by a request that would otherwise be served (as on REST).
    const fault = operation === 'requestChat' || known ? faults.take(GMS_COMETD_TRANSPORT, operation, known ? session.id : undefined, STATUS_CODE_KINDS) : undefined;
    const detail = ctx.options.recordRequests ? publishDetail(channel, data) : undefined;
    ctx.record({ method: 'PUBLISH', path: channel, transport: GMS_COMETD_TRANSPORT, route: operation || 'unknown', ...(chatId ? { sessionId: chatId } : {}), ...(fault ? { fault: fault.kind } : {}), ...(detail ? { detail } : {}) });
    const reply = (sessionId: string | undefined, body: Record<string, unknown>): void => {
      if (detail) detail.reply = { status: 200, json: redactJson(body) };
      push(clientId, channel, sessionId, body);
    };

    if (operation === 'requestChat') {
      if (fault?.kind === 'gmsStatusCode1') return reply(undefined, { statusCode: 1, messages: [] });
      if (fault?.kind === 'gmsStatusCode2') return reply(undefined, { statusCode: 2, chatEnded: true, messages: [], errors: [mediaServerError()] });
      const serviceName = channel.split('/').pop() ?? '';
      const request = requestChatInput(params, GMS_COMETD_TRANSPORT, { serviceName, wire: 'cometd' });
      if ('refusal' in request) return reply(undefined, { statusCode: 2, messages: [], errors: [request.refusal] });
      const created = store.create(request.input);
      // UNCONFIRMED values, as on the REST endpoint: opaque to the client (§3).
      keyring.set(created.id, { userId: created.customerId, secureKey: randomBytes(16).toString('hex'), alias: '117' });
      ctx.log(`gms-v2-cometd: chat ${created.id} requested by ${created.customer.name}`);
      attach(created.id, clientId, channel, 0).details.push(...(detail ? [detail] : []));
      return schedule(created.id, true);
    }

    if (!known) return reply(undefined, { ...GMS_NOT_FOUND, messages: [] });
    if (fault?.kind === 'gmsStatusCode1') return reply(session.id, { statusCode: 1, messages: [] });
    if (fault?.kind === 'gmsStatusCode2') {
      store.end(session.id);
      return reply(session.id, { statusCode: 2, chatEnded: true, chatId: session.id, alias: k.alias, messages: [], errors: [mediaServerError()] });
    }

    if (operation === 'requestNotifications') {
      // §7: 1 = everything, n ≥ 2 = from index n, 0 = nothing, -1 = nothing but nextPosition (async restore).
      const position = Number.parseInt(params.field('transcriptPosition') ?? '1', 10);
      const from = Number.isNaN(position) ? 1 : position;
      const extra = params.userData();
      if (Object.keys(extra).length > 0 && session.status !== 'ended') store.update(session.id, { userData: extra });
      const a = attach(session.id, clientId, channel, session.transcript.length);
      a.delivered = session.transcript.length;
      const messages = from >= 1 ? session.transcript.filter((e) => e.seq >= from).map((e) => toGmsMessage(session, e)) : [];
      return reply(session.id, gmsEnvelope(session, k, { messages }));
    }
    const shared = OPERATIONS[operation];
    // UNCONFIRMED: the answer of a real GMS to an operation it does not know.
    if (!shared) return reply(session.id, gmsEnvelope(session, k, { statusCode: 2, errors: [{ code: 500, advice: `Unknown operation ${operation}` }] }));
    const a = attach(session.id, clientId, channel, session.transcript.length);
    if (detail) a.details.push(detail);
    // §13 "after disconnect every call ⇒ chatEnded: true"; nothing more happens.
    if (session.status === 'ended') return schedule(session.id, true);
    const refusal = runGmsOperation(store, session, shared, params, options.gmsMaxMessageLength);
    if (refusal) {
      if (detail) a.details.splice(a.details.indexOf(detail), 1);
      return reply(session.id, gmsEnvelope(session, k, { statusCode: 2, errors: [refusal] }));
    }
    schedule(session.id, true);
  };

  const bayeux = createServiceChannelServer({
    mount: GMS_COMETD_PATH,
    timeoutSeconds: CONNECT_HOLD_SECONDS,
    onPublish,
    onHandshake() {
      const fault = faults.take(GMS_COMETD_TRANSPORT, 'handshake', undefined, ['handshakeFailure']);
      ctx.record({ method: 'HANDSHAKE', path: GMS_COMETD_PATH, transport: GMS_COMETD_TRANSPORT, route: 'handshake', ...(fault ? { fault: fault.kind } : {}) });
      // UNCONFIRMED: the error text of a refused handshake.
      return fault ? '503::Handshake refused' : undefined;
    },
    onConnect(clientId) {
      const fault = faults.take(GMS_COMETD_TRANSPORT, 'connect', sessionOf(clientId), CONNECTION_KINDS);
      if (fault) applyConnectionFault(fault.kind, clientId);
    },
    onClientGone(clientId) {
      for (const [sessionId, a] of attached) if (a.clientId === clientId) attached.delete(sessionId);
    },
  });
  const applyConnectionFault = (kind: FaultKind, clientId: string): void => (kind === 'drop' ? bayeux.drop(clientId) : bayeux.cut(clientId));
  const sessionOf = (clientId: string): string | undefined => [...attached].find(([, a]) => a.clientId === clientId)?.[0];

  const subscriptions = [
    store.events$.subscribe((change) => {
      if (change.type === 'event') schedule(change.session.id);
      if (change.type === 'ended') schedule(change.session.id, true);
    }),
    // A connection fault added while clients are attached acts now, not at their next connect.
    faults.added$.subscribe((rule) => {
      if (!CONNECTION_KINDS.includes(rule.kind) || rule.transport !== GMS_COMETD_TRANSPORT || (rule.route !== undefined && rule.route !== 'connect')) return;
      for (const [sessionId, a] of [...attached]) {
        const fault = faults.take(GMS_COMETD_TRANSPORT, 'connect', sessionId, [rule.kind]);
        if (fault) applyConnectionFault(fault.kind, a.clientId);
      }
    }),
  ];

  const router = express.Router();
  router.use((req, res, next) => {
    if (!bayeux.handle(req, res)) next();
  });
  router.use(chatNtfRouter(ctx, GMS_COMETD_TRANSPORT));

  return {
    id: GMS_COMETD_TRANSPORT,
    router,
    upgrade: (req, socket, head) => bayeux.upgrade(req, socket, head),
    close() {
      for (const subscription of subscriptions) subscription.unsubscribe();
      bayeux.close();
    },
  };
};

/** What the fidelity suite records of a publish: the channel and the `data`, secrets redacted. */
function publishDetail(channel: string, data: unknown): RequestDetail {
  return { method: 'PUBLISH', path: channel, query: {}, headers: {}, body: 'json', fields: {}, files: [], json: redactJson(data) };
}
