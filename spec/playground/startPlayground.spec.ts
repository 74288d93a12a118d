import { connect } from 'node:net';
import { startPlayground } from '../../playground/server';
import { gmsOp, startGmsChat } from './helpers/gmsClient';
import { eventually } from '../helpers/eventually';

describe('startPlayground', () => {
  it('listens on an ephemeral port of 127.0.0.1 by default and serves the pages and the CORS preflight', async () => {
    const playground = await startPlayground();
    try {
      expect(playground.url).toBe(`http://127.0.0.1:${playground.port}`);
      expect(playground.port).toBeGreaterThan(0);
      for (const [path, text] of [
        ['/', 'webchat-rx playground'],
        ['/modern/', 'Modern demo'],
        ['/modern/modern.js', 'createWebChatService'],
        ['/agent/', 'Agent console'],
        ['/agent/agent.js', '/agent'],
      ]) {
        const response = await fetch(`${playground.url}${path}`, { signal: AbortSignal.timeout(3000) });
        expect(response.status).toBe(200);
        expect(await response.text()).toContain(text);
      }
      const preflight = await fetch(`${playground.url}/nexus/v3/chat/sessions`, {
        method: 'OPTIONS',
        headers: { origin: 'http://example.com', 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-api-key, x-nexus-client-key' },
        signal: AbortSignal.timeout(3000),
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe('http://example.com');
      expect(preflight.headers.get('access-control-allow-headers')).toBe('x-api-key, x-nexus-client-key');
    } finally {
      await playground.close();
    }
  });

  it('close() ends held requests, keep-alive connections, pending timers and unclaimed upgrades, and can be called twice', async () => {
    const playground = await startPlayground({ agent: 'auto', autoAgentDelayMs: 60000, faults: [{ kind: 'timeout', route: 'refresh' }] });
    const service = `${playground.url}/genesys/2/chat/customer-support`;
    const chat = await startGmsChat(service);
    // A request the `timeout` fault never answers, and a `slow` one whose timer is pending.
    const held = gmsOp(service, chat, 'refresh').catch((error: unknown) => error);
    playground.faults.add({ kind: 'slow', delayMs: 60000, route: 'send' });
    const slow = gmsOp(service, chat, 'send', { message: 'x' }).catch((error: unknown) => error);
    // A WebSocket upgrade no protocol claims is refused by destroying the socket.
    const refused = new Promise<string>((resolve) => {
      const socket = connect(playground.port, '127.0.0.1', () => {
        socket.write('GET /nowhere HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n');
      });
      socket.on('close', () => resolve('closed'));
      socket.on('error', () => undefined);
    });
    expect(await refused).toBe('closed');
    const faulted = () => playground.requestLog.filter((e) => e.fault).map((e) => e.fault);
    await eventually(() => expect(faulted()).toHaveLength(2));
    expect(faulted().sort()).toEqual(['slow', 'timeout']);
    const started = Date.now();
    await Promise.all([playground.close(), playground.close()]);
    expect(Date.now() - started).toBeLessThan(2000);
    // Node's fetch rejects with a TypeError of another realm than jest's: compare by message.
    expect(String(await held)).toMatch(/fetch failed/);
    expect(String(await slow)).toMatch(/fetch failed/);
    await expect(fetch(`${playground.url}/`, { signal: AbortSignal.timeout(1000) })).rejects.toThrow();
  });

  it('refuses a port already in use', async () => {
    const first = await startPlayground();
    try {
      await expect(startPlayground({ port: first.port })).rejects.toThrow(/EADDRINUSE/);
    } finally {
      await first.close();
    }
  });
  it('requestLogLimit keeps only the newest requests, so a long run does not grow the log', async () => {
    const playground = await startPlayground({ agent: 'manual', requestLogLimit: 10 });
    try {
      const service = `${playground.url}/genesys/2/chat/customer-support`;
      const chat = await startGmsChat(service);
      for (let i = 0; i < 25; i += 1) await gmsOp(service, chat, 'refresh');
      expect(playground.requestLog.length).toBeLessThanOrEqual(10);
      expect(playground.requestLog.length).toBeGreaterThanOrEqual(9);
      // The newest stay: the last entry is the last refresh, the start request is gone.
      expect(playground.requestLog[playground.requestLog.length - 1].route).toBe('refresh');
      expect(playground.requestLog.some((e) => e.route !== 'refresh')).toBe(false);
    } finally {
      await playground.close();
    }
  });
});
