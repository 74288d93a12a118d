import { firstValueFrom } from 'rxjs';
import { createWebChatService } from '../../lib/createWebChatService';
import type { WebChatService } from '../../lib/service/WebChatService';
import { Rejections } from '../../lib/model/rejections';
import { memoryStorage } from '../../lib/storage/memoryStorage';
import type { KeyValueStorage } from '../../lib/platform/platform';
import { startPlayground } from '../../playground/server/index';
import type { Playground } from '../../playground/server/index';
import { recordEvents } from '../helpers/eventRecorder';
import type { EventRecorder } from '../helpers/eventRecorder';
import { eventually } from '../helpers/eventually';
import { nodeServiceOptions } from '../helpers/nodeServiceOptions';
import { playgroundConfig, quickTimings } from '../helpers/playgroundConfig';
import { startRoutedChat } from '../transports/purecloud-v2/startRoutedChat';
import type { WebChatConfig } from '../../lib/model/config';

describe('purecloud-v2 over the playground: restore after navigation, and history', () => {
  let playground: Playground;
  const services: Array<{ chat: WebChatService; events: EventRecorder }> = [];

  beforeAll(async () => {
    playground = await startPlayground({ agent: 'manual', heartbeatIntervalMs: 200 });
  });
  afterAll(() => playground.close());
  afterEach(() => {
    for (const { chat, events } of services.splice(0)) {
      events.stop();
      chat.destroy();
    }
  });

  const open = (storage: KeyValueStorage, overrides: Partial<WebChatConfig> = {}) => {
    const chat = createWebChatService(playgroundConfig('purecloud-v2', playground.url, quickTimings['purecloud-v2'], overrides), nodeServiceOptions({ storage }));
    const events = recordEvents(chat.events$);
    services.push({ chat, events });
    return { chat, events };
  };

  /** A first page life: a chat with an agent who said `count` numbered lines; the page then goes away. */
  const firstPageLife = async (storage: KeyValueStorage, count: number, overrides: Partial<WebChatConfig> = {}) => {
    const { chat, events } = open(storage, overrides);
    const { id } = await startRoutedChat(chat, playground);
    playground.agent.join(id, { name: 'Kim' });
    for (let n = 1; n <= count; n += 1) playground.agent.say(id, `line ${n}`);
    await events.next('messageReceived', (d) => d.messages.some((m) => m.text === `line ${count}`));
    // Navigation: the page (and its socket) goes away without ending the chat.
    chat.destroy();
    return id;
  };

  it('restores in a new service instance: restored, one page of history with restoring: true, then live messages', async () => {
    const storage = memoryStorage();
    const id = await firstPageLife(storage, 5, { transport: { maxMessagePageSize: 3 } });
    expect(playground.store.get(id)!.status).toBe('active');

    const { chat, events } = open(storage, { transport: { maxMessagePageSize: 3 } });
    await events.next('restored');
    const replay = await events.next('messageReceived');
    expect(replay.restoring).toBe(true);
    expect(replay.messages.map((m) => m.text)).toEqual(['line 3', 'line 4', 'line 5']);
    expect(replay.messages.every((m) => m.restoring === true)).toBe(true);
    expect(events.names().indexOf('restored')).toBeLessThan(events.names().indexOf('messageReceived'));
    expect(chat.state.sessionActive).toBe(true);

    playground.agent.say(id, 'welcome back');
    const live = await events.next('messageReceived', (d) => d.messages.some((m) => m.text === 'welcome back'));
    expect(live.restoring).toBe(false);
    await firstValueFrom(chat.sendMessage({ message: 'thanks' }));
    await events.next('messageReceived', (d) => d.messages.some((m) => m.text === 'thanks'));
  });

  it('pages back through history with fetchHistory until "No more messages to fetch"', async () => {
    const storage = memoryStorage();
    await firstPageLife(storage, 7, { transport: { maxMessagePageSize: 3 } });
    const { chat, events } = open(storage, { transport: { maxMessagePageSize: 3 } });
    await events.next('restored');
    const replay = await events.next('messageReceived');
    expect(replay.messages.map((m) => m.text)).toEqual(['line 5', 'line 6', 'line 7']);

    const pages: string[][] = [];
    for (;;) {
      const result = await firstValueFrom(chat.fetchHistory()).catch((e: unknown) => e);
      if (result === Rejections.historyEnd) break;
      expect(result).toMatchObject({ entities: expect.any(Array) });
      const page = await events.next('messageReceived', (d) => d.oldMessages);
      pages.push(page.messages.map((m) => `${m.type}:${m.text}`));
      expect(pages.length).toBeLessThan(5);
    }
    // Newest first within each page; a restored page shows the guest's own join (no synthetic one stood for it here).
    expect(pages).toEqual([
      ['Message:line 4', 'Message:line 3', 'Message:line 2'],
      ['Message:line 1', 'ParticipantJoined:', 'ParticipantJoined:'],
    ]);
    await expect(firstValueFrom(chat.fetchHistory())).rejects.toBe(Rejections.historyEnd);
    // The whole transcript, oldest first, each message once.
    const transcript = await firstValueFrom(chat.getTranscript());
    expect(transcript.messages.map((m) => `${m.from.type}:${m.text}`)).toEqual(['Client:', 'Agent:', 'Agent:line 1', 'Agent:line 2', 'Agent:line 3', 'Agent:line 4', 'Agent:line 5', 'Agent:line 6', 'Agent:line 7']);
  });

  it("replays the guest's own join on restore with clientConnected, as the shipped client does; a live page shows one join only", async () => {
    const storage = memoryStorage();
    const first = open(storage);
    const { id } = await startRoutedChat(first.chat, playground);
    playground.agent.join(id, { name: 'Kim' });
    playground.agent.say(id, 'hello');
    await first.events.next('messageReceived', (d) => d.messages.some((m) => m.text === 'hello'));
    // Live: the synthetic join stands for the guest's member-join frame, which is not shown a second time.
    const liveJoins = first.events.all('messageReceived').flatMap((d) => d.messages).filter((m) => m.type === 'ParticipantJoined' && m.from.type === 'Client');
    expect(liveJoins).toHaveLength(1);
    expect(first.events.all('clientConnected')).toHaveLength(1);
    first.chat.destroy();

    const { chat, events } = open(storage);
    await events.next('restored');
    const replay = await events.next('messageReceived');
    expect(replay.restoring).toBe(true);
    expect(replay.messages.map((m) => `${m.type}:${m.from.type}:${m.from.name}:${m.text}`)).toEqual([
      'ParticipantJoined:Client:Ada:',
      'ParticipantJoined:Agent:Kim:',
      'Message:Agent:Kim:hello',
    ]);
    const connected = await events.next('clientConnected');
    expect(connected.message.from).toMatchObject({ type: 'Client', name: 'Ada' });
    expect(events.names().indexOf('restored')).toBeLessThan(events.names().indexOf('clientConnected'));
    expect(events.all('clientConnected')).toHaveLength(1);
    expect(chat.state.sessionActive).toBe(true);
  });

  it('without pagination restores everything at once, and fetchHistory is refused', async () => {
    const storage = memoryStorage();
    await firstPageLife(storage, 4, { transport: { pagination: false } });
    const { chat, events } = open(storage, { transport: { pagination: false } });
    await events.next('restored');
    const replay = await events.next('messageReceived');
    expect(replay.messages.filter((m) => m.type === 'Message').map((m) => m.text)).toEqual(['line 1', 'line 2', 'line 3', 'line 4']);
    await expect(firstValueFrom(chat.fetchHistory())).rejects.toBe(Rejections.historyAsync);
  });

  it('a conversation that ended meanwhile is not restored: keys cleared, restoreFailed', async () => {
    const storage = memoryStorage();
    const id = await firstPageLife(storage, 1);
    playground.agent.end(id);
    const { chat, events } = open(storage);
    await events.next('restoreFailed');
    expect(chat.state.sessionActive).toBe(false);
    expect(await firstValueFrom(chat.verifySession())).toEqual({ sessionActive: false });
  });
});
