import { startPlayground, type Playground } from '../../playground/server';
import { gmsOp, startGmsChat, summary, type GmsChat } from './helpers/gmsClient';

describe('playground fault injection on GMS v2', () => {
  let playground: Playground;
  let service: string;
  let chat: GmsChat;

  beforeAll(async () => {
    playground = await startPlayground({ agent: 'manual', seed: 5 });
    service = `${playground.url}/genesys/2/chat/customer-support`;
  });
  afterAll(() => playground.close());
  beforeEach(async () => {
    playground.faults.clear();
    chat = await startGmsChat(service);
  });

  /** A raw refresh, for the faults that break the JSON. */
  const rawRefresh = (signal: AbortSignal = AbortSignal.timeout(3000)) =>
    fetch(`${service}/${chat.chatId}/refresh`, { method: 'POST', body: new URLSearchParams({ ...chat.triple, transcriptPosition: '1' }), signal });

  describe('generic HTTP kinds (every protocol gets them through intercept)', () => {
    it.each([
      ['http500', 500],
      ['http502', 502],
      ['http503', 503],
    ] as const)('%s answers HTTP %i without a body, once', async (kind, status) => {
      playground.faults.add({ kind, transport: 'gms-v2', route: 'refresh' });
      const faulty = await rawRefresh();
      expect(faulty.status).toBe(status);
      expect(await faulty.text()).toBe('');
      expect((await gmsOp(service, chat, 'refresh')).body.statusCode).toBe(0);
    });

    it('uses the rule status when given', async () => {
      playground.faults.add({ kind: 'http500', status: 504 });
      const faulty = await rawRefresh();
      expect(faulty.status).toBe(504);
      await faulty.text();
    });

    it('http429 answers 429 with Retry-After in seconds', async () => {
      playground.faults.add({ kind: 'http429', retryAfter: 7, route: 'send' });
      const { status, headers } = await gmsOp(service, chat, 'send', { message: 'hi' });
      expect(status).toBe(429);
      expect(headers.get('retry-after')).toBe('7');
      expect(playground.store.get(chat.chatId)!.transcript).toHaveLength(1);
    });

    it('plain403 answers a WAF-style text/plain Forbidden', async () => {
      playground.faults.add({ kind: 'plain403' });
      const faulty = await rawRefresh();
      expect(faulty.status).toBe(403);
      expect(faulty.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(await faulty.text()).toBe('Forbidden');
    });

    it('malformedJson answers 200 with a JSON content type and a body that does not parse', async () => {
      playground.faults.add({ kind: 'malformedJson' });
      const faulty = await rawRefresh();
      expect(faulty.status).toBe(200);
      expect(faulty.headers.get('content-type')).toMatch(/json/);
      const text = await faulty.text();
      expect(() => JSON.parse(text)).toThrow();
    });

    it('truncatedJson cuts the real answer in half', async () => {
      playground.faults.add({ kind: 'truncatedJson' });
      const text = await (await rawRefresh()).text();
      expect(() => JSON.parse(text)).toThrow();
      expect(text.startsWith('{"statusCode":0,')).toBe(true);
    });

    it('slow answers normally after delayMs', async () => {
      playground.faults.add({ kind: 'slow', delayMs: 300 });
      const started = Date.now();
      const { body } = await gmsOp(service, chat, 'refresh');
      expect(Date.now() - started).toBeGreaterThanOrEqual(290);
      expect(body.statusCode).toBe(0);
    });

    it('timeout never answers (the client gives up)', async () => {
      playground.faults.add({ kind: 'timeout' });
      await expect(rawRefresh(AbortSignal.timeout(300))).rejects.toThrow();
      expect((await gmsOp(service, chat, 'refresh')).body.statusCode).toBe(0);
    });

    it('drop destroys the connection', async () => {
      playground.faults.add({ kind: 'drop' });
      await expect(rawRefresh()).rejects.toThrow('fetch failed');
      expect((await gmsOp(service, chat, 'refresh')).body.statusCode).toBe(0);
    });

    it('targets one session only when the rule names it', async () => {
      const other = await startGmsChat(service);
      playground.faults.add({ kind: 'http503', sessionId: other.chatId, count: Infinity });
      expect((await gmsOp(service, chat, 'refresh')).status).toBe(200);
      expect((await gmsOp(service, other, 'refresh')).status).toBe(503);
    });

    it('records each request, with its fault, in requestLog', async () => {
      playground.faults.add({ kind: 'http502', route: 'refresh' });
      const before = playground.requestLog.length;
      await gmsOp(service, chat, 'refresh');
      await gmsOp(service, chat, 'send', { message: 'x' });
      expect(playground.requestLog.slice(before)).toEqual([
        { time: expect.any(Number), method: 'POST', path: `/genesys/2/chat/customer-support/${chat.chatId}/refresh`, transport: 'gms-v2', route: 'refresh', sessionId: chat.chatId, fault: 'http502' },
        { time: expect.any(Number), method: 'POST', path: `/genesys/2/chat/customer-support/${chat.chatId}/send`, transport: 'gms-v2', route: 'send', sessionId: chat.chatId },
      ]);
    });
  });

  describe('GMS kinds', () => {
    it('gmsStatusCode1 answers a streak of `count` statusCode 1 refreshes, then the transcript again', async () => {
      playground.faults.add({ kind: 'gmsStatusCode1', route: 'refresh', count: 3 });
      const codes = [];
      for (let n = 0; n < 4; n += 1) codes.push((await gmsOp(service, chat, 'refresh')).body);
      expect(codes.slice(0, 3)).toEqual([
        { statusCode: 1, messages: [] },
        { statusCode: 1, messages: [] },
        { statusCode: 1, messages: [] },
      ]);
      expect(codes[3]).toMatchObject({ statusCode: 0, chatEnded: false });
    });

    it('gmsStatusCode1 on requestChat refuses the start without creating a session', async () => {
      playground.faults.add({ kind: 'gmsStatusCode1', route: 'requestChat' });
      const count = playground.store.list().length;
      await expect(startGmsChat(service)).rejects.toThrow('"statusCode":1');
      expect(playground.store.list()).toHaveLength(count);
    });

    it('gmsStatusCode2 answers chatEnded with error 249 and ends the session', async () => {
      playground.faults.add({ kind: 'gmsStatusCode2', route: 'refresh' });
      const { status, body } = await gmsOp(service, chat, 'refresh');
      expect(status).toBe(200);
      expect(body).toEqual({
        statusCode: 2,
        chatEnded: true,
        chatId: chat.chatId,
        alias: chat.triple.alias,
        messages: [],
        errors: [{ code: 249, advice: expect.stringMatching(/^Media server was not able to execute request\. referenceId\[\d+\]$/) }],
      });
      expect(playground.store.get(chat.chatId)!.status).toBe('ended');
      expect((await gmsOp(service, chat, 'refresh')).body.chatEnded).toBe(true);
    });

    it('duplicate carries the last delivered message again', async () => {
      playground.agent.join(chat.chatId, { name: 'Dana' });
      playground.agent.say(chat.chatId, 'one');
      playground.faults.add({ kind: 'duplicate', route: 'refresh' });
      const { body } = await gmsOp(service, chat, 'refresh', { transcriptPosition: '3' });
      expect(summary(body.messages)).toEqual(['2 ParticipantJoined:Agent:', '3 Message:Agent:one']);
      expect(playground.faults.injected.duplicate).toBeGreaterThanOrEqual(1);
    });

    it('duplicate repeats the first message when nothing was delivered yet', async () => {
      playground.faults.add({ kind: 'duplicate', route: 'refresh' });
      const { body } = await gmsOp(service, chat, 'refresh', { transcriptPosition: '1' });
      expect(summary(body.messages)).toEqual(['1 ParticipantJoined:Client:', '1 ParticipantJoined:Client:']);
    });

    it('outOfOrder reverses the messages of one answer, and waits for an answer with two or more', async () => {
      playground.faults.add({ kind: 'outOfOrder', route: 'refresh' });
      expect(summary((await gmsOp(service, chat, 'refresh', { transcriptPosition: '1' })).body.messages)).toEqual(['1 ParticipantJoined:Client:']);
      playground.agent.join(chat.chatId, { name: 'Dana' });
      playground.agent.say(chat.chatId, 'one');
      const { body } = await gmsOp(service, chat, 'refresh', { transcriptPosition: '2' });
      expect(summary(body.messages)).toEqual(['3 Message:Agent:one', '2 ParticipantJoined:Agent:']);
      expect(summary((await gmsOp(service, chat, 'refresh', { transcriptPosition: '2' })).body.messages)).toEqual(['2 ParticipantJoined:Agent:', '3 Message:Agent:one']);
    });
  });
});
