import type { BrowserContext, Page } from 'playwright-core';
import { agentApi, busCommand, busEvents, fastPolling, presetWidgets, startRig, waitForBusEvent, waitMs } from './browserHarness';
import type { BrowserRig } from './browserHarness';
import { playgroundConfig, quickTimings } from '../helpers/playgroundConfig';

/** A GMS poll (`POST …/{chatId}/refresh`, wire-gms-v2.md). */
const isPoll = (url: string) => /\/genesys\/2\/chat\/[^/]+\/[^/]+\/refresh$/.test(url);

/**
 * Issue 13 in Chromium: three pages of one browser context (one cookie jar, one origin) on the
 * playground over http://127.0.0.1 — a secure context, so Web Locks and BroadcastChannel are there.
 */
describe('multi-tab mode in Chromium: one chat, three tabs, one poller', () => {
  let rig: BrowserRig;
  let context: BrowserContext;
  let agent: ReturnType<typeof agentApi>;
  /** GMS polls each page sent, by page. */
  const polls = new Map<Page, number[]>();

  beforeAll(async () => {
    rig = await startRig();
    agent = agentApi(rig.playground);
  });
  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await rig?.close();
  });

  const openTab = async (): Promise<Page> => {
    const page = await context.newPage();
    page.setDefaultTimeout(waitMs);
    page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
    polls.set(page, []);
    page.on('request', (request) => isPoll(request.url()) && polls.get(page)?.push(Date.now()));
    await presetWidgets(page, { webchat: playgroundConfig('gms-v2', rig.playground.url, fastPolling) });
    await page.goto(`${rig.playground.url}/legacy/bare.html`);
    await waitForBusEvent(page, 'WebChatService.ready');
    return page;
  };

  /** How many times each text was published in `messageReceived` on the page. */
  const shown = async (page: Page): Promise<Record<string, number>> => {
    const counts: Record<string, number> = {};
    for (const e of await busEvents(page)) {
      if (e.event !== 'WebChatService.messageReceived') continue;
      for (const m of (e.data as { messages: { type: string; text: string }[] }).messages) {
        if (m.type === 'Message') counts[m.text] = (counts[m.text] ?? 0) + 1;
      }
    }
    return counts;
  };

  /** The pages that polled since `since` (epoch ms). */
  const pollersSince = (pages: Page[], since: number) => pages.filter((page) => (polls.get(page) ?? []).some((t) => t >= since));
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('every tab shows every message once; one poller; the chat goes on when the leader closes; a follower reloads and restores', async () => {
    context = await rig.browser.newContext();
    const [one, two, three] = [await openTab(), await openTab(), await openTab()];

    // A follower starts the chat: it runs in the leading tab, and every tab has it.
    const started = await busCommand(two, 'WebChatService.startChat', { nickname: 'Ada' });
    expect(started.state).toBe('resolved');
    const chatId = (started.args[0] as { chatId: string }).chatId;
    for (const page of [one, two, three]) await waitForBusEvent(page, 'WebChatService.started');
    await agent.join(chatId, 'Dana');
    await agent.say(chatId, 'hello from the agent');
    for (const page of [one, two, three]) await waitForBusEvent(page, 'WebChatService.messageReceived', 'hello from the agent');

    // One poller in the browser: the first tab, which leads.
    const quiet = Date.now();
    await pause(1500);
    expect(pollersSince([one, two, three], quiet)).toEqual([one]);
    expect(polls.get(one)?.filter((t) => t >= quiet).length).toBeGreaterThanOrEqual(2);

    // A send from a follower reaches the agent once and shows once in every tab.
    expect((await busCommand(three, 'WebChatService.sendMessage', { message: 'from tab three' })).state).toBe('resolved');
    for (const page of [one, two, three]) await waitForBusEvent(page, 'WebChatService.messageReceived', 'from tab three');
    expect((await agent.session(chatId)).transcript.filter((t) => t.text === 'from tab three')).toHaveLength(1);

    // The leader closes mid-chat: another tab polls within 2 s and the chat goes on.
    const closedAt = Date.now();
    await one.close();
    await agent.say(chatId, 'after the hand-over');
    for (const page of [two, three]) await waitForBusEvent(page, 'WebChatService.messageReceived', 'after the hand-over');
    const firstPollAfter = Math.min(...[two, three].flatMap((page) => (polls.get(page) ?? []).filter((t) => t >= closedAt)));
    expect(firstPollAfter - closedAt).toBeLessThan(2000);
    const after = Date.now();
    await pause(1500);
    expect(pollersSince([two, three], after)).toHaveLength(1);
    const leader = pollersSince([two, three], after)[0];
    const follower = leader === two ? three : two;
    for (const page of [two, three]) {
      expect(await shown(page)).toEqual({ 'hello from the agent': 1, 'from tab three': 1, 'after the hand-over': 1 });
      expect((await busEvents(page)).filter((e) => e.event === 'WebChatService.restored')).toEqual([]);
    }

    // A follower navigates (reload): it restores the chat from the leader, without a poller of its own.
    await follower.reload();
    await waitForBusEvent(follower, 'WebChatService.restored');
    const replay = await waitForBusEvent(follower, 'WebChatService.messageReceived', 'after the hand-over');
    expect(replay.data).toMatchObject({ restoring: true });
    expect(await shown(follower)).toEqual({ 'hello from the agent': 1, 'from tab three': 1, 'after the hand-over': 1 });
    const reloaded = Date.now();
    await pause(1200);
    expect(pollersSince([leader, follower], reloaded)).toEqual([leader]);

    // endChat in one tab ends it in all.
    expect((await busCommand(follower, 'WebChatService.endChat')).state).toBe('resolved');
    for (const page of [leader, follower]) await waitForBusEvent(page, 'WebChatService.ended');
    expect((await agent.session(chatId)).status).not.toBe('active');
  });

  it('the ES module build: a follower tab sends, the leader polls, both tabs show the chat', async () => {
    const esm = await rig.browser.newContext();
    try {
      const pages: Page[] = [];
      for (let i = 0; i < 2; i++) {
        const page = await esm.newPage();
        page.setDefaultTimeout(waitMs);
        polls.set(page, []);
        page.on('request', (request) => isPoll(request.url()) && polls.get(page)?.push(Date.now()));
        await page.goto(`${rig.playground.url}/`);
        // A string, not a function: the test's compiler would rewrite the page's dynamic import.
        const config = JSON.stringify(playgroundConfig('gms-v2', rig.playground.url, fastPolling));
        await page.evaluate(`import('/dist/browser/webchat-rx.mjs').then(({ createWebChatService }) => {
          window.events = [];
          window.chat = createWebChatService(${config});
          window.chat.events$.subscribe((e) => window.events.push(JSON.parse(JSON.stringify(e))));
        })`);
        pages.push(page);
      }
      const [leader, follower] = pages;
      const chatId = await follower.evaluate(async () => {
        const chat = (window as unknown as { chat: { startChat(o: unknown): { subscribe(o: { next(v: { chatId: string }): void; error(e: unknown): void }): void } } }).chat;
        return new Promise<string>((resolve, reject) => chat.startChat({ nickname: 'Ada' }).subscribe({ next: (v) => resolve(v.chatId), error: reject }));
      });
      await agent.join(chatId, 'Dana');
      await agent.say(chatId, 'hello modern tabs');
      for (const page of pages) {
        await page.waitForFunction(() => JSON.stringify((window as unknown as { events: unknown[] }).events).includes('hello modern tabs'));
      }
      const quiet = Date.now();
      await pause(1200);
      expect(pollersSince(pages, quiet)).toEqual([leader]);
      for (const page of pages) {
        const texts = await page.evaluate(() =>
          (window as unknown as { events: { event: string; data: { messages?: { text: string }[] } }[] }).events
            .filter((e) => e.event === 'messageReceived')
            .flatMap((e) => e.data.messages?.map((m) => m.text) ?? [])
            .filter((t) => t === 'hello modern tabs'),
        );
        expect(texts).toEqual(['hello modern tabs']);
      }
    } finally {
      await esm.close();
    }
  });

  /** A Nexus poll (`GET …/{sessionId}/messages`) or a Cloud socket: what makes a tab the connected one. */
  const connections = (page: Page, transport: 'nexus-v3' | 'purecloud-v2'): number[] => {
    const times: number[] = [];
    if (transport === 'purecloud-v2') page.on('websocket', () => times.push(Date.now()));
    else page.on('request', (r) => r.method() === 'GET' && /\/nexus\/v3\/chat\/sessions\/[^/]+\/messages/.test(r.url()) && times.push(Date.now()));
    return times;
  };

  it.each(['nexus-v3', 'purecloud-v2'] as const)('%s: two tabs, one connection, and the chat goes on when the leader closes', async (transport) => {
    const own = await rig.browser.newContext();
    try {
      const pages: Page[] = [];
      const seen = new Map<Page, number[]>();
      for (let i = 0; i < 2; i++) {
        const page = await own.newPage();
        page.setDefaultTimeout(waitMs);
        seen.set(page, connections(page, transport));
        const layers = transport === 'nexus-v3' ? [quickTimings[transport], fastPolling] : [quickTimings[transport]];
        await presetWidgets(page, { webchat: playgroundConfig(transport, rig.playground.url, ...layers) });
        await page.goto(`${rig.playground.url}/legacy/bare.html`);
        await waitForBusEvent(page, 'WebChatService.ready');
        pages.push(page);
      }
      const [leader, follower] = pages;
      const before = new Set((await agent.sessions()).map((s) => s.id));
      expect((await busCommand(follower, 'WebChatService.startChat', { form: { nickname: 'Ada', firstname: 'Ada', lastname: 'Lovelace', email: 'ada@example.com' } })).state).toBe('resolved');
      const session = (await agent.sessions()).find((s) => !before.has(s.id));
      expect(session).toBeDefined();
      await agent.join(session!.id, 'Dana');
      await agent.say(session!.id, `hello over ${transport}`);
      for (const page of pages) await waitForBusEvent(page, 'WebChatService.messageReceived', `hello over ${transport}`);
      expect(seen.get(follower)).toEqual([]);
      expect(seen.get(leader)?.length).toBeGreaterThan(0);

      const closedAt = Date.now();
      await leader.close();
      await agent.say(session!.id, `after the hand-over over ${transport}`);
      await waitForBusEvent(follower, 'WebChatService.messageReceived', `after the hand-over over ${transport}`);
      expect(Math.min(...(seen.get(follower) ?? [])) - closedAt).toBeLessThan(2000);
      expect(await shown(follower)).toEqual({ [`hello over ${transport}`]: 1, [`after the hand-over over ${transport}`]: 1 });
      expect((await busCommand(follower, 'WebChatService.sendMessage', { message: `answer over ${transport}` })).state).toBe('resolved');
      expect((await agent.session(session!.id)).transcript.filter((t) => t.text === `answer over ${transport}`)).toHaveLength(1);
      expect((await busCommand(follower, 'WebChatService.endChat')).state).toBe('resolved');
    } finally {
      await own.close();
    }
  });
});

