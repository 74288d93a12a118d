import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { transportModuleMissing } from '../../lib/model/rejections';
import type { WebChatConfig } from '../../lib/model/config';
import { agentApi, bundlePath, busCommand, fastPolling, presetWidgets, startRig, waitForBusEvent } from './browserHarness';
import type { BrowserRig } from './browserHarness';
import { playgroundConfig } from '../helpers/playgroundConfig';
import type { PlaygroundTransport } from '../helpers/playgroundConfig';

/**
 * A legacy page loads only `webchat-rx.cxbus.min.js` (service and bus); the core fetches the back
 * end its config selects as `webchat-rx.<id>.mod.js` from its own folder, once, and a whole chat
 * runs on it against the playground. A module that cannot load rejects every command with the reason.
 */

/** The page's `_genesys.widgets.webchat` for each back end of the playground at `url` (the polled ones polling fast). */
function webchatFor(transportId: PlaygroundTransport, url: string): WebChatConfig {
  return transportId === 'purecloud-v2' ? playgroundConfig(transportId, url) : playgroundConfig(transportId, url, fastPolling);
}

/** Every script URL the page requests, in order. */
function scriptRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') urls.push(request.url());
  });
  return urls;
}

describe('transports on demand: the core script loads the back end of the config', () => {
  let rig: BrowserRig;
  let agent: ReturnType<typeof agentApi>;

  beforeAll(async () => {
    rig = await startRig();
    agent = agentApi(rig.playground);
  });
  afterAll(() => rig?.close());

  it.each(['gms-v2', 'gms-v2-cometd', 'nexus-v3', 'purecloud-v2'] as const)('%s: fetches its module once from /dist/ and runs a whole chat on it', async (transportId) => {
    const page = await rig.newPage();
    const scripts = scriptRequests(page);
    await presetWidgets(page, { webchat: webchatFor(transportId, rig.playground.url) });
    await page.goto(`${rig.playground.url}/legacy/bare.html`);
    await waitForBusEvent(page, 'WebChatService.ready');
    expect(scripts).toEqual([`${rig.playground.url}/dist/webchat-rx.cxbus.min.js`, `${rig.playground.url}/dist/webchat-rx.${transportId}.mod.js`]);

    const before = new Set((await agent.sessions()).map((s) => s.id));
    const started = await busCommand(page, 'WebChatService.startChat', { form: { nickname: 'Ada', firstname: 'Ada', lastname: 'Lovelace', email: 'ada@example.com' } });
    expect(started.state).toBe('resolved');
    const session = (await agent.sessions()).find((s) => !before.has(s.id));
    expect(session).toBeDefined();
    await agent.join(session!.id, 'Dana');
    await agent.say(session!.id, `hello over ${transportId}`);
    await waitForBusEvent(page, 'WebChatService.messageReceived', `hello over ${transportId}`);
    expect((await busCommand(page, 'WebChatService.sendMessage', { message: `answer over ${transportId}` })).state).toBe('resolved');
    expect((await agent.session(session!.id)).transcript).toContainEqual(expect.objectContaining({ kind: 'message', text: `answer over ${transportId}` }));
    expect((await busCommand(page, 'WebChatService.endChat')).state).toBe('resolved');
    expect(scripts.filter((url) => url.endsWith('.mod.js'))).toHaveLength(1);
  });

  it("requests the module of the page's config as the core script starts, before it sets up the bus (not at configure)", async () => {
    const page = await rig.newPage();
    // Records, at the moment the module's <script> is inserted, whether the bus exists yet.
    await page.addInitScript(() => {
      const w = window as unknown as { __moduleInserted?: { busExisted: boolean }; CXBus?: unknown };
      const append = Node.prototype.appendChild;
      Node.prototype.appendChild = function <T extends Node>(this: Node, child: T): T {
        if (child instanceof HTMLScriptElement && child.src.endsWith('.mod.js') && !w.__moduleInserted) w.__moduleInserted = { busExisted: w.CXBus !== undefined };
        return append.call(this, child) as T;
      };
    });
    await presetWidgets(page, { webchat: webchatFor('gms-v2', rig.playground.url) });
    await page.goto(`${rig.playground.url}/legacy/bare.html`);
    await waitForBusEvent(page, 'WebChatService.ready');
    expect(await page.evaluate(() => (window as unknown as { __moduleInserted?: unknown }).__moduleInserted)).toEqual({ busExisted: false });
  });

  /** A page served from `/lonely/` with the core script next to it, and `module` as the GMS module there (404 when absent). */
  async function lonelyPage(module?: string): Promise<{ page: Page; moduleURL: string; errors: string[] }> {
    const page = await rig.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const folder = `${rig.playground.url}/lonely/`;
    await page.route(`${folder}webchat-rx.cxbus.min.js`, (route) => route.fulfill({ contentType: 'text/javascript', body: readFileSync(bundlePath) }));
    if (module !== undefined) await page.route(`${folder}webchat-rx.gms-v2.mod.js`, (route) => route.fulfill({ contentType: 'text/javascript', body: module }));
    const html = '<!doctype html><html><head><script src="webchat-rx.cxbus.min.js"></script></head><body></body></html>';
    await page.route(`${folder}page.html`, (route) => route.fulfill({ contentType: 'text/html', body: html }));
    await presetWidgets(page, { webchat: webchatFor('gms-v2', rig.playground.url) });
    await page.goto(`${folder}page.html`);
    return { page, moduleURL: `${folder}webchat-rx.gms-v2.mod.js`, errors };
  }

  it('rejects every command with the reason when the module is not in the folder of the core script', async () => {
    const { page, moduleURL } = await lonelyPage();
    const reason = transportModuleMissing(moduleURL);
    expect(reason).toContain(`'${moduleURL}'`);
    expect(await busCommand(page, 'WebChatService.startChat', { nickname: 'Ada' })).toEqual({ state: 'rejected', args: [reason] });
    expect(await busCommand(page, 'WebChatService.getTranscript')).toEqual({ state: 'rejected', args: [reason] });
  });

  it('rejects the same way when the file loads but registers no back end (a wrong file)', async () => {
    const { page, moduleURL } = await lonelyPage('/* not a webchat-rx module */');
    expect(await busCommand(page, 'WebChatService.startChat', { nickname: 'Ada' })).toEqual({ state: 'rejected', args: [transportModuleMissing(moduleURL)] });
  });

  it('rejects the same way when the module belongs to another build (it refuses to run against this core)', async () => {
    const real = readFileSync(join(dirname(bundlePath), 'webchat-rx.gms-v2.mod.js'), 'utf8');
    const buildId = /"([0-9a-f]{12})"/.exec(real)?.[1];
    expect(buildId).toBeDefined();
    const { page, moduleURL, errors } = await lonelyPage(real.split(buildId!).join('000000000000'));
    expect(await busCommand(page, 'WebChatService.startChat', { nickname: 'Ada' })).toEqual({ state: 'rejected', args: [transportModuleMissing(moduleURL)] });
    expect(errors.join('\n')).toContain('belongs to another build');
  });

  it('the readable core webchat-rx.cxbus.js (devtools) runs the same modules', async () => {
    const page = await rig.newPage();
    const scripts = scriptRequests(page);
    // bare.html's script, answered with the readable copy (a page served by the playground itself:
    // Chromium keeps a routed page from opening a socket to 127.0.0.1).
    const readable = readFileSync(join(dirname(bundlePath), 'webchat-rx.cxbus.js'));
    await page.route(`${rig.playground.url}/dist/webchat-rx.cxbus.min.js`, (route) => route.fulfill({ contentType: 'text/javascript', body: readable }));
    await presetWidgets(page, { webchat: webchatFor('purecloud-v2', rig.playground.url) });
    await page.goto(`${rig.playground.url}/legacy/bare.html`);
    await waitForBusEvent(page, 'WebChatService.ready');
    expect(await page.evaluate(() => typeof (window as unknown as { __webchatRx?: unknown }).__webchatRx)).toBe('object');
    expect((await busCommand(page, 'WebChatService.startChat', { form: { nickname: 'Ada', firstname: 'Ada', lastname: 'Lovelace' } })).state).toBe('resolved');
    expect((await busCommand(page, 'WebChatService.endChat')).state).toBe('resolved');
    expect(scripts).toEqual([`${rig.playground.url}/dist/webchat-rx.cxbus.min.js`, `${rig.playground.url}/dist/webchat-rx.purecloud-v2.mod.js`]);
  });

  it('the all-in-one webchat-rx.cxbus.all.min.js fetches no module and chats', async () => {
    const page = await rig.newPage();
    const scripts = scriptRequests(page);
    const html = '<!doctype html><html><head><script src="webchat-rx.cxbus.all.min.js"></script></head><body></body></html>';
    await page.route(`${rig.playground.url}/dist/all.html`, (route) => route.fulfill({ contentType: 'text/html', body: html }));
    await presetWidgets(page, { webchat: webchatFor('gms-v2', rig.playground.url) });
    await page.goto(`${rig.playground.url}/dist/all.html`);
    await waitForBusEvent(page, 'WebChatService.ready');
    expect((await busCommand(page, 'WebChatService.startChat', { nickname: 'Ada' })).state).toBe('resolved');
    expect((await busCommand(page, 'WebChatService.endChat')).state).toBe('resolved');
    expect(scripts).toEqual([`${rig.playground.url}/dist/webchat-rx.cxbus.all.min.js`]);
  });
});
