import { firstValueFrom } from 'rxjs';
import type { NexusSessionData } from '../../lib/model/results';
import type { WebChatService } from '../../lib/service/WebChatService';
import { memoryStorage } from '../../lib/storage/memoryStorage';
import type { Playground } from '../../playground/server/index';
import { usePlayground } from '../helpers/usePlayground';
import { quickTimings } from '../helpers/playgroundConfig';
import type { PlaygroundConfigLayer } from '../helpers/playgroundConfig';

describe('nexus-v3 over the playground: a whole chat', () => {
  const harness = usePlayground('nexus-v3', quickTimings['nexus-v3']);
  let playground: Playground;
  beforeAll(() => {
    playground = harness.playground;
  });
  const open = (storage = memoryStorage(), transport: NonNullable<PlaygroundConfigLayer['transport']> = {}) => harness.openWith(storage, { transport });
  const sessionIdOf = (chat: WebChatService) => (chat.state.sessionData as NexusSessionData).sessionId!;

  it('start → agent joins → typing and messages both ways → images both ways → userData → agent leaves → endChat', async () => {
    const { chat, events } = open();
    await events.next('ready');
    const started = await firstValueFrom(chat.startChat({ form: { firstname: 'Jane', lastname: 'Doe', email: 'jane@example.com', subject: 'Refund' }, userData: { orderId: 'A-1' } }));
    expect(started).toMatchObject({ data: { clientToken: expect.any(String), entity: { id: expect.any(String) } } });
    const session = await firstValueFrom(chat.getSessionData());
    const { clientToken, entity } = started.data as { clientToken: string; entity: { id: string } };
    expect(session).toEqual({ participantId: expect.any(String), sessionId: entity.id, token: clientToken, transportId: expect.any(String) });
    expect(await events.next('started')).toMatchObject({ ...session, data: expect.anything() });
    await events.next('pollingStarted');
    const joined = await events.next('clientConnected');
    expect(joined.message).toMatchObject({ type: 'ParticipantJoined', from: { type: 'Client', name: 'Jane' } });

    const id = sessionIdOf(chat);
    expect(playground.store.get(id)!).toMatchObject({ customer: { name: 'Jane', lastName: 'Doe', email: 'jane@example.com', subject: 'Refund' }, userData: { orderId: 'A-1' } });
    expect(playground.store.get(id)!.meta).toEqual({ endpoint: 'GlobalChatSwitchboard', stream: 'live' });

    playground.agent.join(id, { name: 'Kim' });
    expect(await events.next('agentConnected')).toMatchObject({ numAgentsConnected: 1, message: { from: { type: 'Agent', name: 'Kim' } } });
    playground.agent.typing(id, true);
    await events.next('agentTypingStarted');
    playground.agent.say(id, 'Hi Jane, how can I help?');
    await events.next('agentTypingStopped');
    const fromAgent = await events.next('messageReceived', (d) => d.messages.some((m) => m.text === 'Hi Jane, how can I help?'));
    expect(fromAgent.messages.find((m) => m.type === 'Message')).toMatchObject({ from: { type: 'Agent', name: 'Kim' }, timestamp: expect.any(Number) });

    await firstValueFrom(chat.sendTyping({ message: 'Where is' }));
    await events.next('clientTypingStarted');
    expect(playground.store.get(id)!.draft).toBe('Where is');
    await firstValueFrom(chat.sendMessage({ message: 'Where is my parcel?' }));
    await events.next('clientTypingStopped');
    await events.next('messageReceived', (d) => d.messages.some((m) => m.text === 'Where is my parcel?' && m.from.type === 'Client'));

    // The customer's image comes back through the poll, inlined as a data: URL (wire §6.6, §6.7).
    const png = new Blob([Uint8Array.from([137, 80, 78, 71])], { type: 'image/png' });
    Object.defineProperty(png, 'name', { value: 'receipt.png' });
    const uploaded = await firstValueFrom(chat.sendFile({ files: png }));
    expect(uploaded).toMatchObject({ data: { id: expect.any(String), url: expect.stringContaining('/images/') } });
    const ownImage = await events.next('messageReceived', (d) => d.messages.some((m) => Array.isArray(m.content)));
    expect(ownImage.messages.find((m) => Array.isArray(m.content))?.content).toEqual([{ type: 'image', mime: 'image/png', url: 'data:image/png;base64,iVBORw==' }]);

    playground.agent.sendFile(id, { name: 'label.gif', type: 'image/gif', bytes: Buffer.from('GIF89a') });
    const agentImage = await events.next('messageReceived', (d) => d.messages.some((m) => m.from.type === 'Agent' && Array.isArray(m.content)));
    expect(agentImage.messages[0].content).toEqual([{ type: 'image', mime: 'image/gif', url: `data:image/gif;base64,${Buffer.from('GIF89a').toString('base64')}` }]);

    await firstValueFrom(chat.updateUserData({ priority: 'high' }));
    expect(playground.store.get(id)!.userData).toMatchObject({ orderId: 'A-1', priority: 'high' });

    playground.agent.pushUrl(id, 'https://example.com/track');
    const pushed = await events.next('messageReceived', (d) => d.messages.some((m) => m.type === 'PushUrl'));
    expect(pushed.messages[0]).toMatchObject({ type: 'PushUrl', text: 'https://example.com/track' });

    playground.agent.leave(id);
    await events.next('agentDisconnected');
    const ended = await firstValueFrom(chat.endChat());
    expect(ended).toEqual({ status: { code: 0, message: 'OK' }, data: {} });
    expect(events.names().slice(-3)).toEqual(['pollingStopped', 'clientDisconnected', 'ended']);
    expect(events.all('ended')).toHaveLength(1);
    expect(playground.store.get(id)!.status).toBe('ended');
    expect(chat.state.sessionActive).toBe(false);
    await expect(firstValueFrom(chat.getSessionData())).resolves.toEqual({});

    // Every visible message exactly once, in transcript order (the playground's raw index "<seq>-0" says where).
    const seqs = events.all('messageReceived').flatMap((d) => d.messages.map((m) => Number.parseInt(m.id ?? '', 10)));
    expect(seqs).toEqual([...new Set(seqs)].sort((a, b) => a - b));
  });

  it('publishes the start sequence in the contract order (§8.2 item 2)', async () => {
    const { chat, events } = open();
    await firstValueFrom(chat.startChat({ form: { nickname: 'Jane' } }));
    await events.next('clientConnected');
    expect(events.names()).toEqual(['capabilitiesChanged', 'ready', 'started', 'pollingStarted', 'clientConnected', 'messageReceived']);
    expect(events.all('capabilitiesChanged')).toEqual([{ async: false, asyncClose: 'hideChat', pagination: false, fileUpload: true }]);
  });

  it('ends when the agent ends the chat (chatEnded on the poll)', async () => {
    const { chat, events } = open();
    await firstValueFrom(chat.startChat({ form: { nickname: 'Jane' } }));
    await events.next('clientConnected');
    const id = sessionIdOf(chat);
    playground.agent.join(id, { name: 'Kim' });
    await events.next('agentConnected');
    playground.agent.end(id);
    await events.next('ended');
    expect(events.all('agentDisconnected')).toHaveLength(1);
    expect(events.all('clientDisconnected')).toHaveLength(1);
    expect(chat.state.sessionState).toBe('idle');
  });

  it('rejects startChat with the server failure and publishes error when the x-api-key is wrong', async () => {
    const { chat, events } = open(memoryStorage(), { headers: { 'x-api-key': 'wrong' } });
    const failure = await firstValueFrom(chat.startChat({ form: { nickname: 'Jane' } })).catch((e: unknown) => e);
    expect(failure).toMatchObject({ status: 401, errors: [{ code: 'pureengage-v3-rest-INVALID_CONTACT_CENTER' }] });
    expect(await events.next('error')).toMatchObject({ errors: [{ code: 'pureengage-v3-rest-INVALID_CONTACT_CENTER' }] });
    expect(chat.state.sessionState).toBe('idle');
  });

  it('restores after navigation (sync): the whole transcript once with restoring: true, then live messages from the last index', async () => {
    const storage = memoryStorage();
    const first = open(storage);
    await firstValueFrom(first.chat.startChat({ form: { nickname: 'Jane' } }));
    const id = sessionIdOf(first.chat);
    playground.agent.join(id, { name: 'Kim' });
    playground.agent.say(id, 'one');
    await first.events.next('messageReceived', (d) => d.messages.some((m) => m.text === 'one'));
    first.chat.destroy();
    playground.agent.say(id, 'two');
    expect(Object.keys(storage.dump())).toEqual(
      expect.arrayContaining(['_genesys.widgets.webchat.state.pureengage-v3-rest.session', '_genesys.widgets.webchat.state.pureengage-v3-rest.keys', '_genesys.widgets.webchat.state.pureengage-v3-rest.index']),
    );

    const { chat, events } = open(storage);
    expect(await events.next('restored')).toEqual({ async: false });
    const replay = await events.next('messageReceived');
    expect(replay.restoring).toBe(true);
    expect(replay.messages.map((m) => m.text).filter(Boolean)).toEqual(['one', 'two']);
    playground.agent.say(id, 'three');
    await events.next('messageReceived', (d) => d.messages.some((m) => m.text === 'three'));
    const indexes = events.all('messageReceived').flatMap((d) => d.messages.map((m) => m.id));
    expect(new Set(indexes).size).toBe(indexes.length);
    const polls = playground.requestLog.filter((e) => e.sessionId === id && e.route === 'messages');
    expect(polls.length).toBeGreaterThan(2);
    expect(chat.state.sessionActive).toBe(true);
  });
});
