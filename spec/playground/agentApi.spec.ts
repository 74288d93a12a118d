import { startPlayground, type Playground } from '../../playground/server';
import { gmsOp, startGmsChat, summary, type GmsChat, type Json } from './helpers/gmsClient';

describe('playground agent API (manual mode)', () => {
  let playground: Playground;
  let service: string;
  let chat: GmsChat;

  beforeAll(async () => {
    playground = await startPlayground({ agent: 'manual' });
    service = `${playground.url}/genesys/2/chat/customer-support`;
  });
  afterAll(() => playground.close());
  beforeEach(async () => {
    chat = await startGmsChat(service, { nickname: 'Ada', subject: 'Help', 'userData[orderId]': 'A-1' });
  });

  const call = async (method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }> => {
    const response = await fetch(`${playground.url}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(3000),
    });
    return { status: response.status, body: (await response.json()) as Json };
  };
  const agent = (action: string, body: unknown = {}) => call('POST', `/agent/sessions/${chat.chatId}/${action}`, body);
  const transcript = async (from = 2) => summary((await gmsOp(service, chat, 'refresh', { transcriptPosition: String(from) })).body.messages);

  it('lists sessions with transport, status, customer, attached data and the server transcript', async () => {
    const { status, body } = await call('GET', '/agent/sessions?transport=gms');
    expect(status).toBe(200);
    const listed = body as unknown as Json[];
    const mine = listed.find((s) => s.id === chat.chatId)!;
    expect(mine).toMatchObject({
      transport: 'gms-v2',
      status: 'waiting',
      customer: { name: 'Ada', subject: 'Help' },
      userData: { orderId: 'A-1' },
      customFields: {},
      participants: [{ role: 'customer', name: 'Ada', state: 'connected' }],
      transcript: [{ seq: 1, kind: 'join', id: expect.any(String) }],
      files: [],
    });
    expect((await call('GET', '/agent/sessions?transport=nexus')).body).toEqual([]);
    expect((await call('GET', `/agent/sessions/${chat.chatId}`)).body.id).toBe(chat.chatId);
  });

  it('join / typing / messages / leave are reflected in the GMS transcript', async () => {
    const joined = await agent('join', { name: 'Kim' });
    expect(joined).toMatchObject({ status: 200, body: { role: 'agent', name: 'Kim', state: 'connected' } });
    expect((await call('GET', `/agent/sessions/${chat.chatId}`)).body.status).toBe('active');
    expect((await agent('typing', { typing: true })).body).toMatchObject({ kind: 'typing-start', seq: 3 });
    expect((await agent('messages', { text: 'Hello Ada' })).body).toMatchObject({ kind: 'message', text: 'Hello Ada' });
    await agent('typing', { typing: false });
    await agent('leave');
    expect(await transcript()).toEqual(['2 ParticipantJoined:Agent:', '3 TypingStarted:Agent:', '4 Message:Agent:Hello Ada', '5 TypingStopped:Agent:', '6 ParticipantLeft:Agent:']);
    expect((await gmsOp(service, chat, 'refresh')).body.chatEnded).toBe(false);
  });

  it('joins supervisors and bots, and speaks as the participant named by participantId', async () => {
    const first = (await agent('join', { name: 'Kim' })).body;
    await agent('join', { role: 'supervisor' });
    await agent('join', { role: 'bot', name: 'Bot' });
    await agent('messages', { text: 'from Kim', participantId: first.id });
    await agent('messages', { text: 'from the bot' });
    expect(await transcript()).toEqual([
      '2 ParticipantJoined:Agent:',
      '3 ParticipantJoined:Supervisor:',
      '4 ParticipantJoined:External:',
      '5 Message:Agent:from Kim',
      '6 Message:External:from the bot',
    ]);
  });

  it('push-url, notice, custom-notice and files (JSON base64 and multipart) reach the transcript', async () => {
    await agent('join', { name: 'Kim' });
    await agent('push-url', { url: 'https://example.com/faq' });
    await agent('notice', { text: 'Recording on' });
    await agent('custom-notice', { text: '{"Survey_URL":"https://example.com/s"}', data: { purpose: 'survey' } });
    const json = await agent('files', { name: 'a.txt', type: 'text/plain', base64: Buffer.from('hi').toString('base64') });
    expect(json).toMatchObject({ status: 200, body: { file: { name: 'a.txt', size: 2 }, event: { kind: 'file-uploaded' } } });
    const form = new FormData();
    form.set('file', new Blob(['%PDF'], { type: 'application/pdf' }), 'b.pdf');
    const multipart = await fetch(`${playground.url}/agent/sessions/${chat.chatId}/files`, { method: 'POST', body: form, signal: AbortSignal.timeout(3000) });
    expect(multipart.status).toBe(200);
    await multipart.json();
    expect(await transcript(3)).toEqual([
      '3 PushUrl:Agent:https://example.com/faq',
      '4 Notice:External:Recording on',
      '5 CustomNotice:Agent:{"Survey_URL":"https://example.com/s"}',
      '6 FileUploaded:Agent:a.txt',
      '7 FileUploaded:Agent:b.pdf',
    ]);
  });

  it('end ends the chat: everyone leaves and the GMS client sees chatEnded', async () => {
    await agent('join', { name: 'Kim' });
    const ended = await agent('end');
    expect(ended).toMatchObject({ status: 200, body: { status: 'ended', endedAt: expect.any(Number) } });
    const { body } = await gmsOp(service, chat, 'refresh', { transcriptPosition: '3' });
    expect(body.chatEnded).toBe(true);
    expect(summary(body.messages)).toEqual(['3 ParticipantLeft:Agent:', '4 ParticipantLeft:Client:']);
    expect(await agent('messages', { text: 'too late' })).toEqual({ status: 409, body: { error: 'ended', message: expect.any(String) } });
  });

  it('answers 404 JSON for an unknown session, 409 when no agent is there, 400 for a bad body', async () => {
    expect(await call('POST', '/agent/sessions/nope/join', {})).toEqual({ status: 404, body: { error: 'not-found', message: 'no session nope' } });
    expect((await call('GET', '/agent/sessions/nope')).status).toBe(404);
    expect(await agent('messages', { text: 'hi' })).toEqual({ status: 409, body: { error: 'no-agent', message: expect.any(String) } });
    expect((await agent('messages', {})).status).toBe(400);
    expect((await agent('typing', { typing: 'yes' })).status).toBe(400);
    expect((await agent('join', { role: 'customer' })).status).toBe(400);
    expect((await agent('files', {})).status).toBe(400);
  });

  describe('faults over HTTP', () => {
    afterEach(() => playground.faults.clear());

    it('POST /agent/faults adds a rule or a list ("Infinity" for always), GET lists them, DELETE clears them', async () => {
      const added = await call('POST', '/agent/faults', [
        { kind: 'gmsStatusCode1', transport: 'gms-v2', route: 'refresh', count: 2 },
        { kind: 'http503', route: 'send', count: 'Infinity' },
      ]);
      expect(added.status).toBe(200);
      expect(added.body.rules).toEqual([
        { kind: 'gmsStatusCode1', transport: 'gms-v2', route: 'refresh', count: 2 },
        { kind: 'http503', route: 'send', count: 'Infinity' },
      ]);
      expect((await gmsOp(service, chat, 'refresh')).body.statusCode).toBe(1);
      expect((await gmsOp(service, chat, 'send', { message: 'x' })).status).toBe(503);
      expect((await gmsOp(service, chat, 'send', { message: 'x' })).status).toBe(503);
      const listed = await call('GET', '/agent/faults');
      expect(listed.body.rules[0].count).toBe(1);
      expect(listed.body.injected).toMatchObject({ gmsStatusCode1: 1, http503: 2 });
      expect((await call('POST', '/agent/faults', { kind: 'slow', route: 'refresh', delayMs: 5 })).body.rules).toHaveLength(3);
      expect((await call('DELETE', '/agent/faults')).body.rules).toEqual([]);
      expect((await gmsOp(service, chat, 'refresh')).body.statusCode).toBe(0);
    });

    it('rejects an unknown kind with 400', async () => {
      const { status, body } = await call('POST', '/agent/faults', [{ kind: 'http500' }, { kind: 'meteor' }]);
      expect(status).toBe(400);
      expect(body.message).toContain('rule 1');
      expect(playground.faults.rules()).toEqual([]);
    });
  });
});
