import { startPlayground, type Playground } from '../../playground/server';
import { eventually } from '../helpers/eventually';
import { gmsPost } from './helpers/gmsClient';
import { cometdCustomer, type BayeuxTransport, type CometdCustomer, type Envelope } from './helpers/cometdClient';

/**
 * The playground's GMS v2 over CometD endpoint (wire-gms-v2 §11) driven by the official CometD
 * client in Node, once over WebSocket and once over long-polling.
 */
describe.each<BayeuxTransport>(['websocket', 'long-polling'])('playground GMS v2 over CometD (%s)', (transport) => {
  let playground: Playground;
  let cometURL: string;
  const customers: CometdCustomer[] = [];

  beforeAll(async () => {
    playground = await startPlayground({ agent: 'manual', gmsMaxMessageLength: 50 });
    cometURL = `${playground.url}/genesys/cometd`;
  });
  afterEach(async () => {
    await Promise.all(customers.splice(0).map((c) => c.close()));
    playground.faults.clear();
  });
  afterAll(() => playground.close());

  const connect = async (): Promise<CometdCustomer> => {
    const customer = await cometdCustomer(cometURL, transport);
    customers.push(customer);
    return customer;
  };
  /** A customer with a chat started: the first push and its keys. */
  const startChat = async (fields: Record<string, unknown> = { nickname: 'Ada' }) => {
    const customer = await connect();
    const ack = await customer.publish({ operation: 'requestChat', ...fields });
    expect(ack.successful).toBe(true);
    const first = await customer.nextPush();
    return { customer, first, chatId: first.chatId as string, secureKey: first.secureKey as string };
  };
  const texts = (push: Envelope) => push.messages.map((m) => `${m.index} ${m.type} ${m.from.type}${m.text ? ` ${m.text}` : ''}`);

  it('requestChat: the first push carries chatId, secureKey and the customer join #1', async () => {
    const { customer, first, chatId } = await startChat({ firstName: 'Ada', lastName: 'Lovelace', subject: 'Billing', emailAddress: 'ada@example.com', userData: { TimeZone: 60, page: 'cart' } });
    expect(customer.cometd.getTransport()?.type).toBe(transport);
    expect(first).toMatchObject({ statusCode: 0, chatEnded: false, nextPosition: 2, alias: expect.any(String), userId: expect.any(String), secureKey: expect.stringMatching(/^[0-9a-f]{32}$/) });
    expect(first.messages).toEqual([{ index: 1, type: 'ParticipantJoined', utcTime: expect.any(Number), from: { nickname: 'Ada Lovelace', participantId: 1, type: 'Client' } }]);
    const session = playground.store.get(chatId)!;
    expect(session.transport).toBe('gms-v2-cometd');
    expect(session.customer).toEqual({ name: 'Ada Lovelace', firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com', subject: 'Billing' });
    expect(session.userData).toEqual({ TimeZone: '60', page: 'cart' });
    expect(session.meta.serviceName).toBe('customer-support');
  });

  it('requestChat without a name is refused with code 161 on the channel', async () => {
    const customer = await connect();
    await customer.publish({ operation: 'requestChat', firstName: 'Ada' });
    expect(await customer.nextPush()).toMatchObject({ statusCode: 2, errors: [{ code: 161 }] });
    expect(playground.store.list().filter((s) => s.customer.firstName === 'Ada' && !s.customer.lastName)).toEqual([]);
  });

  it('pushes the customer message, the agent join, typing and reply, to this client only', async () => {
    const { customer, chatId, secureKey } = await startChat();
    const bystander = await startChat({ nickname: 'Bob' });
    await customer.publish({ operation: 'sendMessage', message: 'My order is late', messageType: 'text', secureKey, chatId });
    expect(texts(await customer.nextPush())).toEqual(['2 Message Client My order is late']);
    playground.agent.join(chatId, { name: 'Dana' });
    playground.agent.typing(chatId, true);
    playground.agent.say(chatId, 'Hi Ada, how can I help?');
    const pushed = await customer.pushWhere((p) => p.messages.some((m) => m.type === 'Message' && m.from.type === 'Agent'));
    expect(customer.pushes.flatMap(texts)).toEqual(['1 ParticipantJoined Client', '2 Message Client My order is late', '3 ParticipantJoined Agent', '4 TypingStarted Agent', '5 Message Agent Hi Ada, how can I help?']);
    expect(pushed).toMatchObject({ statusCode: 0, chatId, nextPosition: 6, chatEnded: false });
    expect(bystander.customer.pushes.flatMap(texts)).toEqual(['1 ParticipantJoined Client']);
  });

  it('typing, customNotice, updateNickname, pushUrl and updateData reach the session', async () => {
    const { customer, chatId, secureKey } = await startChat();
    await customer.publish({ operation: 'startTyping', message: 'My ord', secureKey });
    expect(texts(await customer.nextPush())).toEqual(['2 TypingStarted Client My ord']);
    expect(playground.store.get(chatId)!.draft).toBe('My ord');
    await customer.publish({ operation: 'stopTyping', secureKey });
    expect(texts(await customer.nextPush())).toEqual(['3 TypingStopped Client']);
    await customer.publish({ operation: 'customNotice', message: 'hi', secureKey });
    expect(texts(await customer.nextPush())).toEqual(['4 CustomNotice Client hi']);
    await customer.publish({ operation: 'updateNickname', nickname: 'Ada L', secureKey });
    expect(texts(await customer.nextPush())).toEqual(['5 NicknameUpdated Client Ada L']);
    await customer.publish({ operation: 'pushUrl', pushUrl: 'https://example.com/', secureKey });
    expect(texts(await customer.nextPush())).toEqual(['6 PushUrl Client https://example.com/']);
    await customer.publish({ operation: 'updateData', userData: { cart: 3 }, secureKey });
    expect(await customer.nextPush()).toMatchObject({ statusCode: 0, messages: [], nextPosition: 7 });
    expect(playground.store.get(chatId)!.userData).toEqual({ cart: '3' });
  });

  it('a wrong secureKey, or a chatId that does not go with the key, gets the §13 not-found envelope', async () => {
    const { customer, chatId, secureKey } = await startChat();
    await customer.publish({ operation: 'sendMessage', message: 'x', secureKey: 'nope' });
    expect(await customer.nextPush()).toEqual({ statusCode: 2, chatEnded: true, errors: [{ code: 404, advice: 'Chat session not found' }], messages: [] });
    await customer.publish({ operation: 'sendMessage', message: 'x', secureKey, chatId: `${chatId}x` });
    expect(await customer.nextPush()).toMatchObject({ statusCode: 2, errors: [{ code: 404 }] });
    await customer.publish({ operation: 'sendMessage', message: 'x'.repeat(51), secureKey });
    expect(await customer.nextPush()).toMatchObject({ statusCode: 2, errors: [{ code: 204 }] });
    expect(playground.store.get(chatId)!.transcript).toHaveLength(1);
  });

  it('disconnect ends the chat: the push has chatEnded and the customer leave; later operations see chatEnded', async () => {
    const { customer, chatId, secureKey } = await startChat();
    playground.agent.join(chatId);
    await customer.pushWhere((p) => p.messages.some((m) => m.from.type === 'Agent'));
    await customer.publish({ operation: 'disconnect', secureKey });
    const ended = await customer.pushWhere((p) => p.chatEnded === true);
    expect(ended.messages.map((m) => `${m.type} ${m.from.type}`)).toEqual(['ParticipantLeft Agent', 'ParticipantLeft Client']);
    expect(playground.store.get(chatId)!.status).toBe('ended');
    await customer.publish({ operation: 'sendMessage', message: 'late', secureKey });
    expect(await customer.nextPush()).toMatchObject({ statusCode: 0, chatEnded: true, messages: [] });
  });

  it('requestNotifications: 1 = the whole transcript, n = from n, 0 and -1 = nothing but nextPosition', async () => {
    const { customer, chatId, secureKey } = await startChat();
    playground.agent.join(chatId);
    playground.agent.say(chatId, 'one');
    await customer.pushWhere((p) => p.messages.some((m) => m.text === 'one'));
    const ask = async (transcriptPosition: number) => {
      await customer.publish({ operation: 'requestNotifications', transcriptPosition, secureKey, chatId });
      return customer.nextPush();
    };
    expect((await ask(1)).messages.map((m) => m.index)).toEqual([1, 2, 3]);
    expect((await ask(3)).messages.map((m) => m.index)).toEqual([3]);
    for (const position of [0, -1]) expect(await ask(position)).toMatchObject({ statusCode: 0, messages: [], nextPosition: 4 });
  });

  it('a chat started over REST is served over CometD with the same keys, and the other way round', async () => {
    const { body } = await gmsPost(`${playground.url}/genesys/2/chat/customer-support/`, { nickname: 'Rest' });
    const customer = await connect();
    await customer.publish({ operation: 'requestNotifications', transcriptPosition: 1, secureKey: body.secureKey, chatId: body.chatId, userData: { reattached: true } });
    expect(await customer.nextPush()).toMatchObject({ chatId: body.chatId, messages: [{ index: 1, from: { nickname: 'Rest' } }] });
    expect(playground.store.get(body.chatId)!.userData).toEqual({ reattached: 'true' });
    playground.agent.join(body.chatId);
    expect(texts(await customer.nextPush())).toEqual(['2 ParticipantJoined Agent']);

    const cometChat = await startChat({ nickname: 'Comet' });
    await cometChat.customer.publish({ operation: 'sendMessage', message: 'over bayeux', secureKey: cometChat.secureKey });
    await cometChat.customer.nextPush();
    const refresh = await gmsPost(`${playground.url}/genesys/2/chat/customer-support/${cometChat.chatId}/refresh`, { secureKey: cometChat.secureKey, transcriptPosition: '1' });
    expect(refresh.body.messages.map((m: { text?: string }) => m.text)).toEqual([undefined, 'over bayeux']);
  });
});

describe('playground GMS v2 over CometD with the simulated agent', () => {
  it('the auto agent joins and greets a CometD customer, and answers its message', async () => {
    const playground = await startPlayground({ agent: 'auto', autoAgentDelayMs: 50, autoAgentTypingMs: 50 });
    const customer = await cometdCustomer(`${playground.url}/genesys/cometd`, 'websocket');
    try {
      await customer.publish({ operation: 'requestChat', nickname: 'Ada' });
      const { secureKey } = await customer.nextPush();
      const agentSaid = () => customer.pushes.flatMap((p) => p.messages).filter((m) => m.type === 'Message' && m.from.type === 'Agent');
      await eventually(() => expect(agentSaid()).toHaveLength(1), 5000);
      await customer.publish({ operation: 'sendMessage', message: 'hello', secureKey });
      await eventually(() => expect(agentSaid()).toHaveLength(2), 5000);
    } finally {
      await customer.close();
      await playground.close();
    }
  });
});
