import { firstValueFrom } from 'rxjs';
import { createWebChatService } from '../../lib/createWebChatService';
import type { WebChatService } from '../../lib/service/WebChatService';
import { startPlayground, type Playground } from '../../playground/server/index';
import { recordEvents, type EventRecorder } from '../helpers/eventRecorder';
import { nodeServiceOptions } from '../helpers/nodeServiceOptions';
import { settle } from '../reliability/reliabilityHarness';
import { playgroundConfig, quickTimings } from '../helpers/playgroundConfig';
import { startRoutedChat } from '../transports/purecloud-v2/startRoutedChat';

/**
 * A cloud send that got no answer is settled by reading the conversation (contract §6.4), against
 * the playground's fault injection. A `timeout` is not run here: the cloud `ajaxTimeout` floor is
 * 12 s, and the wait before the read would double it; its timing is in the virtual-time specs.
 */
describe('purecloud-v2 sendMessage without an answer: verified in the conversation, never sent twice', () => {
  let playground: Playground;
  let chat: WebChatService;
  let events: EventRecorder;
  let id: string;

  const sends = () => playground.requestLog.filter((e) => e.sessionId === id && e.route === 'send').length;
  const onServer = (text: string) => playground.store.get(id)!.transcript.filter((e) => e.kind === 'message' && e.text === text).length;
  const shown = (text: string) => events.all('messageReceived').flatMap((d) => d.messages).filter((m) => m.text === text).length;

  beforeAll(async () => {
    playground = await startPlayground({ agent: 'manual', heartbeatIntervalMs: 200 });
  });
  afterAll(() => playground.close());
  beforeEach(async () => {
    playground.faults.clear();
    chat = createWebChatService(playgroundConfig('purecloud-v2', playground.url, quickTimings['purecloud-v2']), nodeServiceOptions());
    events = recordEvents(chat.events$);
    ({ id } = await startRoutedChat(chat, playground));
  });
  afterEach(() => {
    events.stop();
    chat.destroy();
  });

  it('the server stored it but the answer came back cut: the read finds it, the send resolves, the echo publishes it once', async () => {
    playground.faults.add({ transport: 'purecloud-v2', route: 'send', sessionId: id, kind: 'truncatedJson' });
    const result = await settle(chat.sendMessage({ message: 'cut answer' }));
    expect(result).toMatchObject({ ok: true, value: { body: 'cut answer', id: expect.any(String) } });
    expect(sends()).toBe(1);
    expect(onServer('cut answer')).toBe(1);
    await events.next('messageReceived', (d) => d.messages.some((m) => m.text === 'cut answer'));
    // A later message's echo has come too: nothing published the found one a second time.
    await firstValueFrom(chat.sendMessage({ message: 'after it' }));
    await events.next('messageReceived', (d) => d.messages.some((m) => m.text === 'after it'));
    expect(shown('cut answer')).toBe(1);
    expect(events.all('messageReceived').flatMap((d) => d.messages).find((m) => m.text === 'cut answer')).toMatchObject({ id: (result as { value: { id: string } }).value.id });
  });

  it.each(['http503', 'drop', 'malformedJson'] as const)('%s before the server took it: the conversation says MessageNotDelivered, so the outbox sends it again: delivered once', async (kind) => {
    playground.faults.add({ transport: 'purecloud-v2', route: 'send', sessionId: id, kind });
    const result = await settle(chat.sendMessage({ message: `lost to ${kind}` }));
    expect(result).toMatchObject({ ok: true, value: { body: `lost to ${kind}` } });
    // Issue 14: a send the conversation proved undelivered is sent again (never one whose fate is unknown).
    expect(sends()).toBe(2);
    expect(onServer(`lost to ${kind}`)).toBe(1);
    // The session goes on: the next send is delivered, once.
    await expect(settle(chat.sendMessage({ message: 'after' }))).resolves.toMatchObject({ ok: true });
    expect(onServer('after')).toBe(1);
  });

  it('when the conversation cannot be read either, it rejects MessageDeliveryUnknown — still sent only once', async () => {
    playground.faults.add([
      { transport: 'purecloud-v2', route: 'send', sessionId: id, kind: 'http502' },
      { transport: 'purecloud-v2', route: 'messages', sessionId: id, kind: 'http503', count: 20 },
    ]);
    const result = await settle(chat.sendMessage({ message: 'unknowable' }));
    expect(result).toMatchObject({ ok: false, rejection: { status: 502, errorReason: 'MessageDeliveryUnknown' } });
    expect(sends()).toBe(1);
    expect(playground.requestLog.filter((e) => e.sessionId === id && e.route === 'messages' && e.fault === 'http503')).toHaveLength(3);
  });

  it('a 429 the server answered needs no read of the conversation: it did not take the message, so the outbox sends it again after its wait, once', async () => {
    playground.faults.add({ transport: 'purecloud-v2', route: 'send', sessionId: id, kind: 'http429' });
    const before = playground.requestLog.length;
    const result = await settle(chat.sendMessage({ message: 'too fast' }));
    expect(result).toMatchObject({ ok: true, value: { body: 'too fast' } });
    expect(sends()).toBe(2);
    expect(onServer('too fast')).toBe(1);
    expect(playground.requestLog.slice(before).filter((e) => e.sessionId === id && e.route === 'messages')).toHaveLength(0);
  });

  it("a 4xx refusal is final: rejected with the server's answer, no read, sent once, failed in the outbox", async () => {
    playground.faults.add({ transport: 'purecloud-v2', route: 'send', sessionId: id, kind: 'http503', status: 400 });
    const before = playground.requestLog.length;
    const result = await settle(chat.sendMessage({ message: 'refused' }));
    expect(result).toMatchObject({ ok: false, rejection: { status: 400 } });
    expect((result as { rejection: Record<string, unknown> }).rejection.errorReason).toBeUndefined();
    expect(sends()).toBe(1);
    expect(playground.requestLog.slice(before).filter((e) => e.sessionId === id && e.route === 'messages')).toHaveLength(0);
    expect(chat.state.outbox.map((e) => [e.text, e.status, e.failure])).toEqual([['refused', 'failed', 'rejected']]);
  });
});
