import { autoGreeting, autoReply, startPlayground, type Playground } from '../../playground/server';
import { gmsOp, startGmsChat, summary } from './helpers/gmsClient';
import { eventually, pause } from '../helpers/eventually';

describe('playground auto agent', () => {
  let playground: Playground;
  let service: string;
  beforeAll(async () => {
    playground = await startPlayground({ agent: 'auto', autoAgentDelayMs: 50, autoAgentTypingMs: 30 });
    service = `${playground.url}/genesys/2/chat/customer-support`;
  });
  afterAll(() => playground.close());

  it('joins after the delay, greets (typing first), then answers each customer message in order', async () => {
    const chat = await startGmsChat(service, { nickname: 'Ada' });
    const refresh = async () => summary((await gmsOp(service, chat, 'refresh', { transcriptPosition: '2' })).body.messages);
    const greeted = await eventually(async () => {
      const messages = await refresh();
      expect(messages.length).toBeGreaterThanOrEqual(3);
      return messages;
    });
    expect(greeted).toEqual(['2 ParticipantJoined:Agent:', '3 TypingStarted:Agent:', `4 Message:Agent:${autoGreeting('Ada')}`]);

    await gmsOp(service, chat, 'send', { message: 'first' });
    await gmsOp(service, chat, 'send', { message: 'second' });
    const answered = await eventually(async () => {
      const messages = await refresh();
      expect(messages.length).toBeGreaterThanOrEqual(9);
      return messages;
    });
    // The customer's second message may land before or after the agent starts typing the first
    // answer: only the order of answers and that each follows its message are fixed.
    const position = (line: string) => answered.findIndex((m) => m.endsWith(line));
    expect(answered.filter((m) => m.includes(' Message:Agent:'))).toEqual([
      `4 Message:Agent:${autoGreeting('Ada')}`,
      expect.stringContaining(`Message:Agent:${autoReply('first')}`),
      expect.stringContaining(`Message:Agent:${autoReply('second')}`),
    ]);
    expect(position(`Agent:${autoReply('first')}`)).toBeGreaterThan(position('Client:first'));
    expect(position(`Agent:${autoReply('second')}`)).toBeGreaterThan(position('Client:second'));
    expect(answered.filter((m) => m.includes('TypingStarted:Agent'))).toHaveLength(3);
  });

  it('waits for a session created not routable (Cloud: until its socket attaches)', async () => {
    const session = playground.store.create({ transport: 'purecloud-v2', customer: { name: 'Guest' }, routable: false });
    await pause(150);
    expect(session.participants).toHaveLength(1);
    playground.store.markRoutable(session.id);
    await eventually(() => expect(session.participants).toHaveLength(2));
    expect(session.participants[1]).toMatchObject({ role: 'agent', name: 'Dana' });
  });

  it('obeys /leave and /end from the customer', async () => {
    const chat = await startGmsChat(service);
    await eventually(() => expect(playground.store.get(chat.chatId)!.transcript.some((e) => e.kind === 'message')).toBe(true));
    await gmsOp(service, chat, 'send', { message: '/leave' });
    await eventually(() => expect(playground.store.agents(chat.chatId)).toHaveLength(0));
    expect(playground.store.get(chat.chatId)!.status).toBe('active');

    const other = await startGmsChat(service);
    await eventually(() => expect(playground.store.agents(other.chatId)).toHaveLength(1));
    await gmsOp(service, other, 'send', { message: '/end' });
    await eventually(async () => expect((await gmsOp(service, other, 'refresh')).body.chatEnded).toBeTruthy());
  });
});

describe('playground manual agent', () => {
  it('does nothing by itself', async () => {
    const playground = await startPlayground({ agent: 'manual', autoAgentDelayMs: 10 });
    try {
      const chat = await startGmsChat(`${playground.url}/genesys/2/chat/x`);
      await gmsOp(`${playground.url}/genesys/2/chat/x`, chat, 'send', { message: 'anyone?' });
      await pause(150);
      expect(playground.store.get(chat.chatId)!.transcript.map((e) => e.kind)).toEqual(['join', 'message']);
    } finally {
      await playground.close();
    }
  });
});
