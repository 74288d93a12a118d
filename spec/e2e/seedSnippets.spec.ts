import { Rejections } from '../../lib/model/rejections';
import { agentApi, evaluateBusCode, fastPolling, presetWidgets, startRig, waitForBusEvent } from './browserHarness';
import type { BrowserRig, Settled } from './browserHarness';
import { jQueryStandIn, seedSnippets } from './seedSnippets';
import { playgroundConfig } from '../helpers/playgroundConfig';

type Outcome = Settled | { state: 'not a promise' };

/** What each example must come to on a GMS v2 chat (`contract.md` §6, §7); `settles` = either way. */
const expected: Record<string, 'resolved' | 'settles' | { rejected: string } | 'not a promise'> = {
  registerPlugin: 'not a promise',
  'subscribe ready': 'not a promise',
  'getAgents (short)': 'resolved',
  registerPreProcessor: 'resolved',
  registerTypingPreviewInput: 'resolved',
  'startChat (v2, flat)': 'resolved',
  sendMessage: 'resolved',
  sendTyping: 'resolved',
  sendCustomNotice: 'resolved',
  updateUserData: 'resolved',
  poll: { rejected: Rejections.privateCommand },
  stopPoll: 'resolved',
  startPoll: 'resolved',
  resetPollExceptions: 'resolved',
  restore: { rejected: Rejections.privateRestore },
  getTranscript: 'resolved',
  getAgents: 'resolved',
  getStats: 'resolved',
  getSessionData: 'resolved',
  verifySession: 'resolved',
  fetchHistory: { rejected: Rejections.historyAsync },
  sendFile: 'settles',
  downloadFile: 'settles',
  sendFilteredMessage: 'resolved',
  addPrefilter: 'resolved',
  endChat: 'resolved',
  'startChat (v3, form)': 'resolved',
  'endChat (again)': 'resolved',
};

describe('the reference pages’ examples, run unchanged against the bundle in Chromium', () => {
  let rig: BrowserRig;
  const outcomes = new Map<string, Outcome>();

  beforeAll(async () => {
    rig = await startRig();
    const page = await rig.newPage();
    await page.addInitScript(jQueryStandIn);
    await presetWidgets(page, { webchat: playgroundConfig('gms-v2', rig.playground.url, fastPolling) });
    await page.goto(`${rig.playground.url}/legacy/bare.html`);
    await waitForBusEvent(page, 'WebChatService.ready');
    for (const snippet of seedSnippets) {
      const outcome = await evaluateBusCode(page, snippet.code);
      outcomes.set(snippet.name, outcome);
    }
  });
  afterAll(() => rig?.close());

  it('covers every example in the list', () => {
    expect([...outcomes.keys()]).toEqual(seedSnippets.map((s) => s.name));
    expect(Object.keys(expected).sort()).toEqual(seedSnippets.map((s) => s.name).sort());
  });

  it.each(seedSnippets.map((s) => [s.name]))('%s settles as the contract says', (name) => {
    const outcome = outcomes.get(name)!;
    const want = expected[name];
    if (want === 'not a promise') expect(outcome.state).toBe('not a promise');
    else if (want === 'settles') expect(['resolved', 'rejected']).toContain(outcome.state);
    else if (want === 'resolved') expect(outcome.state).toBe('resolved');
    else expect(outcome).toEqual({ state: 'rejected', args: [want.rejected] });
  });

  it('resolves registerPreProcessor with the function and verifySession with the session state', () => {
    expect((outcomes.get('registerPreProcessor') as Settled).args).toEqual(['function']);
    expect((outcomes.get('verifySession') as Settled).args).toEqual([{ sessionActive: true }]);
    expect((outcomes.get('getSessionData') as Settled).args[0]).toMatchObject({ sessionID: expect.any(String), secureKey: expect.any(String) });
  });

  it('started the v2 chat with the flat form fields and the v3 one with the form object', async () => {
    const sessions = await agentApi(rig.playground).sessions();
    const customers = await Promise.all(sessions.map(async (s) => (await agentApi(rig.playground).session(s.id)) as unknown as { customer: Record<string, string>; status: string }));
    expect(customers).toHaveLength(2);
    for (const { customer, status } of customers) {
      expect(customer).toMatchObject({ name: 'Jonny', firstName: 'Johnathan', lastName: 'Smith', email: 'jon.smith@mail.com', subject: 'product questions' });
      expect(status).toBe('ended');
    }
  });
});
