import type { CometdHost } from './openCometd';

/** One CometD client's way into the shared Node `window`: what it opens goes through its own host. */
export interface CometdDoors {
  /** Runs a library call so every WebSocket and XHR it creates comes from this client's host (and each socket is kept). */
  run<T>(work: () => T): T;
  /** Closes every WebSocket this client's library opened that is still connecting or open. */
  closeAll(): void;
}

interface Owner {
  host: CometdHost;
  sockets: Set<WebSocket>;
}

/** The client whose library call is running right now (the library creates sockets and XHRs synchronously in it). */
let running: Owner | undefined;
/** The host of the latest client: a socket or XHR created outside any wrapped call goes through it. */
let latest: CometdHost = {};

const CONNECTING = 0;
const OPEN = 1;

/**
 * The `cometd` library reads `window.WebSocket` and `window.XMLHttpRequest`, and Node has one
 * global `window` for every client. So the window made here routes each creation to the host of
 * the client whose library call is running (see {@link CometdDoors.run}), and each client keeps
 * the sockets its library opened: the library's `disconnect()` closes only its current one, while
 * a reconnect can leave another connecting or open, or open a new one just to send the
 * disconnect. Teardown closes them all (`closeAll`).
 *
 * @example
 * const doors = cometdDoors(host);
 * doors.run(() => cometd.handshake(onReply));
 * doors.closeAll(); // on unsubscribe
 *
 * @param host In Node, the `ws` constructor and XMLHttpRequest factory of the platform.
 */
export function cometdDoors(host: CometdHost): CometdDoors {
  provideWindow(host);
  const owner: Owner = { host, sockets: new Set() };
  return {
    run<T>(work: () => T): T {
      const outer = running;
      running = owner;
      try {
        return work();
      } finally {
        running = outer;
      }
    },
    closeAll() {
      for (const socket of owner.sockets) {
        owner.sockets.delete(socket);
        if (socket.readyState === CONNECTING || socket.readyState === OPEN) socket.close();
      }
    },
  };
}

/** Node: a `window` holding what the library reads from it (a browser has its own and is left alone). */
function provideWindow(host: CometdHost): void {
  latest = host;
  const scope = globalThis as unknown as { window?: Record<string, unknown> };
  if (scope.window) return;
  scope.window = {
    setTimeout,
    clearTimeout,
    console,
    ...(host.WebSocket ? { WebSocket: routedWebSocket } : {}),
    // The library calls `new window.XMLHttpRequest()` and reads its `UNSENT` constant.
    ...(host.createXHR ? { XMLHttpRequest: Object.assign(routedXHR, { UNSENT: 0 }) } : {}),
  };
}

/** `new window.WebSocket(url, protocol)`: the running client's constructor, the socket kept by that client. */
function routedWebSocket(url: string, protocols?: string | string[]): WebSocket {
  const Socket = (running?.host ?? latest).WebSocket;
  if (!Socket) throw new Error('no WebSocket in this platform');
  const socket = protocols === undefined ? new Socket(url) : new Socket(url, protocols);
  running?.sockets.add(socket);
  return socket;
}

/** `new window.XMLHttpRequest()`: the running client's factory. */
function routedXHR(): XMLHttpRequest {
  const createXHR = (running?.host ?? latest).createXHR;
  if (!createXHR) throw new Error('no XMLHttpRequest in this platform');
  return createXHR();
}
