import { startPlayground, type Playground } from '../../playground/server';
import { gmsOp, gmsPost, startGmsChat, summary, type GmsChat } from './helpers/gmsClient';

describe('playground GMS v2 protocol', () => {
  let playground: Playground;
  let service: string;

  beforeAll(async () => {
    playground = await startPlayground({ agent: 'manual', gmsMaxMessageLength: 50 });
    service = `${playground.url}/genesys/2/chat/customer-support`;
  });
  afterAll(() => playground.close());

  const sessionOf = (chat: GmsChat) => playground.store.get(chat.chatId)!;

  describe('request chat', () => {
    it('answers the identity triple and the customer join as #1, with and without the trailing slash', async () => {
      for (const url of [`${service}/`, service]) {
        const { status, body } = await gmsPost(url, { nickname: 'Ada', text: '', userId: '', secureKey: '', alias: '' });
        expect(status).toBe(200);
        expect(body).toMatchObject({ statusCode: 0, chatEnded: false, nextPosition: 2 });
        for (const key of ['chatId', 'userId', 'secureKey', 'alias']) expect(typeof body[key]).toBe('string');
        expect(body.messages).toEqual([{ index: 1, type: 'ParticipantJoined', utcTime: expect.any(Number), from: { nickname: 'Ada', participantId: 1, type: 'Client' } }]);
      }
    });

    it('keeps the form in the session: names, email, subject, userData[k], service and endpoint', async () => {
      const chat = await startGmsChat(`${playground.url}/genesys/2/chat/sales`, {
        firstName: 'Ada',
        lastName: 'Lovelace',
        emailAddress: 'ada@example.com',
        subject: 'Billing',
        endpoint: 'Sales',
        'userData[TimeZone]': '-480',
        'userData[_genesys_url]': 'https://shop.example.com/cart?a=1&b=2',
      });
      expect(chat.start.messages[0].from.nickname).toBe('Ada Lovelace');
      const session = sessionOf(chat);
      expect(session.transport).toBe('gms-v2');
      expect(session.customer).toEqual({ name: 'Ada Lovelace', firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com', subject: 'Billing' });
      expect(session.userData).toEqual({ TimeZone: '-480', _genesys_url: 'https://shop.example.com/cart?a=1&b=2' });
      expect(session.meta).toEqual({ serviceName: 'sales', endpoint: 'Sales' });
    });

    it('accepts a multipart Request Chat', async () => {
      const form = new FormData();
      form.set('nickname', 'Multi');
      form.set('userData[k]', 'v');
      const { body } = await gmsPost(`${service}/`, form);
      expect(body.statusCode).toBe(0);
      expect(playground.store.get(body.chatId)!.userData).toEqual({ k: 'v' });
    });

    it('refuses a chat without a nickname and without both names: statusCode 2, code 161', async () => {
      for (const fields of [{}, { firstName: 'Ada' }, { nickname: '  ', lastName: 'L' }] as Record<string, string>[]) {
        const { status, body } = await gmsPost(`${service}/`, fields);
        expect(status).toBe(200);
        expect(body.statusCode).toBe(2);
        expect(body.errors).toEqual([{ code: 161, advice: expect.any(String) }]);
      }
    });

    it('answers GET with 405: every GMS operation is a POST', async () => {
      const response = await fetch(`${service}/`, { signal: AbortSignal.timeout(3000) });
      expect(response.status).toBe(405);
      await response.text();
    });
  });

  describe('identity', () => {
    it.each(['send', 'refresh', 'startTyping', 'stopTyping', 'disconnect', 'pushUrl', 'updateNickname', 'customNotice', 'updateData', 'file/limits', 'file', 'file/F1/download', 'file/F1/delete'])(
      '%s with a wrong secureKey, a missing one, or an unknown chatId answers HTTP 200 chat-not-found',
      async (operation) => {
        const chat = await startGmsChat(service);
        const attempts = [
          gmsOp(service, { ...chat, triple: { ...chat.triple, secureKey: 'wrong' } }, operation, { message: 'x' }),
          gmsPost(`${service}/${chat.chatId}/${operation}`, { userId: chat.triple.userId, alias: chat.triple.alias, message: 'x' }),
          gmsOp(service, { ...chat, chatId: 'no-such-chat' }, operation, { message: 'x' }),
        ];
        for (const { status, body } of await Promise.all(attempts)) {
          expect(status).toBe(200);
          expect(body).toEqual({ statusCode: 2, chatEnded: true, errors: [{ code: 404, advice: 'Chat session not found' }] });
        }
        expect(sessionOf(chat).transcript).toHaveLength(1);
      },
    );

    it('refuses a chat id of another protocol', async () => {
      const other = playground.store.create({ transport: 'nexus-v3', customer: { name: 'N' } });
      const { body } = await gmsPost(`${service}/${other.id}/refresh`, { secureKey: '', userId: '', alias: '' });
      expect(body.errors).toEqual([{ code: 404, advice: 'Chat session not found' }]);
    });
  });

  describe('transcript and transcriptPosition (§7)', () => {
    let chat: GmsChat;
    beforeAll(async () => {
      chat = await startGmsChat(service);
      const agent = playground.agent.join(chat.chatId, { name: 'Dana' });
      expect(agent).toHaveProperty('id');
      playground.agent.typing(chat.chatId, true);
      playground.agent.say(chat.chatId, 'Hello Ada');
    });

    it('1 (the default) answers the whole transcript, 1-based and contiguous, with participant numbers', async () => {
      for (const fields of [{ transcriptPosition: '1' }, {}] as Record<string, string>[]) {
        const { body } = await gmsOp(service, chat, 'refresh', fields);
        expect(body).toMatchObject({ statusCode: 0, chatEnded: false, nextPosition: 5, chatId: chat.chatId, ...chat.triple });
        expect(summary(body.messages)).toEqual(['1 ParticipantJoined:Client:', '2 ParticipantJoined:Agent:', '3 TypingStarted:Agent:', '4 Message:Agent:Hello Ada']);
        expect(body.messages[3]).toMatchObject({ from: { nickname: 'Dana', participantId: 2, type: 'Agent' }, messageType: 'text', utcTime: expect.any(Number) });
      }
    });

    it('n ≥ 2 answers the events with index ≥ n; past the end nothing; 0 and -1 nothing', async () => {
      const at = async (position: string) => (await gmsOp(service, chat, 'refresh', { transcriptPosition: position })).body;
      expect(summary((await at('3')).messages)).toEqual(['3 TypingStarted:Agent:', '4 Message:Agent:Hello Ada']);
      for (const position of ['5', '9', '0', '-1']) {
        const body = await at(position);
        expect(body.messages).toEqual([]);
        expect(body.nextPosition).toBe(5);
      }
    });

    it('echoes the customer message and typing into the transcript; send answers messages only with transcriptPosition', async () => {
      const typing = await gmsOp(service, chat, 'startTyping', { message: 'My ord', transcriptPosition: '5' });
      expect(summary(typing.body.messages)).toEqual(['5 TypingStarted:Client:My ord']);
      expect(sessionOf(chat).draft).toBe('My ord');
      const sent = await gmsOp(service, chat, 'send', { message: 'My order is late', messageType: 'text' });
      expect(sent.body).toMatchObject({ statusCode: 0, chatEnded: false, messages: [], nextPosition: 7 });
      const withPosition = await gmsOp(service, chat, 'send', { message: 'again', transcriptPosition: '6' });
      expect(summary(withPosition.body.messages)).toEqual(['6 Message:Client:My order is late', '7 Message:Client:again']);
      const stopped = await gmsOp(service, chat, 'stopTyping', {});
      expect(stopped.body).toMatchObject({ statusCode: 0, messages: [], nextPosition: 9 });
      expect(summary((await gmsOp(service, chat, 'refresh', { transcriptPosition: '8' })).body.messages)).toEqual(['8 TypingStopped:Client:']);
    });

    it('keeps the refresh typing preview as the draft, without a length check (§8.2 code 204 ignored on refresh)', async () => {
      const long = 'x'.repeat(80);
      const { body } = await gmsOp(service, chat, 'refresh', { transcriptPosition: '99', message: long });
      expect(body.statusCode).toBe(0);
      expect(sessionOf(chat).draft).toBe(long);
    });

    it('refuses a message over the configured limit with code 204 and keeps it out of the transcript', async () => {
      const before = sessionOf(chat).transcript.length;
      const { status, body } = await gmsOp(service, chat, 'send', { message: 'y'.repeat(51) });
      expect(status).toBe(200);
      expect(body).toMatchObject({ statusCode: 2, chatEnded: false, errors: [{ code: 204, advice: expect.any(String) }] });
      expect(sessionOf(chat).transcript).toHaveLength(before);
    });

    it('passes eventAttributes of a reply-to message through', async () => {
      const attributes = { 'general-properties': { 'related-event-id': 'parent-1' } };
      const { body } = await gmsOp(service, chat, 'send', { message: 'reply', eventAttributes: JSON.stringify(attributes), transcriptPosition: String(sessionOf(chat).transcript.length + 1) });
      expect(body.messages[0]).toMatchObject({ type: 'Message', text: 'reply', eventAttributes: attributes });
    });
  });

  describe('other operations', () => {
    it('pushUrl, updateNickname and customNotice enter the transcript; updateData merges userData', async () => {
      const chat = await startGmsChat(service, { nickname: 'Ada', 'userData[a]': '1' });
      await gmsOp(service, chat, 'pushUrl', { pushUrl: 'https://example.com/faq' });
      const renamed = await gmsOp(service, chat, 'updateNickname', { nickname: 'Ada L.' });
      expect(renamed.body.statusCode).toBe(0);
      await gmsOp(service, chat, 'customNotice', { message: '', eventAttributes: '{"purpose":"cancel-idle-timer"}' });
      const data = await gmsOp(service, chat, 'updateData', { 'userData[orderId]': 'A-991', 'userData[a]': '2' });
      expect(data.body).toMatchObject({ statusCode: 0, chatEnded: false, messages: [] });
      expect(sessionOf(chat).userData).toEqual({ a: '2', orderId: 'A-991' });
      const { body } = await gmsOp(service, chat, 'refresh', { transcriptPosition: '2' });
      expect(summary(body.messages)).toEqual(['2 PushUrl:Client:https://example.com/faq', '3 NicknameUpdated:Client:Ada L.', '4 CustomNotice:Client:']);
      expect(body.messages[1].from.nickname).toBe('Ada L.');
      expect(body.messages[2].eventAttributes).toEqual({ purpose: 'cancel-idle-timer' });
    });

    it('shows agent notices from the system sender and bots as External parties with the BOT style', async () => {
      const chat = await startGmsChat(service);
      playground.agent.notice(chat.chatId, 'Please hold');
      playground.agent.join(chat.chatId, { role: 'bot', name: 'Helper' });
      playground.agent.say(chat.chatId, 'I am a bot');
      playground.agent.join(chat.chatId, { role: 'supervisor', name: 'Sam' });
      const { body } = await gmsOp(service, chat, 'refresh', { transcriptPosition: '2' });
      expect(body.messages[0]).toMatchObject({ type: 'Notice', text: 'Please hold', from: { nickname: 'system', participantId: 0, type: 'External' } });
      expect(body.messages[2]).toMatchObject({ type: 'Message', text: 'I am a bot', from: { nickname: 'Helper', participantId: 2, type: 'External' }, eventAttributes: { GCTI_SYSTEM: { 'party-info': { style: 'BOT' } } } });
      expect(body.messages[3]).toMatchObject({ type: 'ParticipantJoined', from: { nickname: 'Sam', participantId: 3, type: 'Supervisor' } });
    });
  });

  describe('end of chat', () => {
    it('disconnect appends the customer leave and answers chatEnded; every later call answers chatEnded and changes nothing', async () => {
      const chat = await startGmsChat(service);
      const { body } = await gmsOp(service, chat, 'disconnect');
      expect(body).toMatchObject({ statusCode: 0, chatEnded: true, chatId: chat.chatId, messages: [], nextPosition: 3 });
      expect(sessionOf(chat).status).toBe('ended');
      for (const operation of ['send', 'startTyping', 'customNotice', 'updateData', 'disconnect']) {
        const later = await gmsOp(service, chat, operation, { message: 'late' });
        expect(later.body).toMatchObject({ statusCode: 0, chatEnded: true });
      }
      const refresh = await gmsOp(service, chat, 'refresh', { transcriptPosition: '1' });
      expect(refresh.body.chatEnded).toBe(true);
      expect(summary(refresh.body.messages)).toEqual(['1 ParticipantJoined:Client:', '2 ParticipantLeft:Client:']);
    });

    it('an agent ending the chat ends it for the customer: the agent and customer leave, then chatEnded', async () => {
      const chat = await startGmsChat(service);
      playground.agent.join(chat.chatId, { name: 'Dana' });
      playground.agent.end(chat.chatId);
      const { body } = await gmsOp(service, chat, 'refresh', { transcriptPosition: '2' });
      expect(body.chatEnded).toBe(true);
      expect(summary(body.messages)).toEqual(['2 ParticipantJoined:Agent:', '3 ParticipantLeft:Agent:', '4 ParticipantLeft:Client:']);
    });

    it('an agent leaving does not end the chat', async () => {
      const chat = await startGmsChat(service);
      playground.agent.join(chat.chatId, { name: 'Dana' });
      playground.agent.leave(chat.chatId);
      const { body } = await gmsOp(service, chat, 'refresh', { transcriptPosition: '3' });
      expect(body.chatEnded).toBe(false);
      expect(summary(body.messages)).toEqual(['3 ParticipantLeft:Agent:']);
    });
  });
});

describe('playground GMS v2 apikey (§13 product choice)', () => {
  let playground: Playground;
  beforeAll(async () => {
    playground = await startPlayground({ agent: 'manual', gmsApiKey: 'k-123' });
  });
  afterAll(() => playground.close());

  it('answers 401 plain text without the right apikey header, and serves the chat with it', async () => {
    const service = `${playground.url}/genesys/2/chat/customer-support/`;
    for (const headers of [{}, { apikey: 'nope' }, { 'x-api-key': 'k-123' }] as Record<string, string>[]) {
      const { status, body } = await gmsPost(service, { nickname: 'Ada' }, headers);
      expect(status).toBe(401);
      expect(body).toEqual({ text: 'Unauthorized' });
    }
    const { status, body } = await gmsPost(service, { nickname: 'Ada' }, { apikey: 'k-123' });
    expect(status).toBe(200);
    expect(body.statusCode).toBe(0);
    expect(playground.store.list()).toHaveLength(1);
  });
});
