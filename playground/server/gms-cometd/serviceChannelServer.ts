import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import faye, { type FayeMessage } from 'faye';

/**
 * A Bayeux server (faye 1.4) with CometD's `/service/**` semantics: a client subscribes to a
 * service channel, publishes to it, and what the server answers arrives on it for that client only.
 *
 * faye serves broadcast channels; it refuses a remote subscribe to `/service/**` (403) and
 * delivers nothing on them. Two faye extensions close the gap, with faye's public API only:
 * - incoming: a subscribe (or unsubscribe) to `/service/x` becomes one to the private broadcast
 *   channel `/playground-service/<clientId>/x`; a remote subscribe to any private one is refused;
 * - outgoing: that private name is written back as `/service/x` in the subscribe reply and in
 *   every delivered message, so the client sees CometD's service channel.
 * The server answers one client by publishing on its private channel through faye's in-process
 * client (`getClient()`), so faye's own queues, long-polling and WebSocket delivery do the rest.
 */

const SERVICE = '/service/';
const PRIVATE = '/playground-service/';

export interface ServiceChannelServerOptions {
  /** The Bayeux endpoint path, e.g. `/genesys/cometd`. */
  mount: string;
  /** Seconds a `/meta/connect` is held (faye's `timeout`). */
  timeoutSeconds: number;
  /** A remote client published `data` on the service channel `channel`. */
  onPublish(clientId: string, channel: string, data: unknown): void;
  /** A handshake arrived: return an error text to refuse it (`successful: false`). */
  onHandshake?(): string | undefined;
  /** A client sent `/meta/connect`. */
  onConnect?(clientId: string): void;
  /** A client's Bayeux session ended (disconnect, expiry, drop). */
  onClientGone?(clientId: string): void;
}

export interface ServiceChannelServer {
  /** Serves an HTTP request for the endpoint; false when the path is not the endpoint's. */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
  /** Takes a WebSocket upgrade for the endpoint; false when the path is not the endpoint's. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** Delivers `data` on the service channel `channel` to `clientId` only. */
  deliver(clientId: string, channel: string, data: unknown): void;
  /** Ends the client's Bayeux session now: its next `/meta/connect` is told to re-handshake. */
  drop(clientId: string): void;
  /**
   * Cuts the connection that carried the client's last `/meta/connect` (its WebSocket, or the
   * held long-poll) without ending its Bayeux session: the client reconnects with the same clientId.
   */
  cut(clientId: string): void;
  close(): void;
}

const toPrivate = (clientId: string, channel: string): string => `${PRIVATE}${clientId}/${channel.slice(SERVICE.length)}`;
const toService = (channel: string): string =>
  channel.startsWith(PRIVATE) ? `${SERVICE}${channel.slice(PRIVATE.length).replace(/^[^/]*\//, '')}` : channel;
const mapNames = (names: string | string[] | undefined, map: (name: string) => string): string | string[] | undefined =>
  names === undefined ? undefined : Array.isArray(names) ? names.map(map) : map(names);

/**
 * Creates the server; mount it with `handle`/`upgrade` from the host's HTTP server.
 *
 * @example
 * const bayeux = createServiceChannelServer({ mount: '/genesys/cometd', timeoutSeconds: 25, onPublish: (id, channel, data) => bayeux.deliver(id, channel, { echo: data }) });
 */
export function createServiceChannelServer(options: ServiceChannelServerOptions): ServiceChannelServer {
  const adapter = new faye.NodeAdapter({ mount: options.mount, timeout: options.timeoutSeconds });
  let inProcess: ReturnType<typeof adapter.getClient> | undefined;
  let closed = false;
  // Upgraded sockets leave the HTTP server's books: closed here so that `close()` leaves no handle.
  const sockets = new Set<Duplex>();
  const connectSockets = new Map<string, Duplex>();

  adapter.addExtension({
    incoming(message: FayeMessage, request, callback) {
      const remote = request !== null;
      if (remote && message.channel === '/meta/handshake') {
        const refusal = options.onHandshake?.();
        if (refusal !== undefined) message.error = refusal;
      }
      if (remote && message.channel === '/meta/connect' && message.clientId) {
        connectSockets.set(message.clientId, request.socket);
        options.onConnect?.(message.clientId);
      }
      if (remote && (message.channel === '/meta/subscribe' || message.channel === '/meta/unsubscribe')) {
        const names = [message.subscription ?? []].flat();
        if (names.some((name) => name.startsWith(PRIVATE))) message.error = `403:${names.join(',')}:Forbidden channel`;
        else message.subscription = mapNames(message.subscription, (name) => (name.startsWith(SERVICE) ? toPrivate(message.clientId ?? '', name) : name));
      }
      if (remote && message.channel.startsWith(PRIVATE)) message.error = `403:${message.channel}:Forbidden channel`;
      callback(message);
    },
    outgoing(message: FayeMessage, _request, callback) {
      if (message.channel === '/meta/subscribe' || message.channel === '/meta/unsubscribe') message.subscription = mapNames(message.subscription, toService);
      else message.channel = toService(message.channel);
      callback(message);
    },
  });
  adapter.on('publish', (clientId, channel, data) => {
    if (clientId !== undefined && channel.startsWith(SERVICE)) options.onPublish(clientId, channel, data);
  });
  adapter.on('disconnect', (clientId) => {
    connectSockets.delete(clientId);
    options.onClientGone?.(clientId);
  });

  return {
    handle(req, res) {
      if (closed || !adapter.check(req)) return false;
      adapter.handle(req, res);
      return true;
    },
    upgrade(req, socket, head) {
      if (closed || !adapter.check(req)) return false;
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
      adapter.handleUpgrade(req, socket, head);
      return true;
    },
    deliver(clientId, channel, data) {
      if (closed) return;
      inProcess ??= adapter.getClient();
      void inProcess.publish(toPrivate(clientId, channel), data);
    },
    drop(clientId) {
      // faye internal: no public call ends one client's session (see faye.d.ts).
      if (!closed) adapter._server._engine.destroyClient(clientId);
    },
    cut(clientId) {
      connectSockets.get(clientId)?.destroy();
      connectSockets.delete(clientId);
    },
    close() {
      if (closed) return;
      closed = true;
      inProcess?.disconnect();
      adapter.close();
      for (const socket of sockets) socket.destroy();
      sockets.clear();
    },
  };
}
