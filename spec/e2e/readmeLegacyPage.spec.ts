/**
 * README.md's legacy-page block, run as written in Chromium: the page is the block itself, served
 * from the folder of the built bundle (so its `<script src="webchat-rx.cxbus.min.js">` loads the real
 * file), with only the example GMS URL pointed at the playground. `render()` is the page's own
 * function in the README; here it records what it is given.
 */
import { join } from 'node:path';
import { markdownCodeBlocks } from '../helpers/markdownCodeBlocks';
import { agentApi, startRig, waitMs } from './browserHarness';
import type { BrowserRig } from './browserHarness';
import { eventually } from '../helpers/eventually';

const block = markdownCodeBlocks(join(__dirname, '..', '..', 'README.md')).find(
  (b) => b.lang === 'html' && b.heading === 'Use it from a legacy page (CXBus)',
);

describe("README's legacy page in Chromium", () => {
  let rig: BrowserRig;
  beforeAll(async () => {
    rig = await startRig();
  });
  afterAll(() => rig?.close());

  it('starts a chat on load and hands the agent\'s messages to the page\'s subscriber', async () => {
    expect(block).toBeDefined();
    const exampleURL = 'https://gms.example.com/genesys/2/chat/customer-support';
    expect(block!.code).toContain(exampleURL);
    const html = `<!doctype html><html><head><title>README legacy page</title></head><body>\n${block!.code.replace(exampleURL, `${rig.playground.url}/genesys/2/chat/customer-support`)}\n</body></html>`;
    const page = await rig.newPage();
    await page.addInitScript(() => {
      const w = window as unknown as { __rendered: string[]; render(messages: { text: string }[]): void };
      w.__rendered = [];
      w.render = (messages) => messages.forEach((m) => w.__rendered.push(m.text));
    });
    const pageURL = `${rig.playground.url}/dist/readme-legacy.html`;
    await page.route(pageURL, (route) => route.fulfill({ contentType: 'text/html', body: html }));
    await page.goto(pageURL);

    const agent = agentApi(rig.playground);
    const sessions = await eventually(async () => {
      const all = await agent.sessions();
      expect(all.some((s) => s.status !== 'ended')).toBe(true);
      return all;
    }, waitMs, 50);
    const session = sessions.find((s) => s.status !== 'ended');
    expect(session).toBeDefined();
    await agent.join(session!.id, 'Dana');
    await agent.say(session!.id, 'Hello from the README');
    await page.waitForFunction(() => (window as unknown as { __rendered: string[] }).__rendered.includes('Hello from the README'));
    expect(await page.evaluate(() => (window as unknown as { __rendered: string[] }).__rendered.filter((t) => t === 'Hello from the README'))).toHaveLength(1);
  });
});
