import { firstValueFrom } from 'rxjs';
import { createWebChatService } from '../../lib/createWebChatService';
import type { WebChatService } from '../../lib/service/WebChatService';
import type { WebChatConfig } from '../../lib/model/config';
import { memoryStorage } from '../../lib/storage/memoryStorage';
import type { Playground } from '../../playground/server/index';
import { startPlayground } from '../../playground/server/index';
import { recordEvents } from '../helpers/eventRecorder';
import type { EventRecorder } from '../helpers/eventRecorder';
import { usePlayground } from '../helpers/usePlayground';
import { nodeServiceOptions } from '../helpers/nodeServiceOptions';
import { playgroundConfig } from '../helpers/playgroundConfig';

/** Fast cadence so a whole chat runs in well under a second of polling. */
const fast: Partial<WebChatConfig> = { pollRateMin: 250, pollRateMax: 300, pollRateMult: 1.2 };

describe('GMS v2 over the playground: a whole chat', () => {
  let playground: Playground;
  let chat: WebChatService;
  let events: EventRecorder;

  const harness = usePlayground('gms-v2', fast);
  beforeAll(() => (playground = harness.playground));

  beforeEach(() => {
    ({ chat, events } = harness.open());
  });

  const sessionId = () => {
    const data = chat.state.sessionData as { sessionID: string };
    return data.sessionID;
  };

  it('start → agent joins → messages both ways → typing both ways → agent leaves → endChat', async () => {
    await events.next('ready');
    const started = await firstValueFrom(chat.startChat({ nickname: 'Ada', firstname: 'Ada', lastname: 'Lovelace', subject: 'Billing' }));
    expect(started).toMatchObject({ statusCode: 0, chatId: expect.any(String), secureKey: expect.any(String) });
    const startedEvent = await events.next('started');
    expect(startedEvent).toMatchObject({ sessionID: started.chatId, secureKey: started.secureKey });
    await events.next('clientConnected');
    await events.next('pollingStarted');

    const id = sessionId();
    expect(playground.agent.session(id)?.customer).toMatchObject({ name: 'Ada' });
    playground.agent.join(id, { name: 'Dana' });
    const joined = await events.next('agentConnected');
    expect(joined).toMatchObject({ numAgentsConnected: 1, message: { type: 'ParticipantJoined', from: { type: 'Agent', name: 'Dana' } } });

    playground.agent.typing(id, true);
    await events.next('agentTypingStarted');
    playground.agent.say(id, 'hello from the agent');
    await events.next('agentTypingStopped');
    const fromAgent = await events.next('messageReceived', (d) => d.messages.some((m) => m.text === 'hello from the agent'));
    expect(fromAgent.messages.find((m) => m.type === 'Message')).toMatchObject({ from: { type: 'Agent', name: 'Dana' }, text: 'hello from the agent' });

    await firstValueFrom(chat.sendTyping({ message: 'hi th' }));
    await events.next('clientTypingStarted');
    await firstValueFrom(chat.sendMessage({ message: 'hi there' }));
    await events.next('clientTypingStopped');
    await events.next('messageReceived', (d) => d.messages.some((m) => m.text === 'hi there' && m.from.type === 'Client'));
    const serverTranscript = playground.agent.session(id)!.transcript.map((e) => e.kind);
    expect(serverTranscript).toEqual(expect.arrayContaining(['typing-start', 'message']));

    playground.agent.leave(id);
    await events.next('agentDisconnected');
    const ended = await firstValueFrom(chat.endChat());
    expect(ended).toMatchObject({ chatEnded: true });
    expect(events.names().slice(-3)).toEqual(['pollingStopped', 'clientDisconnected', 'ended']);
    expect(events.all('ended')).toHaveLength(1);
    expect(chat.state.sessionActive).toBe(false);
    expect(playground.agent.session(id)!.status).toBe('ended');

    // Every visible message exactly once, in transcript order.
    const indexes = events.all('messageReceived').flatMap((d) => d.messages.map((m) => m.index));
    expect(indexes).toEqual([...new Set(indexes)].sort((a, b) => a - b));
  });

  it('publishes the start sequence in the contract order (§8.2 item 2)', async () => {
    await firstValueFrom(chat.startChat({ nickname: 'Ada' }));
    await events.next('pollingStarted');
    expect(events.names()).toEqual(['capabilitiesChanged', 'ready', 'started', 'clientConnected', 'messageReceived', 'pollingStarted']);
    // ajaxResponse comes first, with the create response's body (§8.2 item 2), and carries no secureKey.
    const all = events.names({ except: [] });
    expect(all.indexOf('ajaxResponse')).toBeLessThan(all.indexOf('started'));
    expect(events.all('ajaxResponse')[0]).toMatchObject({ statusCode: 0, chatId: expect.any(String) });
    expect(events.all('ajaxResponse')[0]).not.toHaveProperty('secureKey');
  });

  it('ends the session when the server says chatEnded (agent ends the chat)', async () => {
    await firstValueFrom(chat.startChat({ nickname: 'Ada' }));
    await events.next('pollingStarted');
    playground.agent.join(sessionId(), { name: 'Dana' });
    await events.next('agentConnected');
    playground.agent.end(sessionId());
    await events.next('ended');
    // The server's last batch carries both leaves (wire-gms-v2.md §12 step 9): their events, the batch,
    // then the end sequence with nobody left to disconnect.
    const names = events.names();
    expect(names.slice(names.indexOf('agentDisconnected'))).toEqual(['agentDisconnected', 'clientDisconnected', 'messageReceived', 'pollingStopped', 'ended']);
    expect(events.all('clientDisconnected')).toHaveLength(1);
    expect(chat.state.sessionState).toBe('idle');
  });
});

