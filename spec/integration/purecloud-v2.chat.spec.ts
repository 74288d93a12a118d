import { firstValueFrom } from 'rxjs';
import { createWebChatService } from '../../lib/createWebChatService';
import type { WebChatService } from '../../lib/service/WebChatService';
import type { CloudSessionData } from '../../lib/model/results';
import { autoGreeting, autoReply, startPlayground } from '../../playground/server/index';
import type { Playground } from '../../playground/server/index';
import { recordEvents } from '../helpers/eventRecorder';
import type { EventRecorder } from '../helpers/eventRecorder';
import { eventually } from '../helpers/eventually';
import { usePlayground } from '../helpers/usePlayground';
import { nodeServiceOptions } from '../helpers/nodeServiceOptions';
import { playgroundConfig, quickTimings } from '../helpers/playgroundConfig';
import { startRoutedChat } from '../transports/purecloud-v2/startRoutedChat';

describe('purecloud-v2 over the playground: a whole chat', () => {
  let playground: Playground;
  let chat: WebChatService;
  let events: EventRecorder;

  const harness = usePlayground('purecloud-v2', quickTimings['purecloud-v2'], { heartbeatIntervalMs: 200 });
  beforeAll(() => (playground = harness.playground));

  beforeEach(() => {
    ({ chat, events } = harness.open());
  });

  const conversationId = () => (chat.state.sessionData as CloudSessionData).conversationId!;

  it('start → agent joins → messages both ways → typing both ways → agent leaves → endChat', async () => {
    await events.next('ready');
    const { started } = await startRoutedChat(chat, playground, { firstname: 'Ada', lastname: 'Lovelace', email: 'ada@example.com', subject: 'Billing', userData: { phone: '555-0100', customerId: 59606 } });
    expect(started).toEqual({ id: expect.any(String), jwt: expect.any(String), eventStreamUri: expect.stringContaining('/v1/token/'), member: { id: expect.any(String) } });
    const startedEvent = await events.next('started');
    expect(startedEvent).toMatchObject({ id: started.id, conversationId: started.id, memberId: (started.member as { id: string }).id, jwt: started.jwt, WebSocketUrl: started.eventStreamUri });
    const clientJoined = await events.next('clientConnected');
    expect(clientJoined.message).toMatchObject({ type: 'ParticipantJoined', from: { type: 'Client', name: 'Ada Lovelace' } });

    // The create request mapping (wire §2.1): display name, customFields, routing.
    const session = playground.store.get(conversationId())!;
    expect(session.customer).toMatchObject({ name: 'Ada Lovelace', firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com', subject: 'Billing' });
    expect(session.customFields).toMatchObject({ phoneNumber: '555-0100', customerId: '59606' });
    expect(session.meta).toMatchObject({ queue: 'Support', deploymentId: 'playground', organizationId: 'playground' });

    const agent = playground.agent.join(conversationId(), { name: 'Kim' });
    if ('error' in agent) throw new Error(agent.message);
    const joined = await events.next('agentConnected');
    expect(joined).toMatchObject({ numAgentsConnected: 1, message: { type: 'ParticipantJoined', from: { type: 'Agent', name: 'Kim', id: agent.id } } });

    playground.agent.typing(conversationId(), true);
    await events.next('agentTypingStarted');
    playground.agent.say(conversationId(), 'Hi, how can I help?');
    await events.next('agentTypingStopped');
    const fromAgent = await events.next('messageReceived', (d) => d.messages.some((m) => m.text === 'Hi, how can I help?'));
    expect(fromAgent.messages[0]).toMatchObject({ type: 'Message', from: { type: 'Agent', name: 'Kim' }, id: expect.any(String) });
    // The readable state follows delivery: its lastMessageId moves with the stream, as getSessionData's does.
    expect((chat.state.sessionData as CloudSessionData).lastMessageId).toEqual(expect.any(String));
    expect(await firstValueFrom(chat.getSessionData())).toEqual(chat.state.sessionData);

    await firstValueFrom(chat.sendTyping({ message: 'I ne' }));
    await events.next('clientTypingStarted');
    await eventually(() => expect(playground.store.get(conversationId())!.transcript.map((e) => e.kind)).toContain('typing-start'));
    const sent = await firstValueFrom(chat.sendMessage({ message: 'I need a refund' }));
    expect(sent).toMatchObject({ body: 'I need a refund', bodyType: 'standard' });
    await events.next('clientTypingStopped');
    // Own messages come back on the stream (wire §2.3): published once, from the Client.
    const echo = await events.next('messageReceived', (d) => d.messages.some((m) => m.text === 'I need a refund'));
    expect(echo.messages[0]).toMatchObject({ from: { type: 'Client' }, id: sent.id });
    expect(((await firstValueFrom(chat.getSessionData())) as CloudSessionData).lastMessageId).toBe(sent.id);

    playground.agent.leave(conversationId());
    await events.next('agentDisconnected');
    const ended = await firstValueFrom(chat.endChat());
    expect(ended).toEqual({});
    await events.next('ended');
    expect(events.all('ended')).toHaveLength(1);
    expect(chat.state.sessionActive).toBe(false);
    expect(playground.store.get(session.id)!.status).toBe('ended');

    // Every visible message exactly once, in order.
    const texts = events.all('messageReceived').flatMap((d) => d.messages.map((m) => `${m.type}:${m.from.type}:${m.text}`));
    expect(texts).toEqual([
      'ParticipantJoined:Client:',
      'ParticipantJoined:Agent:',
      'Message:Agent:Hi, how can I help?',
      'Message:Client:I need a refund',
      'ParticipantLeft:Agent:',
    ]);
  });

  it('ends the session when the agent ends the conversation (the guest member-leave, then ended)', async () => {
    await startRoutedChat(chat, playground);
    playground.agent.join(conversationId(), { name: 'Kim' });
    await events.next('agentConnected');
    playground.agent.end(conversationId());
    await events.next('ended');
    // §5.2 item 5: the guest's own member-leave is published, then the end follows (after 1000 ms).
    expect(events.names().slice(-5)).toEqual(['agentDisconnected', 'messageReceived', 'clientDisconnected', 'messageReceived', 'ended']);
    expect(events.all('messageReceived').pop()!.messages).toEqual([expect.objectContaining({ type: 'ParticipantLeft', from: expect.objectContaining({ type: 'Client' }) })]);
    expect(chat.state.sessionActive).toBe(false);
  });

  it.each([
    [true, ['botConnected', 'botDisconnected'], ['ParticipantJoined:Bot', 'Message:Bot', 'ParticipantLeft:Bot']],
    [false, [], ['Message:Bot']],
  ])('a WORKFLOW member is a Bot; with botEventsEnabled %s its joins and leaves publish %j', async (botEventsEnabled, botEvents, shown) => {
    const bots = createWebChatService(playgroundConfig('purecloud-v2', playground.url, quickTimings['purecloud-v2'], { transport: { botEventsEnabled } }), nodeServiceOptions());
    const botRecorder = recordEvents(bots.events$);
    try {
      const { id } = await startRoutedChat(bots, playground);
      const bot = playground.agent.join(id, { role: 'bot', name: 'Helper' });
      if ('error' in bot) throw new Error(bot.message);
      playground.agent.say(id, 'I am a bot', { participantId: bot.id });
      playground.agent.leave(id, { participantId: bot.id });
      playground.agent.join(id, { name: 'Kim' });
      await botRecorder.next('agentConnected');
      const published = botRecorder.all('messageReceived').flatMap((d) => d.messages.filter((m) => m.from.type === 'Bot').map((m) => `${m.type}:${m.from.type}`));
      expect(published).toEqual(shown);
      expect(botRecorder.names().filter((n) => n.startsWith('bot'))).toEqual(botEvents);
    } finally {
      botRecorder.stop();
      bots.destroy();
    }
  });

  it('publishes the agent typing timeout when the typing indicator stops repeating', async () => {
    const quick = createWebChatService(playgroundConfig('purecloud-v2', playground.url, quickTimings['purecloud-v2'], { agentTypingTimeout: 300 }), nodeServiceOptions());
    const quickEvents = recordEvents(quick.events$);
    try {
      const { id } = await startRoutedChat(quick, playground);
      playground.agent.join(id, { name: 'Kim' });
      await quickEvents.next('agentConnected');
      playground.agent.typing(id, true);
      await quickEvents.next('agentTypingStarted');
      // The guest API has no stop signal: the playground stops repeating, the client times out.
      playground.agent.typing(id, false);
      await quickEvents.next('agentTypingTimeout');
      expect(quickEvents.all('agentTypingStopped')).toHaveLength(0);
    } finally {
      quickEvents.stop();
      quick.destroy();
    }
  });

  it('works with the auto agent of the playground (routing starts once the socket is on)', async () => {
    const auto = await startPlayground({ agent: 'auto', autoAgentDelayMs: 20, autoAgentTypingMs: 20, heartbeatIntervalMs: 200 });
    const guest = createWebChatService(playgroundConfig('purecloud-v2', auto.url, quickTimings['purecloud-v2']), nodeServiceOptions());
    const guestEvents = recordEvents(guest.events$);
    try {
      await firstValueFrom(guest.startChat({ nickname: 'Ada' }));
      await guestEvents.next('agentConnected');
      await guestEvents.next('messageReceived', (d) => d.messages.some((m) => m.text === autoGreeting('Ada')));
      await firstValueFrom(guest.sendMessage({ message: 'ping' }));
      await guestEvents.next('messageReceived', (d) => d.messages.some((m) => m.text === autoReply('ping')));
    } finally {
      guestEvents.stop();
      guest.destroy();
      await auto.close();
    }
  });
});
