import { firstValueFrom } from 'rxjs';
import type { Observable } from 'rxjs';
import { Rejections, commandUnsupported } from '../../lib/model/rejections';
import { memoryStorage } from '../../lib/storage/memoryStorage';
import WebSocket from 'ws';
import { nodeServiceOptions } from '../helpers/nodeServiceOptions';
import type { EventRecorder } from '../helpers/eventRecorder';
import { eventually } from '../helpers/eventually';
import { usePlayground } from '../helpers/usePlayground';

const rejection = (call: Observable<unknown>) =>
  firstValueFrom(call).then(
    (value) => {
      throw new Error(`expected a rejection, got ${JSON.stringify(value)}`);
    },
    (error: unknown) => error,
  );
/** Every message index the service published, in order (duplicates kept). */
const published = (events: EventRecorder) => events.all('messageReceived').flatMap((batch) => batch.messages.map((m) => m.index));

/** WebSockets the CometD library opened: the window it reads is prepared here (the platform fills it only when absent). */
let sockets = 0;
beforeAll(() => {
  class CountedWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols);
      sockets += 1;
    }
  }
  const xhr = (nodeServiceOptions().createXHR as () => XMLHttpRequest) ?? (() => undefined);
  Object.assign(globalThis, { window: { setTimeout, clearTimeout, console, WebSocket: CountedWebSocket, XMLHttpRequest: Object.assign(function make() { return xhr(); }, { UNSENT: 0 }) } });
});

/**
 * GMS v2 over CometD (wire-gms-v2 §11) against the playground's real Bayeux endpoint, once over
 * WebSocket and once over long-polling (`cometD.websocketEnabled: false`).
 */
