/**
 * The part of faye 1.4's server API the playground uses (faye ships no types). Only documented
 * calls, plus the one internal noted on `FayeNodeAdapter._server`.
 */
declare module 'faye' {
  import type { IncomingMessage, ServerResponse } from 'node:http';
  import type { Duplex } from 'node:stream';

  /** A Bayeux message as faye's extensions see it. */
  export interface FayeMessage {
    channel: string;
    clientId?: string;
    id?: string;
    data?: unknown;
    subscription?: string | string[];
    successful?: boolean;
    error?: string;
    advice?: Record<string, unknown>;
    ext?: Record<string, unknown>;
    [key: string]: unknown;
  }

  export interface FayeExtension {
    /** `request` is `null` for messages of the in-process client. */
    incoming?(message: FayeMessage, request: IncomingMessage | null, callback: (message: FayeMessage) => void): void;
    outgoing?(message: FayeMessage, request: IncomingMessage | null, callback: (message: FayeMessage) => void): void;
  }

  export interface FayeClient {
    publish(channel: string, data: unknown): PromiseLike<unknown>;
    disconnect(): void;
  }

  export interface FayeNodeAdapterOptions {
    mount: string;
    /** Seconds a `/meta/connect` is held. */
    timeout?: number;
    /** Seconds between WebSocket pings. */
    ping?: number;
  }

  export interface NodeAdapter {
    addExtension(extension: FayeExtension): void;
    getClient(): FayeClient;
    /** Whether the request is for the mount path. */
    check(request: IncomingMessage): boolean;
    handle(request: IncomingMessage, response: ServerResponse): void;
    handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
    on(event: 'handshake' | 'disconnect', listener: (clientId: string) => void): void;
    on(event: 'publish', listener: (clientId: string | undefined, channel: string, data: unknown) => void): void;
    close(): void;
    /**
     * faye internal (1.4.x): the Bayeux server and its engine. Used for one thing only: ending one
     * client's Bayeux session on demand (the `drop` fault), for which faye has no public call.
     */
    _server: { _engine: { destroyClient(clientId: string): void } };
  }

  /** faye is CommonJS: imported as its default export (Node ESM and swc alike). */
  const faye: { NodeAdapter: new (options: FayeNodeAdapterOptions) => NodeAdapter };
  export default faye;
}
