import type { Page } from 'playwright-core';
import { Rejections } from '../../lib/model/rejections';
import { widgetsName } from '../../lib/productVersion';
import { agentApi, busCommand, busEvents, fastPolling, presetWidgets, startRig, waitForBusEvent } from './browserHarness';
import type { BrowserRig } from './browserHarness';
import { playgroundConfig } from '../helpers/playgroundConfig';

/**
 * A whole chat in Chromium, driven only through bus commands (`_genesys.widgets.bus.command`) and
 * observed only through bus events, against the playground's manual agent over its HTTP API.
 */
describe('CXBus bundle in Chromium: a whole chat through the bus', () => {
  let rig: BrowserRig;
  let page: Page;
  let agent: ReturnType<typeof agentApi>;

  beforeAll(async () => {
    rig = await startRig();
    agent = agentApi(rig.playground);
  });
  afterAll(() => rig?.close());

  beforeEach(async () => {
    page = await rig.newPage();
    await presetWidgets(page, { webchat: playgroundConfig('gms-v2', rig.playground.url, fastPolling) });
    await page.goto(`${rig.playground.url}/legacy/bare.html`);
    await waitForBusEvent(page, 'WebChatService.ready');
  });

  it('start → agent joins, types and writes → customer writes and types → agent leaves → endChat', async () => {
    const started = await busCommand(page, 'WebChatService.startChat', { nickname: 'Ada', firstname: 'Ada', lastname: 'Lovelace', subject: 'Billing', userData: { plan: 'gold' } });
    expect(started.state).toBe('resolved');
    const chatId = (started.args[0] as { chatId: string }).chatId;
    expect(chatId).toEqual(expect.any(String));
    expect((await waitForBusEvent(page, 'WebChatService.started')).data).toMatchObject({ sessionID: chatId });
    await waitForBusEvent(page, 'WebChatService.pollingStarted');
    expect((await waitForBusEvent(page, 'WebChatService.data.sessionActive')).data).toMatchObject({ value: true });
    // A page opened directly: the real document.referrer is '', sent as '' (issue 10 item 4).
    expect((await agent.session(chatId)).userData).toMatchObject({
      plan: 'gold',
      _genesys_source: 'web',
      _genesys_referrer: '',
      _genesys_url: `${rig.playground.url}/legacy/bare.html`,
      _genesys_pageTitle: expect.any(String),
      _genesys_browser: 'Chrome',
      _genesys_OS: expect.any(String),
      _genesys_widgets: widgetsName,
    });

    await agent.join(chatId, 'Dana');
    expect((await waitForBusEvent(page, 'WebChatService.agentConnected')).data).toMatchObject({ numAgentsConnected: 1, message: { from: { type: 'Agent', name: 'Dana' } } });
    await agent.typing(chatId, true);
    await waitForBusEvent(page, 'WebChatService.agentTypingStarted');
    await agent.say(chatId, 'hello from the agent');
    await waitForBusEvent(page, 'WebChatService.agentTypingStopped');
    const fromAgent = await waitForBusEvent(page, 'WebChatService.messageReceived', 'hello from the agent');
    expect(fromAgent.publisher).toBe('WebChatService');
    expect((fromAgent.data as { messages: { text: string; from: { type: string } }[] }).messages).toContainEqual(expect.objectContaining({ text: 'hello from the agent', from: expect.objectContaining({ type: 'Agent' }) }));

    expect((await busCommand(page, 'WebChatService.sendTyping', { message: 'hi th' })).state).toBe('resolved');
    await waitForBusEvent(page, 'WebChatService.clientTypingStarted');
    expect((await busCommand(page, 'WebChatService.sendMessage', { message: 'hi there' })).state).toBe('resolved');
    await waitForBusEvent(page, 'WebChatService.clientTypingStopped');
    await waitForBusEvent(page, 'WebChatService.messageReceived', 'hi there');
    expect((await agent.session(chatId)).transcript).toContainEqual(expect.objectContaining({ kind: 'message', text: 'hi there' }));

    const transcript = await busCommand(page, 'WebChatService.getTranscript');
    expect((transcript.args[0] as { messages: { text: string }[] }).messages.map((m) => m.text)).toEqual(expect.arrayContaining(['hello from the agent', 'hi there']));

    await agent.leave(chatId);
    await waitForBusEvent(page, 'WebChatService.agentDisconnected');

    expect((await busCommand(page, 'WebChatService.endChat')).state).toBe('resolved');
    await waitForBusEvent(page, 'WebChatService.ended');
    expect((await waitForBusEvent(page, 'WebChatService.data.sessionActive', '"value":false')).data).toMatchObject({ last: true, value: false });
    const names = (await busEvents(page)).map((e) => e.event);
    const endSequence = names.slice(names.indexOf('WebChatService.pollingStopped'));
    expect(endSequence.filter((n) => ['WebChatService.pollingStopped', 'WebChatService.clientDisconnected', 'WebChatService.ended'].includes(n))).toEqual([
      'WebChatService.pollingStopped',
      'WebChatService.clientDisconnected',
      'WebChatService.ended',
    ]);
    expect(names.filter((n) => n === 'WebChatService.ended')).toHaveLength(1);
    expect((await agent.session(chatId)).status).toBe('ended');
  });

  it('rewrites a command with a before hook, and vetoes one with the exact text', async () => {
    const started = await busCommand(page, 'WebChatService.startChat', { nickname: 'Ada' });
    const chatId = (started.args[0] as { chatId: string }).chatId;
    await page.evaluate(() => {
      const w = window as unknown as { _genesys: { widgets: { bus: { registerPlugin(n: string): { before(c: string, f: (o: { message: string }) => unknown): boolean } } } } };
      const plugin = w._genesys.widgets.bus.registerPlugin('Hooks');
      plugin.before('WebChatService.sendMessage', (o) => {
        if (o.message === 'veto me') return undefined;
        o.message = `[edited] ${o.message}`;
        return o;
      });
    });
    expect((await busCommand(page, 'WebChatService.sendMessage', { message: 'original' })).state).toBe('resolved');
    expect(await busCommand(page, 'WebChatService.sendMessage', { message: 'veto me' })).toEqual({ state: 'rejected', args: ["Command was cancelled by a 'before' function."] });
    const texts = (await agent.session(chatId)).transcript.filter((t) => t.kind === 'message').map((t) => t.text);
    expect(texts).toEqual(['[edited] original']);
    await busCommand(page, 'WebChatService.endChat');
  });

  it('rejects an unknown command with "Command does not exist" instead of hanging', async () => {
    expect(await busCommand(page, 'WebChatService.doesNotExist')).toEqual({ state: 'rejected', args: [Rejections.noCommand] });
  });

  it('rejects the private poll command from a page plugin with the exact text', async () => {
    expect(await busCommand(page, 'WebChatService.poll')).toEqual({ state: 'rejected', args: [Rejections.privateCommand] });
  });
});

