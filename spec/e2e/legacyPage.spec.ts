import type { Page } from 'playwright-core';
import { agentApi, fastPolling, startRig } from './browserHarness';
import type { BrowserRig } from './browserHarness';

/** The transcript lines the legacy demo page shows: index, type and text. */
function shownLines(page: Page) {
  return page.$$eval('#transcript .line', (lines) =>
    lines.map((l) => ({ index: l.getAttribute('data-index'), type: l.getAttribute('data-type'), text: l.querySelector('.text')?.textContent ?? l.textContent })),
  );
}

function waitForLine(page: Page, text: string) {
  return page.waitForFunction((t) => [...document.querySelectorAll('#transcript .line .text')].some((el) => el.textContent === t), text);
}

describe('the legacy demo page (/legacy/) in Chromium', () => {
  let rig: BrowserRig;
  let agent: ReturnType<typeof agentApi>;

  beforeAll(async () => {
    rig = await startRig();
    agent = agentApi(rig.playground);
  });
  afterAll(() => rig?.close());

  async function openLegacyPage(page: Page) {
    // The page's own config, with a quicker cadence (the page keeps a config set before it).
    await page.addInitScript((poll) => {
      (window as unknown as { _genesys: unknown })._genesys = {
        widgets: { main: { lang: 'en' }, webchat: { dataURL: `${location.origin}/genesys/2/chat/customer-support`, userData: { origin: 'legacy-demo' }, ...poll } },
      };
    }, fastPolling);
    await page.goto(`${rig.playground.url}/legacy/`);
  }

  it('chats with the agent, applies its preprocessor and prefilter, and restores after a navigation with no message shown twice', async () => {
    const page = await rig.newPage();
    await openLegacyPage(page);
    await page.waitForSelector('#status[data-status="ready"]');

    await page.click('#start-button');
    await page.waitForSelector('#status[data-status="chatting"]');
    const [session] = (await agent.sessions()).filter((s) => s.status !== 'ended');
    expect((await agent.session(session.id)).userData).toMatchObject({ page: 'legacy demo', origin: 'legacy-demo' });

    await agent.join(session.id, 'Dana');
    await agent.typing(session.id, true);
    await page.waitForFunction(() => document.getElementById('typing')?.textContent?.includes('typing'));
    await agent.say(session.id, 'hello :)');
    await agent.say(session.id, '#internal do not show this');
    await agent.say(session.id, 'how can I help?');
    await waitForLine(page, 'hello 🙂');
    await waitForLine(page, 'how can I help?');
    expect((await shownLines(page)).map((l) => l.text)).not.toContain('#internal do not show this');

    await page.fill('#message', 'my order is late');
    await page.click('#send');
    await waitForLine(page, 'my order is late');
    expect((await agent.session(session.id)).transcript).toContainEqual(expect.objectContaining({ kind: 'message', text: 'my order is late' }));
    expect((await agent.session(session.id)).transcript.some((t) => t.kind === 'typing-start')).toBe(true);

    const before = await shownLines(page);

    // A real navigation: away to another page of the site, then back to the chat page.
    await page.goto(`${rig.playground.url}/`);
    await agent.say(session.id, 'are you still there?');
    await page.goto(`${rig.playground.url}/legacy/`);
    await page.waitForSelector('#status[data-status="chatting"]');
    await waitForLine(page, 'are you still there?');
    await agent.say(session.id, 'after the restore');
    await waitForLine(page, 'after the restore');

    const after = await shownLines(page);
    const indexes = after.map((l) => l.index);
    expect(new Set(indexes).size).toBe(indexes.length);
    expect(after.map((l) => l.text)).toEqual([...before.map((l) => l.text), 'are you still there?', 'after the restore']);
    expect(after.map((l) => l.text)).not.toContain('#internal do not show this');
    expect(await page.$$eval('#transcript .line[data-restored="true"]', (l) => l.length)).toBe(before.length + 1);

    await page.click('#end');
    await page.waitForSelector('#status[data-status="ended"]');
    expect((await agent.session(session.id)).status).toBe('ended');
    expect(await page.isVisible('#start-panel')).toBe(true);
  });
});
