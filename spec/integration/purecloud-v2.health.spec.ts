import { firstValueFrom } from 'rxjs';
import { createWebChatService } from '../../lib/createWebChatService';
import type { WebChatService } from '../../lib/service/WebChatService';
import type { NormalizedMessage } from '../../lib/model/messages';
import { startPlayground } from '../../playground/server/index';
import type { Playground } from '../../playground/server/index';
import { recordEvents } from '../helpers/eventRecorder';
import type { EventRecorder } from '../helpers/eventRecorder';
import { eventually } from '../helpers/eventually';
import { nodeServiceOptions } from '../helpers/nodeServiceOptions';
import { playgroundConfig, quickTimings } from '../helpers/playgroundConfig';
import { startRoutedChat } from '../transports/purecloud-v2/startRoutedChat';

describe('purecloud-v2 over the playground: connection health', () => {
  let playground: Playground;
  let chat: WebChatService;
  let events: EventRecorder;
  let messages: NormalizedMessage[];

  beforeAll(async () => {
    playground = await startPlayground({ agent: 'manual', heartbeatIntervalMs: 100 });
  });
  afterAll(() => playground.close());

  beforeEach(() => {
    playground.faults.clear();
    chat = createWebChatService(playgroundConfig('purecloud-v2', playground.url, quickTimings['purecloud-v2'], { transport: { socketHeartbeatTrackerInterval: 500, socketReconnectInterval: 300 } }), nodeServiceOptions());
    events = recordEvents(chat.events$);
    messages = [];
    chat.messages$.subscribe((m) => messages.push(m));
  });
  afterEach(() => {
    events.stop();
    chat.destroy();
  });

  /** A started chat with an agent in it; returns the conversation id. */
  const chatWithAgent = async (): Promise<string> => {
    const { id } = await startRoutedChat(chat, playground);
    playground.agent.join(id, { name: 'Kim' });
    await events.next('agentConnected');
    return id;
  };
  const agentTexts = () => messages.filter((m) => m.from.type === 'Agent' && m.type === 'Message').map((m) => m.text);

  it('the server drops the socket mid-chat while the agent keeps talking: every agent message once, in order, then reconnected', async () => {
    const id = await chatWithAgent();
    playground.agent.say(id, 'one');
    await events.next('messageReceived', (d) => d.messages.some((m) => m.text === 'one'));

    playground.faults.add({ transport: 'purecloud-v2', route: 'socket', kind: 'socketTerminate' });
    await events.next('disconnected');
    // The agent talks while the guest's stream is down.
    for (const text of ['two', 'three', 'four']) playground.agent.say(id, text);
    // Issue 14: a send while reconnecting waits in the outbox (not sent yet), and goes once the socket is back.
    const typed = firstValueFrom(chat.sendMessage({ message: 'kept' }));
    expect(chat.state.outbox.map((e) => [e.text, e.status])).toEqual([['kept', 'queued']]);
    expect(playground.store.get(id)!.transcript.some((e) => e.text === 'kept')).toBe(false);

    await events.next('reconnected');
    await typed;
    expect(playground.store.get(id)!.transcript.filter((e) => e.text === 'kept')).toHaveLength(1);
    expect(agentTexts()).toEqual(['one', 'two', 'three', 'four']);
    // Caught up THEN reconnected: the missed messages were published before `reconnected`.
    const names = events.names();
    const caughtUp = names.lastIndexOf('messageReceived');
    expect(caughtUp).toBeLessThan(names.indexOf('reconnected'));
    expect(events.all('disconnected')).toHaveLength(1);

    // The chat goes on over the new socket.
    playground.agent.say(id, 'five');
    await events.next('messageReceived', (d) => d.messages.some((m) => m.text === 'five'));
    await firstValueFrom(chat.sendMessage({ message: 'back' }));
    await events.next('messageReceived', (d) => d.messages.some((m) => m.text === 'back'));
    expect(agentTexts()).toEqual(['one', 'two', 'three', 'four', 'five']);
    const ids = messages.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('a clean socket close is a loss too: reconnect, catch up, reconnected', async () => {
    const id = await chatWithAgent();
    playground.faults.add({ transport: 'purecloud-v2', route: 'socket', kind: 'socketClose' });
    await events.next('disconnected');
    playground.agent.say(id, 'while closed');
    await events.next('reconnected');
    expect(agentTexts()).toEqual(['while closed']);
  });

  it('missed heartbeats: the watchdog publishes disconnected, then the reconnect publishes reconnected', async () => {
    const id = await chatWithAgent();
    // 8 beats of 100 ms: longer than the 500 ms watchdog.
    playground.faults.add({ transport: 'purecloud-v2', route: 'socket', kind: 'missHeartbeats', count: 8 });
    await events.next('disconnected', undefined, 3000);
    playground.agent.say(id, 'are you there?');
    await events.next('reconnected', undefined, 5000);
    await eventually(() => expect(agentTexts()).toEqual(['are you there?']));
    expect(chat.state.connectionState).toBe('online');
    expect(chat.state.sessionActive).toBe(true);
  });

  it('the conversation ended while the guest was away: catch up, then the end sequence', async () => {
    const id = await chatWithAgent();
    playground.faults.add({ transport: 'purecloud-v2', route: 'socket', kind: 'socketTerminate' });
    await events.next('disconnected');
    playground.agent.say(id, 'bye');
    playground.agent.end(id);
    await events.next('ended', undefined, 5000);
    expect(agentTexts()).toEqual(['bye']);
    expect(events.all('ended')).toHaveLength(1);
    expect(chat.state.sessionActive).toBe(false);
  });

  it('duplicate and out-of-order frames: each message published exactly once', async () => {
    const id = await chatWithAgent();
    playground.faults.add({ transport: 'purecloud-v2', route: 'socket', kind: 'duplicate' });
    playground.agent.say(id, 'a');
    await events.next('messageReceived', (d) => d.messages.some((m) => m.text === 'a'));
    playground.faults.add({ transport: 'purecloud-v2', route: 'socket', kind: 'outOfOrder' });
    playground.agent.say(id, 'b');
    playground.agent.say(id, 'c');
    await eventually(() => expect(agentTexts()).toHaveLength(3));
    expect(playground.faults.injected).toMatchObject({ duplicate: 1, outOfOrder: 1 });
    // b is held back until c has gone: frames read in one turn are put back in conversation order
    // (a, b, c); frames read apart are published as they arrive (a, c, b). Never twice, never lost.
    expect([['a', 'b', 'c'], ['a', 'c', 'b']]).toContainEqual(agentTexts());
    expect(new Set(messages.map((m) => m.id)).size).toBe(messages.length);
  });
});