describe('CXBus bundle in Chromium: commands sent before WebChatService is ready', () => {
  let rig: BrowserRig;

  beforeAll(async () => {
    rig = await startRig();
  });
  afterAll(() => rig?.close());

  it('buffers commands sent from onReady and runs them in order once WebChatService is ready', async () => {
    const page = await rig.newPage();
    await presetWidgets(page, { webchat: playgroundConfig('gms-v2', rig.playground.url, fastPolling) });
    // Runs inside onReady, i.e. before the service exists: the commands must wait, not fail.
    await page.addInitScript(() => {
      const w = window as unknown as { __early: unknown[]; __earlyStates: string[]; _genesys: { widgets: { onReady?: (bus: unknown) => void } } };
      w.__early = [];
      w.__earlyStates = [];
      const recorderOnReady = w._genesys.widgets.onReady;
      w._genesys.widgets.onReady = (bus) => {
        recorderOnReady?.(bus);
        const quick = bus as { command(c: string, o?: unknown): { state(): string; done(f: (v: unknown) => void): unknown } };
        for (const [name, options] of [['WebChatService.updateUserData', { early: 'yes' }], ['WebChatService.verifySession', {}]] as const) {
          const promise = quick.command(name, options);
          w.__earlyStates.push(promise.state());
          promise.done((value) => w.__early.push({ name, value }));
        }
      };
    });
    await page.goto(`${rig.playground.url}/legacy/bare.html`);
    await page.waitForFunction(() => (window as unknown as { __early: unknown[] }).__early.length === 2);
    const { early, states } = await page.evaluate(() => ({ early: (window as unknown as { __early: unknown[] }).__early, states: (window as unknown as { __earlyStates: string[] }).__earlyStates }));
    expect(states).toEqual(['pending', 'pending']);
    expect(early).toEqual([
      // Unbuffered, both would have been refused: the service's commands do not exist before App.ready.
      { name: 'WebChatService.updateUserData', value: { early: 'yes' } },
      { name: 'WebChatService.verifySession', value: { sessionActive: false } },
    ]);
  });
});
