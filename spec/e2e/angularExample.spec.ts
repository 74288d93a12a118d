import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { autoGreeting, autoReply, AUTO_AGENT_NAME, startPlayground } from '../../playground/server/index';
import type { Playground } from '../../playground/server/index';
import { chromiumPath, waitMs } from './browserHarness';

/**
 * examples/angular, built from the package tarball (`npm run example:angular`), runs a whole chat in
 * Chromium against the playground's auto agent: start, the greeting, the agent typing, a message and
 * its answer, a file, the end; the connection state shown throughout. Everything the app shows
 * comes through its ChatService and the async pipe.
 */
const appDir = join(__dirname, '..', '..', 'examples', 'angular', 'dist', 'browser');
const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.txt': 'text/plain' };

/** Serves the built app on 127.0.0.1, port 0 (index.html for every path that is not a file). */
async function serveApp(): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(appDir, path);
    const found = file.startsWith(appDir) && existsSync(file) && extname(file) !== '' ? file : join(appDir, 'index.html');
    response.writeHead(200, { 'content-type': types[extname(found)] ?? 'application/octet-stream' });
    response.end(readFileSync(found));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

describe('examples/angular: a whole chat in the built Angular app', () => {
  let playground: Playground;
  let app: { url: string; close(): Promise<void> };
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(join(appDir, 'index.html'))) throw new Error(`${appDir} is missing: run \`npm run build && npm run example:angular\` first`);
    if (!existsSync(chromiumPath)) throw new Error(`${chromiumPath} is missing: apt-get install -y chromium`);
    // The agent types for longer than the GMS poll's longest interval (3 s), so a poll sees it typing.
    playground = await startPlayground({ port: 0, agent: 'auto', autoAgentDelayMs: 100, autoAgentTypingMs: 3500 });
    app = await serveApp();
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'],
    });
    page = await (await browser.newContext()).newPage();
    page.setDefaultTimeout(waitMs);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => message.type() === 'error' && pageErrors.push(message.text()));
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await playground?.close();
  });

  const transcript = () => page.locator('#transcript li');
  const line = (from: string, text: string) => page.locator(`#transcript li[data-from="${from}"]`, { hasText: text });

  it('starts, shows the greeting, the typing and the answer, sends a file, and ends', async () => {
    await page.goto(`${app.url}/?playground=${encodeURIComponent(playground.url)}`);
    await expectText('#connection', 'online');
    await expectText('#active', 'inactive');

    await page.fill('#nickname', 'Ada');
    await page.click('#start');
    await expectText('#active', 'active');
    const [session] = playground.agent.sessions();
    expect(session.customer.name).toBe('Ada');
    await line('Agent', autoGreeting('Ada')).waitFor();
    expect(await line('Agent', autoGreeting('Ada')).textContent()).toBe(`${AUTO_AGENT_NAME}: ${autoGreeting('Ada')}`);

    // Typing in the box sends the typing notification; the send empties the box.
    await page.locator('#message').pressSequentially('Hello from Angular');
    await page.click('#send');
    expect(await page.inputValue('#message')).toBe('');
    await line('Client', 'Hello from Angular').waitFor();
    await page.locator('#agent-typing').waitFor();
    await line('Agent', autoReply('Hello from Angular')).waitFor();
    await page.locator('#agent-typing').waitFor({ state: 'detached' });
    const stored = playground.store.get(session.id)!;
    expect(stored.transcript.some((event) => event.kind === 'typing-start' && event.participantId === stored.customerId)).toBe(true);

    await page.setInputFiles('#file', { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('a file from the Angular app') });
    await poll(() => [...playground.store.get(session.id)!.files.values()].some((file) => file.name === 'notes.txt' && file.size === 27));
    await expectText('#connection', 'online');

    await page.click('#end');
    await expectText('#active', 'inactive');
    await poll(() => playground.store.get(session.id)!.status === 'ended');
    // The whole conversation stays on screen after the end, in order, from the async pipe.
    const lines = await transcript().allTextContents();
    const order = [autoGreeting('Ada'), 'Hello from Angular', autoReply('Hello from Angular')].map((text) => lines.findIndex((l) => l.endsWith(text)));
    expect(order.every((index, i) => index >= 0 && (i === 0 || index > order[i - 1]))).toBe(true);
    expect(await page.locator('#error').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  async function expectText(selector: string, text: string): Promise<void> {
    await page.waitForFunction(({ selector, text }) => document.querySelector(selector)?.textContent?.trim() === text, { selector, text }, { timeout: waitMs });
  }
});

/** Waits (bounded) until `condition` holds. */
async function poll(condition: () => boolean): Promise<void> {
  const until = Date.now() + waitMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`not within ${waitMs} ms: ${condition.toString()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
