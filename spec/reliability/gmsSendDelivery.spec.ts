import { firstValueFrom, type Observable } from 'rxjs';
import { createWebChatService } from '../../lib/createWebChatService';
import type { GmsSessionData } from '../../lib/model/results';
import type { KeyValueStorage } from '../../lib/platform/platform';
import type { WebChatService } from '../../lib/service/WebChatService';
import { memoryStorage } from '../../lib/storage/memoryStorage';
import { startPlayground, type Playground } from '../../playground/server/index';
import { recordEvents, type EventRecorder } from '../helpers/eventRecorder';
import { nodeServiceOptions } from '../helpers/nodeServiceOptions';
import { playgroundConfig } from '../helpers/playgroundConfig';
import { pause } from '../helpers/eventually';

/** What a command settled with: `{ok, value}` or `{ok: false, rejection}`. */
const settle = (call: Observable<unknown>) =>
  firstValueFrom(call).then(
    (value) => ({ ok: true as const, value }),
    (rejection: unknown) => ({ ok: false as const, rejection }),
  );

describe('GMS sendMessage when the request fails: verified in the transcript, never sent twice (contract §6.4)', () => {
  let playground: Playground;
  let chat: WebChatService;
  let events: EventRecorder;
  let storage: KeyValueStorage;
  let id: string;

  const open = () => {
    const service = createWebChatService(
      playgroundConfig('gms-v2', playground.url, { pollRateMin: 100, pollRateMax: 200, ajaxTimeout: 400, backoffMax: 300 }),
      nodeServiceOptions({ storage }),
    );
    return { service, recorder: recordEvents(service.events$) };
  };
  const sends = () => playground.requestLog.filter((e) => e.sessionId === id && e.route === 'send').length;
  const onServer = (text: string) => playground.store.get(id)!.transcript.filter((e) => e.kind === 'message' && e.text === text).length;
  const shown = (text: string) => events.all('messageReceived').flatMap((d) => d.messages).filter((m) => m.text === text).length;

  beforeAll(async () => {
    playground = await startPlayground({ agent: 'manual' });
  });
  afterAll(() => playground.close());
  beforeEach(async () => {
    playground.faults.clear();
    storage = memoryStorage();
    ({ service: chat, recorder: events } = open());
    await firstValueFrom(chat.startChat({ nickname: 'Ada' }));
    id = (chat.state.sessionData as GmsSessionData).sessionID!;
    await events.next('pollingStarted');
  });
  afterEach(() => {
    events.stop();
    chat.destroy();
  });

  it('the server stored it but the answer came back cut: the transcript shows it arrived, so the send resolves', async () => {
    playground.faults.add({ transport: 'gms-v2', route: 'send', sessionId: id, kind: 'truncatedJson' });
    const result = await settle(chat.sendMessage({ message: 'cut answer' }));
    expect(result).toMatchObject({ ok: true, value: { statusCode: 0 } });
    expect(sends()).toBe(1);
    expect(onServer('cut answer')).toBe(1);
    await events.next('messageReceived', (d) => d.messages.some((m) => m.text === 'cut answer'));
    expect(shown('cut answer')).toBe(1);
  });

  it.each(['http503', 'drop', 'plain403', 'malformedJson'] as const)('%s before the server took it: the transcript says MessageNotDelivered, so the outbox sends it again: delivered once', async (kind) => {
    playground.faults.add({ transport: 'gms-v2', route: 'send', sessionId: id, kind });
    const result = await settle(chat.sendMessage({ message: `lost to ${kind}` }));
    expect(result).toMatchObject({ ok: true });
    // Issue 14: a send the transcript proved undelivered is sent again (never one whose fate is unknown).
    expect(sends()).toBe(2);
    expect(onServer(`lost to ${kind}`)).toBe(1);
    // The session goes on: the next send is delivered, once.
    await expect(settle(chat.sendMessage({ message: 'after' }))).resolves.toMatchObject({ ok: true });
    expect(onServer('after')).toBe(1);
  });

  it('a timeout waits one more ajaxTimeout before reading the transcript, so a slow server that took it is found', async () => {
    playground.faults.add({ transport: 'gms-v2', route: 'send', sessionId: id, kind: 'slow', delayMs: 600 });
    const result = await settle(chat.sendMessage({ message: 'slow but there' }));
    expect(result).toMatchObject({ ok: true });
    expect(onServer('slow but there')).toBe(1);
    expect(sends()).toBe(1);
  });

  it('when the transcript cannot be read either, it rejects MessageDeliveryUnknown — still sent only once', async () => {
    playground.faults.add([
      { transport: 'gms-v2', route: 'send', sessionId: id, kind: 'http502' },
      { transport: 'gms-v2', route: 'refresh', sessionId: id, kind: 'http503', count: 20 },
    ]);
    const result = await settle(chat.sendMessage({ message: 'unknowable' }));
    expect(result).toMatchObject({ ok: false, rejection: { status: 502, errorReason: 'MessageDeliveryUnknown' } });
    expect(sends()).toBe(1);
  });

  it('a refusal GMS itself answered (statusCode 2) is final: no transcript read, no secureKey in the rejection', async () => {
    const before = playground.requestLog.length;
    const result = await settle(chat.sendMessage({ message: 'x'.repeat(4100) }));
    expect(result).toMatchObject({ ok: false, rejection: { statusCode: 2, errors: [{ code: 204 }] } });
    expect(JSON.stringify(result)).not.toContain((chat.state.sessionData as GmsSessionData).secureKey!);
    const reads = playground.requestLog.slice(before).filter((e) => e.route === 'refresh' && e.sessionId === id);
    // Only the poll loop's reads: at most a few at 100–200 ms while the send took a few ms.
    expect(reads.length).toBeLessThan(4);
  });

  it('a garbled answer to the restore is an HTTP failure, not the end of the chat: restoreFailed, keys kept, restore works next time', async () => {
    chat.destroy();
    events.stop();
    // A poll of the old instance may still be on its way in: let it land before the fault is armed.
    await pause(300);
    playground.faults.add({ transport: 'gms-v2', route: 'refresh', sessionId: id, kind: 'malformedJson' });
    ({ service: chat, recorder: events } = open());
    const failed = await events.next('restoreFailed');
    expect(JSON.stringify(failed)).not.toContain('secureKey":"');
    expect(events.names()).not.toContain('restoreTimeout');
    await expect(settle(chat.restore())).resolves.toMatchObject({ ok: true });
    expect(chat.state.sessionActive).toBe(true);
    expect((chat.state.sessionData as GmsSessionData).sessionID).toBe(id);
  });
});
