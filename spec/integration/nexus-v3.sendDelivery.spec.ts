import { startPlayground, type Playground } from '../../playground/server/index';
import { settle, startedChat, type StartedChat } from '../reliability/reliabilityHarness';

/**
 * A Nexus send that got no answer is settled from the transcript (contract §6.4), against the
 * playground's fault injection: the read (`GET …/messages?index=`) says whether the server took it,
 * and the message is never sent twice.
 */
describe('nexus-v3 sendMessage without an answer: verified in the transcript, never sent twice', () => {
  let playground: Playground;
  let started: StartedChat;

  const sends = () => playground.requestLog.filter((e) => e.sessionId === started.id && e.route === 'send').length;
  const shown = (text: string) => started.events.all('messageReceived').flatMap((d) => d.messages).filter((m) => m.text === text).length;

  beforeAll(async () => {
    playground = await startPlayground({ agent: 'manual' });
  });
  afterAll(() => playground.close());
  beforeEach(async () => {
    playground.faults.clear();
    started = await startedChat(playground, 'nexus-v3');
  });
  afterEach(() => started.close());

  it('the server stored it but the answer came back cut: the read finds it, the send resolves, it is shown once', async () => {
    playground.faults.add({ transport: 'nexus-v3', route: 'send', sessionId: started.id, kind: 'truncatedJson' });
    const result = await settle(started.chat.sendMessage({ message: 'cut answer' }));
    expect(result).toMatchObject({ ok: true });
    expect(sends()).toBe(1);
    expect(started.onServer('cut answer')).toBe(1);
    // A later message has been polled too: nothing published the found one a second time.
    await expect(settle(started.chat.sendMessage({ message: 'after it' }))).resolves.toMatchObject({ ok: true });
    await started.events.next('messageReceived', (d) => d.messages.some((m) => m.text === 'after it'));
    expect(shown('cut answer')).toBe(1);
  });

  it.each(['drop', 'malformedJson'] as const)('%s before the server took it: the transcript says MessageNotDelivered, so the outbox sends it again: delivered once', async (kind) => {
    playground.faults.add({ transport: 'nexus-v3', route: 'send', sessionId: started.id, kind });
    const result = await settle(started.chat.sendMessage({ message: `lost to ${kind}` }));
    expect(result).toMatchObject({ ok: true });
    // Issue 14: a send the transcript proved undelivered is sent again (never one whose fate is unknown).
    expect(sends()).toBe(2);
    expect(started.onServer(`lost to ${kind}`)).toBe(1);
    await expect(settle(started.chat.sendMessage({ message: 'after' }))).resolves.toMatchObject({ ok: true });
    expect(started.onServer('after')).toBe(1);
  });

  it('a 5xx that names a Nexus code is an answer (no delivery read): the server did not take it, so the outbox sends it again once', async () => {
    playground.faults.add({ transport: 'nexus-v3', route: 'send', sessionId: started.id, kind: 'http503' });
    const result = await settle(started.chat.sendMessage({ message: 'refused once' }));
    expect(result).toMatchObject({ ok: true });
    expect(sends()).toBe(2);
    expect(started.onServer('refused once')).toBe(1);
  });

  it("a 4xx refusal is final: rejected with the server's answer, sent once", async () => {
    playground.faults.add({ transport: 'nexus-v3', route: 'send', sessionId: started.id, kind: 'http503', status: 400 });
    const result = await settle(started.chat.sendMessage({ message: 'refused' }));
    expect(result).toMatchObject({ ok: false, rejection: { status: 400 } });
    expect(result).not.toMatchObject({ rejection: { errorReason: expect.anything() } });
    expect(sends()).toBe(1);
    expect(started.chat.state.outbox.map((e) => [e.text, e.status, e.failure])).toEqual([['refused', 'failed', 'rejected']]);
  });
});
