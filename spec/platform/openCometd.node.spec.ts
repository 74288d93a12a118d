import { ReplaySubject, firstValueFrom, filter, type Subscription } from 'rxjs';
import WebSocket from 'ws';
import { startPlayground, type Playground } from '../../playground/server';
import { GMS_COMETD_TRANSPORT } from '../../playground/server/protocols/gms-v2-cometd';
import { openCometd, type CometdEvent, type CometdHost } from '../../lib/platform/openCometd';
import type { WebSocketConstructor } from '../../lib/platform/platform';
import { eventually } from '../helpers/eventually';

// xhr2 has no types; it is the XMLHttpRequest the library's long-polling needs in Node.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const XHR2 = require('xhr2') as new () => XMLHttpRequest;

/** A host whose constructor keeps every WebSocket made through it (as the soak's doors do). */
function countedHost(): CometdHost & { sockets: WebSocket[]; open(): number } {
  const sockets: WebSocket[] = [];
  class CountedWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols);
      sockets.push(this);
    }
  }
  return {
    WebSocket: CountedWebSocket as unknown as WebSocketConstructor,
    createXHR: () => new XHR2(),
    sockets,
    open: () => sockets.filter((s) => s.readyState !== WebSocket.CLOSED).length,
  };
}

/**
 * The `cometd` library reads one global `window` in Node, shared by every client: each client's
 * WebSockets must still come from its own host (so they are counted, and closed, where they were
 * opened), and teardown must leave none of them connecting or open.
 */
describe('openCometd in Node: every WebSocket through its own host, none left open after unsubscribe', () => {
  let playground: Playground;
  let url: string;
  const running: Subscription[] = [];

  beforeAll(async () => {
    playground = await startPlayground({ agent: 'manual' });
    url = `${playground.url}/genesys/cometd`;
  });
  afterEach(() => {
    for (const subscription of running.splice(0)) subscription.unsubscribe();
    playground.faults.clear();
  });
  afterAll(() => playground.close());

  const open = (host: CometdHost) => {
    const errors: unknown[] = [];
    const events = new ReplaySubject<CometdEvent>();
    const connected = firstValueFrom(events.pipe(filter((e) => e.type === 'connected')));
    const connection = openCometd({ url, channel: '/service/chatV2/customer-support', websocketEnabled: true, requestHeaders: {}, logLevel: 'warn' }, host);
    const subscription = connection.subscribe({ next: (e) => events.next(e), error: (e: unknown) => errors.push(e) });
    running.push(subscription);
    return { subscription, connected, errors };
  };

  it('opens the sockets of a second client through the second host, and closes both clients’ on unsubscribe', async () => {
    const first = countedHost();
    const second = countedHost();
    const a = open(first);
    await a.connected;
    const b = open(second);
    await b.connected;
    // Before: the window made for the first client kept its constructor, so the second client's
    // sockets were counted by (and left to) the first host.
    expect(second.sockets.length).toBeGreaterThan(0);
    a.subscription.unsubscribe();
    b.subscription.unsubscribe();
    await eventually(() => expect({ first: first.open(), second: second.open() }).toEqual({ first: 0, second: 0 }), 5000);
  });

  it('unsubscribing while the WebSocket is still connecting closes it at once, not after a handshake it no longer needs', () => {
    const host = countedHost();
    const { subscription } = open(host);
    expect(host.sockets.length).toBeGreaterThan(0);
    expect(host.sockets.every((s) => s.readyState === WebSocket.CONNECTING)).toBe(true);
    subscription.unsubscribe();
    expect(host.sockets.filter((s) => s.readyState === WebSocket.CONNECTING || s.readyState === WebSocket.OPEN)).toEqual([]);
  });

  it('socketTerminate on connect: the failed connection leaves no socket connecting or open', async () => {
    const host = countedHost();
    const { connected, errors } = open(host);
    await connected;
    // The next /meta/connect gets its WebSocket cut (the Bayeux session stays).
    playground.faults.add({ transport: GMS_COMETD_TRANSPORT, route: 'connect', kind: 'socketTerminate', count: 1 });
    await eventually(() => expect(errors).toEqual([expect.objectContaining({ cometd: 'connectionLost' })]), 45000);
    expect(host.sockets.length).toBeGreaterThan(1);
    // Failing disconnects: the library opens a fresh WebSocket just to say so, which is closed with the rest.
    expect(host.sockets.filter((s) => s.readyState === WebSocket.CONNECTING || s.readyState === WebSocket.OPEN)).toEqual([]);
    await eventually(() => expect(host.open()).toBe(0), 5000);
  }, 60000);
});
