import { CometD, type Configuration, type Message } from 'cometd';
import { adapt } from 'cometd-nodejs-client';
import { eventually, waitUntil } from '../../helpers/eventually';

/**
 * The official CometD JavaScript client in Node (cometd-nodejs-client gives it XMLHttpRequest and
 * `ws`), talking to the playground's `/genesys/cometd` as a GMS CometD widget does (wire-gms-v2 §11).
 */

adapt();
// The adapter's WebSocket (ws), counted while open: closing a customer waits for its socket's close
// event, which must not reach the client after the spec file is torn down.
const adapted = globalThis as unknown as { window: { WebSocket: new (...args: never[]) => WebSocket } };
const openSockets = new Set<WebSocket>();
adapted.window.WebSocket = class extends adapted.window.WebSocket {
  constructor(...args: never[]) {
    super(...args);
    openSockets.add(this);
    this.addEventListener('close', () => openSockets.delete(this));
  }
};

export type BayeuxTransport = 'websocket' | 'long-polling';
export const CHANNEL = '/service/chatV2/customer-support';

/** A GMS §4 envelope as pushed on the channel. */
export interface Envelope {
  statusCode: number;
  chatId?: string;
  userId?: string;
  secureKey?: string;
  alias?: string;
  chatEnded?: boolean;
  nextPosition?: number;
  messages: Array<{ index?: number; type: string; text?: string; from: { nickname: string; participantId: number; type: string }; userData?: Record<string, string> }>;
  errors?: Array<{ code: number; advice: string }>;
  userData?: Record<string, string>;
}

export interface CometdCustomer {
  cometd: CometD;
  /** Every envelope pushed on the channel, in arrival order. */
  pushes: Envelope[];
  /** Every `/meta/handshake` reply. */
  handshakes: Message[];
  /** Whether each `/meta/connect` succeeded, in order. */
  connects: boolean[];
  publish(data: Record<string, unknown>): Promise<Message>;
  /** The next push after the ones already seen (bounded wait). */
  nextPush(ms?: number): Promise<Envelope>;
  /** Waits until a push satisfies `match`; returns it. */
  pushWhere(match: (push: Envelope) => boolean, ms?: number): Promise<Envelope>;
  /** Every message index seen so far, in order (duplicates kept). */
  indexes(): number[];
  /** Called after a re-handshake once the channel is subscribed again. */
  onRehandshake?: () => void;
  /** Called when a `/meta/connect` succeeds after a failed one (same Bayeux session). */
  onConnectRestored?: () => void;
  close(): Promise<void>;
}

/**
 * Handshakes and subscribes to {@link CHANNEL} with one Bayeux transport only.
 *
 * @example
 * const customer = await cometdCustomer(`${playground.url}/genesys/cometd`, 'long-polling');
 * await customer.publish({ operation: 'requestChat', nickname: 'Ada' });
 * const first = await customer.nextPush(); // { statusCode: 0, chatId, secureKey, messages: [ParticipantJoined #1] }
 */
export async function cometdCustomer(url: string, transport: BayeuxTransport, options: { configure?: Partial<Configuration>; handshakeFailuresAllowed?: number } = {}): Promise<CometdCustomer> {
  const handshakeFailuresAllowed = options.handshakeFailuresAllowed ?? 0;
  const cometd = new CometD();
  // One transport only, so each spec runs on the one it names.
  for (const other of cometd.getTransportTypes()) if (other !== transport) cometd.unregisterTransport(other);
  cometd.configure({ url, logLevel: 'warn', maxBackoff: 200, backoffIncrement: 50, ...options.configure });
  const pushes: Envelope[] = [];
  const handshakes: Message[] = [];
  cometd.addListener('/meta/handshake', (m) => void handshakes.push(m));
  const connectResults: boolean[] = [];
  cometd.addListener('/meta/connect', (m) => {
    const failedBefore = connectResults.at(-1) === false;
    connectResults.push(m.successful === true);
    if (m.successful && failedBefore && !cometd.isDisconnected()) customer.onConnectRestored?.();
  });
  let seen = 0;
  const connects = { sent: 0, received: 0 };
  cometd.registerExtension('connectCount', {
    outgoing: (message: Message) => {
      if (message.channel === '/meta/connect') connects.sent += 1;
      return message;
    },
    incoming: (message: Message) => {
      if (message.channel === '/meta/connect') connects.received += 1;
      return message;
    },
  });
  const customer: CometdCustomer = {
    cometd,
    pushes,
    handshakes,
    connects: connectResults,
    publish: (data) => new Promise((resolve) => cometd.publish(CHANNEL, data, resolve)),
    async nextPush(ms = 3000) {
      const at = seen;
      const push = await eventually(() => {
        if (pushes.length <= at) throw new Error(`no push after ${at} (${transport})`);
        return pushes[at];
      }, ms);
      seen = at + 1;
      return push;
    },
    async pushWhere(match, ms = 3000) {
      const push = await eventually(() => {
        const found = pushes.find(match);
        if (!found) throw new Error(`no such push among ${JSON.stringify(pushes)}`);
        return found;
      }, ms);
      seen = pushes.length;
      return push;
    },
    indexes: () => pushes.flatMap((p) => p.messages.map((m) => m.index ?? -1)),
    async close() {
      if (!cometd.isDisconnected()) await new Promise<void>((resolve) => cometd.disconnect(() => resolve()));
      // The held long-poll /meta/connect comes back after the disconnect, the WebSocket closes:
      // wait for both, so that nothing reaches the client after the spec file is torn down.
      if (transport === 'long-polling') await waitUntil(() => connects.received >= connects.sent, 2000);
      else await waitUntil(() => openSockets.size === 0, 2000);
    },
  };
  // As a widget does: (re)subscribe after every successful handshake, since CometD drops the
  // subscriptions of a dead Bayeux session; `onRehandshake` then re-attaches the chat.
  let subscribed: (() => void) | undefined;
  cometd.addListener('/meta/handshake', (reply) => {
    if (!reply.successful) return;
    cometd.subscribe(CHANNEL, (message) => void pushes.push(message.data as Envelope), () => {
      subscribed?.();
      if (reply.reestablish) customer.onRehandshake?.();
    });
  });
  await new Promise<void>((resolve, reject) => {
    subscribed = resolve;
    cometd.handshake((reply) => {
      if (!reply.successful && handshakeFailuresAllowed === 0) reject(new Error(`handshake failed: ${reply.error}`));
    });
  });
  return customer;
}