describe('GMS v2 restore in a second service instance', () => {
  let playground: Playground;
  beforeAll(async () => {
    playground = await startPlayground({ agent: 'manual' });
  });
  afterAll(() => playground.close());

  it('restores the chat with restoring: true and never publishes a message twice', async () => {
    const storage = memoryStorage();
    const config = playgroundConfig('gms-v2', playground.url, fast);
    const first = createWebChatService(config, nodeServiceOptions({ storage }));
    const firstEvents = recordEvents(first.events$);
    await firstValueFrom(first.startChat({ nickname: 'Ada' }));
    const id = (first.state.sessionData as { sessionID: string }).sessionID;
    playground.agent.join(id, { name: 'Dana' });
    playground.agent.say(id, 'one');
    await firstEvents.next('messageReceived', (d) => d.messages.some((m) => m.text === 'one'));
    // The page navigates away: the service goes, the storage stays.
    first.destroy();
    firstEvents.stop();
    playground.agent.say(id, 'two');

    const second = createWebChatService(config, nodeServiceOptions({ storage }));
    const events = recordEvents(second.events$);
    try {
      await events.next('restored');
      const replay = await events.next('messageReceived');
      expect(replay.restoring).toBe(true);
      expect(replay.messages.every((m) => m.restoring === true)).toBe(true);
      expect(replay.messages.map((m) => m.text)).toEqual(expect.arrayContaining(['one', 'two']));
      await events.next('pollingStarted');
      playground.agent.say(id, 'three');
      await events.next('messageReceived', (d) => d.messages.some((m) => m.text === 'three'));
      const indexes = events.all('messageReceived').flatMap((d) => d.messages.map((m) => m.index));
      expect(new Set(indexes).size).toBe(indexes.length);
      expect(events.names().indexOf('restored')).toBeLessThan(events.names().indexOf('messageReceived'));
      expect(second.state.sessionActive).toBe(true);
    } finally {
      events.stop();
      second.destroy();
    }
  });

  it('publishes restoreTimeout when the last server contact is older than restoreTimeout', async () => {
    const storage = memoryStorage();
    const config = playgroundConfig('gms-v2', playground.url, { ...fast, restoreTimeout: 1000 });
    const first = createWebChatService(config, nodeServiceOptions({ storage }));
    await firstValueFrom(first.startChat({ nickname: 'Ada' }));
    first.destroy();
    // The last ping was written at the start; make it look two seconds old.
    const pingKey = Object.keys(storage.dump()).find((k) => k.endsWith('.ping'))!;
    storage.set(pingKey, String(Date.now() - 2000));
    const second = createWebChatService(config, nodeServiceOptions({ storage }));
    const events = recordEvents(second.events$);
    try {
      await events.next('restoreTimeout');
      expect(events.all('restored')).toHaveLength(0);
      expect(Object.keys(storage.dump()).filter((k) => k.includes('webchat.state.session'))).toEqual([]);
      const verify = await firstValueFrom(second.verifySession());
      expect(verify).toEqual({ sessionActive: false });
    } finally {
      events.stop();
      second.destroy();
    }
  });
});