describe.each([
  ['websocket', true],
  ['long-polling', false],
] as const)('gms-v2-cometd over %s against the playground', (_name, websocketEnabled) => {
  const harness = usePlayground('gms-v2-cometd', { cometD: { websocketEnabled } });
  const chatIdOf = (data: unknown) => (data as { chatId: string }).chatId;

  it('runs a whole chat: start, agent join, typing, reply, customer message, agent leave, end; each message once', async () => {
    const { chat, events } = harness.open();
    const socketsBefore = sockets;
    const started = await firstValueFrom(chat.startChat({ nickname: 'Ada', userData: { tier: 'gold' } }));
    expect(sockets > socketsBefore).toBe(websocketEnabled);
    const id = chatIdOf(started);
    expect(harness.playground.store.get(id)).toMatchObject({ transport: 'gms-v2-cometd', userData: expect.objectContaining({ tier: 'gold', GCTI_LanguageCode: 'en' }) });
    const agent = harness.playground.agent;
    agent.join(id, { name: 'Dana' });
    await events.next('agentConnected');
    agent.typing(id, true);
    await events.next('agentTypingStarted');
    agent.say(id, 'hello from the agent');
    await events.next('messageReceived', (batch) => batch.messages.some((m) => m.text === 'hello from the agent'));
    await firstValueFrom(chat.sendMessage({ message: 'hi there' }));
    await events.next('messageReceived', (batch) => batch.messages.some((m) => m.text === 'hi there' && m.from.type === 'Client'));
    agent.leave(id);
    await events.next('agentDisconnected');
    await firstValueFrom(chat.endChat());
    await events.next('ended');
    expect(harness.playground.store.get(id)?.status).toBe('ended');
    const indexes = published(events);
    expect(new Set(indexes).size).toBe(indexes.length);
    expect(events.names()).toEqual(expect.arrayContaining(['started', 'clientConnected', 'agentConnected', 'agentTypingStarted', 'agentTypingStopped', 'agentDisconnected', 'clientDisconnected', 'ended']));
    expect(events.names()).not.toContain('pollingStarted');
  });

  it('resolves every command it carries, and rejects the polling ones with the CometD text', async () => {
    const { chat } = harness.open();
    const id = chatIdOf(await firstValueFrom(chat.startChat({ nickname: 'Ada' })));
    await expect(firstValueFrom(chat.sendCustomNotice({ message: 'note' }))).resolves.toMatchObject({ statusCode: 0 });
    await expect(firstValueFrom(chat.updateUserData({ orderId: 'A-1' }))).resolves.toMatchObject({ statusCode: 0 });
    await eventually(() => expect(harness.playground.store.get(id)?.userData).toMatchObject({ orderId: 'A-1' }));
    await expect(firstValueFrom(chat.sendTyping({ message: 'My ord' }))).resolves.toMatchObject({ statusCode: 0 });
    await eventually(() => expect(harness.playground.store.get(id)?.draft).toBe('My ord'));
    expect(await rejection(chat.startPoll())).toBe(Rejections.pollCometD);
    expect(await rejection(chat.stopPoll())).toBe(Rejections.pollCometD);
    expect(await rejection(chat.command('poll', {}, 'WebChatService'))).toBe(Rejections.pollCometD);
    expect(await rejection(chat.pausePoll())).toBe(commandUnsupported('pausePoll'));
    expect(await rejection(chat.fetchHistory())).toBe(Rejections.historyAsync);
    await expect(firstValueFrom(chat.resetPollExceptions())).resolves.toBeUndefined();
    await expect(firstValueFrom(chat.getSessionData())).resolves.toMatchObject({ sessionID: id });
    expect(await rejection(chat.sendMessage({ message: '' }))).toBe(Rejections.noText);
  });

  it('sends a file to chat-ntf, reads the limits, and downloads it; FileUploaded arrives on the channel', async () => {
    const { chat, events } = harness.open();
    await firstValueFrom(chat.startChat({ nickname: 'Ada' }));
    const limits = (await firstValueFrom(chat.getFileLimits())) as { limits: { uploadMaxFiles: number } };
    expect(limits.limits.uploadMaxFiles).toBeGreaterThan(0);
    const uploaded = (await firstValueFrom(chat.sendFile({ files: new File(['hello'], 'a.txt', { type: 'text/plain' }) }))) as { userData: { 'file-id': string } };
    const fileId = uploaded.userData['file-id'];
    const batch = await events.next('messageReceived', (b) => b.messages.some((m) => m.type === 'FileUploaded'));
    expect(batch.messages.find((m) => m.type === 'FileUploaded')?.fileDetails).toMatchObject({ 'file-id': fileId });
    const downloaded = (await firstValueFrom(chat.downloadFile({ fileId }))) as { blob: Blob };
    expect(await downloaded.blob.text()).toBe('hello');
    // The file API's answers are published as `ajaxResponse`: the server's body, as on REST GMS.
    const answers = events.all('ajaxResponse');
    expect(answers.length).toBeGreaterThan(0);
    for (const body of answers) expect(body).not.toHaveProperty('verdict');
  });

  it('restores after navigation from the stored keys: the replay once, then only new messages', async () => {
    const storage = memoryStorage();
    const first = harness.openWith(storage);
    const id = chatIdOf(await firstValueFrom(first.chat.startChat({ nickname: 'Ada' })));
    harness.playground.agent.join(id, { name: 'Dana' });
    harness.playground.agent.say(id, 'before');
    await first.events.next('messageReceived', (b) => b.messages.some((m) => m.text === 'before'));
    first.chat.destroy();
    const second = harness.openWith(storage);
    await second.events.next('restored');
    const replay = await second.events.next('messageReceived');
    expect(replay.restoring).toBe(true);
    harness.playground.agent.say(id, 'after');
    await second.events.next('messageReceived', (b) => b.messages.some((m) => m.text === 'after'));
    const indexes = published(second.events);
    expect(new Set(indexes).size).toBe(indexes.length);
    expect(indexes).toEqual([...indexes].sort((a, b) => a - b));
  });

  it('drop: a lost Bayeux session is disconnected, re-attached with requestNotifications and reconnected, with no message twice', async () => {
    const { chat, events } = harness.open({ pollRateMin: 250 });
    const id = chatIdOf(await firstValueFrom(chat.startChat({ nickname: 'Ada' })));
    harness.playground.agent.join(id, { name: 'Dana' });
    await events.next('agentConnected');
    harness.playground.faults.add({ transport: 'gms-v2-cometd', route: 'connect', kind: 'drop', count: 1 });
    await events.next('disconnected', undefined, 10000);
    harness.playground.agent.say(id, 'while away');
    await events.next('reconnected', undefined, 10000);
    await events.next('messageReceived', (b) => b.messages.some((m) => m.text === 'while away'), 10000);
    const indexes = published(events);
    expect(new Set(indexes).size).toBe(indexes.length);
  });

  it('socketTerminate: a cut transport under a live Bayeux session goes on, the message of the gap arriving once', async () => {
    const { chat, events } = harness.open({ pollRateMin: 250 });
    const id = chatIdOf(await firstValueFrom(chat.startChat({ nickname: 'Ada' })));
    harness.playground.agent.join(id, { name: 'Dana' });
    await events.next('agentConnected');
    harness.playground.faults.add({ transport: 'gms-v2-cometd', route: 'connect', kind: 'socketTerminate', count: 1 });
    harness.playground.agent.say(id, 'across the cut');
    await events.next('messageReceived', (b) => b.messages.some((m) => m.text === 'across the cut'), 10000);
    // A reported loss is always followed by the re-attach: never left disconnected.
    if (events.all('disconnected').length > 0) await events.next('reconnected', undefined, 10000);
    const indexes = published(events);
    expect(new Set(indexes).size).toBe(indexes.length);
  });
});

describe('gms-v2-cometd async mode against the playground (contract §14.5)', () => {
  const harness = usePlayground('gms-v2-cometd');

  it('restores from setSessionData: the last page, then older pages with fetchHistory, nothing twice', async () => {
    let stored: unknown;
    const async = { enabled: true, maxMessagePageSize: 3, getSessionData: (data: unknown) => void (stored = data), setSessionData: () => stored };
    const first = harness.openWith(memoryStorage(), { async });
    const id = ((await firstValueFrom(first.chat.startChat({ nickname: 'Ada' }))) as { chatId: string }).chatId;
    harness.playground.agent.join(id, { name: 'Dana' });
    for (const text of ['one', 'two', 'three', 'four', 'five']) harness.playground.agent.say(id, text);
    await first.events.next('messageReceived', (b) => b.messages.some((m) => m.text === 'five'));
    first.chat.destroy();
    const second = harness.openWith(memoryStorage(), { async });
    expect(await second.events.next('restored')).toEqual({ async: true });
    const last = await second.events.next('messageReceived');
    expect(last.messages.map((m) => m.text)).toEqual(['three', 'four', 'five']);
    await firstValueFrom(second.chat.fetchHistory());
    const older = await second.events.next('messageReceived', (b) => b.oldMessages === true);
    expect(older.messages).toHaveLength(3);
    const indexes = published(second.events);
    expect(new Set(indexes).size).toBe(indexes.length);
  });
});
