import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { autoGreeting, autoReply, startPlayground, type Playground } from '../../playground/server';
import { selectNexusMessages } from '../../playground/server/nexus-v3/selectNexusMessages';
import type { NexusWireMessage } from '../../playground/server/nexus-v3/toNexusMessage';
import { eventually } from '../helpers/eventually';

interface Reply {
  status: number;
  body: { status?: { code: unknown; message?: string }; data?: Record<string, unknown> } & Record<string, unknown>;
  headers: Headers;
}

type NexusMessage = NexusWireMessage;

describe('playground Nexus v3 protocol', () => {
  let playground: Playground;
  let sessions: string;
  const key = { 'x-api-key': 'playground-key' };

  beforeAll(async () => {
    playground = await startPlayground({ agent: 'manual' });
    sessions = `${playground.url}/nexus/v3/chat/sessions`;
  });
  afterAll(() => playground.close());

  const call = async (method: string, url: string, options: { headers?: Record<string, string>; form?: Record<string, string>; body?: FormData } = {}): Promise<Reply> => {
    const body = options.body ?? (options.form ? new URLSearchParams({ operationId: randomUUID(), ...options.form }) : undefined);
    const response = await fetch(url, { method, headers: { ...key, ...options.headers }, ...(body ? { body } : {}) });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : {}, headers: response.headers };
  };

  const create = async (form: Record<string, string> = {}) => {
    const reply = await call('POST', sessions, { form: { 'data[nickname]': 'Jane', 'data[endpoint]': 'EP', ...form } });
    const token = String(reply.body.data?.clientToken);
    const claims = jwt.decode(token) as { sessionId: string; participantId: string; transportId: string };
    return { reply, token, ...claims, client: { 'x-nexus-client-key': token } };
  };
  const poll = async (chat: { sessionId: string; client: Record<string, string> }, query = '') => {
    const reply = await call('GET', `${sessions}/${chat.sessionId}/messages?operationId=${randomUUID()}${query}`, { headers: chat.client });
    return { reply, messages: (reply.body.data?.messages ?? []) as NexusMessage[], chatEnded: reply.body.data?.chatEnded };
  };
  const send = (chat: { sessionId: string; client: Record<string, string> }, type: string, text: string, operationId = randomUUID()) =>
    call('POST', `${sessions}/${chat.sessionId}/messages`, { headers: chat.client, form: { operationId, 'data[type]': type, 'data[text]': text } });
  const summary = (messages: NexusMessage[]) => messages.map((m) => `${m.index}:${m.type}:${m.from.type}:${m.text ?? ''}`);

  describe('create (wire §6.1)', () => {
    it('answers the envelope with an HS256 clientToken whose payload is exactly the session data', async () => {
      const chat = await create();
      expect(chat.reply.status).toBe(200);
      expect(chat.reply.body).toEqual({
        status: { code: 0, message: 'OK' },
        data: { clientToken: chat.token, entity: { id: chat.sessionId, selfUri: `/nexus/v3/chat/sessions/${chat.sessionId}` } },
      });
      expect(jwt.decode(chat.token, { complete: true })).toMatchObject({ header: { alg: 'HS256' } });
      expect(Object.keys(jwt.decode(chat.token) as object).sort()).toEqual(['participantId', 'sessionId', 'transportId']);
      const session = playground.store.get(chat.sessionId)!;
      expect(session.transport).toBe('nexus-v3');
      expect(chat.participantId).toBe(session.customerId);
    });

    it('keeps the names, the custom fields, the nested userData and the transport keys', async () => {
      const chat = await create({
        'data[firstName]': 'Jane',
        'data[lastName]': 'Doe',
        'data[email]': 'jane@example.com',
        'data[subject]': 'Refund',
        'data[stream]': 'live',
        'data[clientType]': 'web',
        'data[orderId]': 'A-1',
        'data[userData][_genesys_source]': 'web',
        'data[userData][PhoneNumber]': '555-0100',
      });
      const session = playground.store.get(chat.sessionId)!;
      expect(session.customer).toEqual({ name: 'Jane', firstName: 'Jane', lastName: 'Doe', email: 'jane@example.com', subject: 'Refund' });
      expect(session.userData).toEqual({ _genesys_source: 'web', PhoneNumber: '555-0100' });
      expect(session.customFields).toEqual({ orderId: 'A-1' });
      expect(session.meta).toEqual({ endpoint: 'EP', stream: 'live', clientType: 'web' });
    });

    it.each([
      ['a wrong x-api-key', { 'x-api-key': 'nope' }, { 'data[nickname]': 'J', 'data[endpoint]': 'EP' }, 401, 'INVALID_CONTACT_CENTER'],
      ['no x-api-key', { 'x-api-key': '' }, { 'data[nickname]': 'J', 'data[endpoint]': 'EP' }, 401, 'INVALID_CONTACT_CENTER'],
      ['no endpoint', {}, { 'data[nickname]': 'J' }, 400, 'INVALID_ENDPOINT'],
      ['no name', {}, { 'data[endpoint]': 'EP' }, 400, 'INVALID_NICKNAME'],
    ])('refuses %s', async (_, headers, form, status, code) => {
      const reply = await call('POST', sessions, { headers, form });
      expect(reply.status).toBe(status);
      expect(reply.body).toEqual({ status: { code, message: expect.any(String) } });
    });

    it('checks the key configured with startPlayground({ nexusApiKey })', async () => {
      const other = await startPlayground({ agent: 'manual', nexusApiKey: 'secret-2' });
      try {
        const form = new URLSearchParams({ operationId: randomUUID(), 'data[nickname]': 'J', 'data[endpoint]': 'EP' });
        const refused = await fetch(`${other.url}/nexus/v3/chat/sessions`, { method: 'POST', headers: key, body: form });
        expect(refused.status).toBe(401);
        const accepted = await fetch(`${other.url}/nexus/v3/chat/sessions`, { method: 'POST', headers: { 'x-api-key': 'secret-2' }, body: form });
        expect(accepted.status).toBe(200);
      } finally {
        await other.close();
      }
    });

    it('answers a repeated operationId with the first answer and creates nothing new', async () => {
      const form = { operationId: randomUUID(), 'data[nickname]': 'Once', 'data[endpoint]': 'EP' };
      const before = playground.store.list().length;
      const first = await call('POST', sessions, { form });
      const again = await call('POST', sessions, { form });
      expect(again.body).toEqual(first.body);
      expect(playground.store.list().length).toBe(before + 1);
    });

    it('resumes a stored token: same session and participant, a new transportId', async () => {
      const chat = await create();
      const resumed = await call('POST', sessions, { headers: chat.client, form: { 'data[endpoint]': 'EP' } });
      const claims = jwt.decode(String(resumed.body.data?.clientToken)) as Record<string, string>;
      expect(claims).toEqual({ sessionId: chat.sessionId, participantId: chat.participantId, transportId: expect.any(String) });
      expect(claims.transportId).not.toBe(chat.transportId);
    });

    it('refuses to resume an unknown token or an ended session with 401 INVALID_SESSION', async () => {
      const forged = jwt.sign({ sessionId: 'x', transportId: 'y', participantId: 'z' }, 'not-the-secret', { noTimestamp: true });
      const unknown = await call('POST', sessions, { headers: { 'x-nexus-client-key': forged }, form: { 'data[endpoint]': 'EP' } });
      expect(unknown.status).toBe(401);
      expect(unknown.body.status?.code).toBe('INVALID_SESSION');
      const chat = await create();
      playground.agent.end(chat.sessionId);
      const ended = await call('POST', sessions, { headers: chat.client, form: { 'data[endpoint]': 'EP' } });
      expect(ended.status).toBe(401);
    });
  });

  describe('messages (wire §6.2, §6.3, §7)', () => {
    it('delivers the customer join on the first poll, then only what is new (per-token cursor)', async () => {
      const chat = await create();
      const first = await poll(chat);
      expect(first.reply.status).toBe(200);
      expect(first.messages).toEqual([
        { index: '1-0', type: 'ParticipantJoined', utcTime: expect.any(Number), from: { nickname: 'Jane', participantId: chat.participantId, type: 'Customer' } },
      ]);
      expect(first.chatEnded).toBe(false);
      expect((await poll(chat)).messages).toEqual([]);
      await send(chat, 'TypingStarted', 'Hel');
      await send(chat, 'Text', 'Hello');
      playground.agent.join(chat.sessionId, { name: 'Kim' });
      playground.agent.typing(chat.sessionId, true);
      playground.agent.say(chat.sessionId, 'Hi Jane');
      expect(summary((await poll(chat)).messages)).toEqual([
        '2-0:TypingStarted:Customer:Hel',
        '3-0:Text:Customer:Hello',
        '4-0:ParticipantJoined:Agent:',
        '5-0:TypingStarted:Agent:',
        '6-0:Text:Agent:Hi Jane',
      ]);
      expect(playground.store.get(chat.sessionId)!.draft).toBe('');
    });

    it('maps every agent-side event: supervisor, push URL, notice, leave', async () => {
      const chat = await create();
      await poll(chat);
      playground.agent.join(chat.sessionId, { name: 'Sam', role: 'supervisor' });
      playground.agent.pushUrl(chat.sessionId, 'https://example.com/help');
      playground.agent.notice(chat.sessionId, 'Queue is busy');
      playground.agent.leave(chat.sessionId);
      const { messages } = await poll(chat);
      expect(messages.map((m) => [m.type, m.from.type, m.text ?? '', m.url ?? ''])).toEqual([
        ['ParticipantJoined', 'Supervisor', '', ''],
        ['PushUrl', 'Supervisor', 'https://example.com/help', 'https://example.com/help'],
        ['Notice', 'System', 'Queue is busy', ''],
        ['ParticipantLeft', 'Supervisor', '', ''],
      ]);
    });

    it('index=i returns from i on; count=n the latest n; index=i&count=n the page ending at i', async () => {
      const chat = await create();
      for (const text of ['a', 'b', 'c', 'd']) await send(chat, 'Text', text);
      expect(summary((await poll(chat, '&index=4-0')).messages)).toEqual(['4-0:Text:Customer:c', '5-0:Text:Customer:d']);
      expect(summary((await poll(chat, '&count=2')).messages)).toEqual(['4-0:Text:Customer:c', '5-0:Text:Customer:d']);
      expect(summary((await poll(chat, '&index=3-0&count=2')).messages)).toEqual(['2-0:Text:Customer:a', '3-0:Text:Customer:b']);
      expect(summary((await poll(chat, '&index=1-0&count=16')).messages)).toEqual(['1-0:ParticipantJoined:Customer:']);
      // A plain number names the same seq (the client's index=0 "from the start", a numeric session's indexes).
      expect(summary((await poll(chat, '&index=5')).messages)).toEqual(['5-0:Text:Customer:d']);
      // count and index moved the cursor past what they returned: nothing new now
      expect((await poll(chat)).messages).toEqual([]);
    });

    it('gives each transportId its own cursor', async () => {
      const chat = await create();
      await poll(chat);
      const resumed = await call('POST', sessions, { headers: chat.client, form: { 'data[endpoint]': 'EP' } });
      const second = { sessionId: chat.sessionId, client: { 'x-nexus-client-key': String(resumed.body.data?.clientToken) } };
      expect(summary((await poll(second)).messages)).toEqual(['1-0:ParticipantJoined:Customer:']);
    });

    it('writes string indexes "<seq>-0" by default in every reply: poll, index= resume, count= restore, history page', async () => {
      const chat = await create();
      await send(chat, 'Text', 'x');
      await send(chat, 'Text', 'y');
      const indexes = async (query = '') => (await poll(chat, query)).messages.map((m) => m.index);
      expect(await indexes()).toEqual(['1-0', '2-0', '3-0']);
      expect(await indexes('&index=2-0')).toEqual(['2-0', '3-0']);
      expect(await indexes('&count=10000')).toEqual(['1-0', '2-0', '3-0']);
      expect(await indexes('&index=3-0&count=2')).toEqual(['2-0', '3-0']);
      // The shipped client's `index.replace("-", "")` works on every one of them.
      expect((await poll(chat, '&count=10000')).messages.every((m) => typeof m.index === 'string' && m.index.includes('-'))).toBe(true);
    });

    it('writes bare numbers for the whole session under the nexusNumericIndex fault, taken at create', async () => {
      const before = playground.faults.injected.nexusNumericIndex;
      playground.faults.add({ transport: 'nexus-v3', route: 'create', kind: 'nexusNumericIndex' });
      const numeric = await create();
      const plain = await create();
      expect(playground.faults.injected.nexusNumericIndex).toBe(before + 1);
      await send(numeric, 'Text', 'x');
      expect((await poll(numeric)).messages.map((m) => m.index)).toEqual([1, 2]);
      expect((await poll(numeric, '&index=2')).messages.map((m) => m.index)).toEqual([2]);
      expect((await poll(numeric, '&index=2-0&count=1')).messages.map((m) => m.index)).toEqual([2]);
      // A resumed token of that session keeps its format; the next session is back to strings.
      const resumed = await call('POST', sessions, { headers: numeric.client, form: { 'data[endpoint]': 'EP' } });
      const second = { sessionId: numeric.sessionId, client: { 'x-nexus-client-key': String(resumed.body.data?.clientToken) } };
      expect((await poll(second)).messages.map((m) => m.index)).toEqual([1, 2]);
      expect((await poll(plain)).messages.map((m) => m.index)).toEqual(['1-0']);
    });

    it.each(['abc', '1-', '-1', '1-2-3', '1.5', ' 1-0', '1-0&index=2-0'])('answers index=%s with 400 INVALID_PARAMETER in the Nexus envelope', async (index) => {
      const chat = await create();
      const query = index.includes('&') ? `&index=${index}` : `&index=${encodeURIComponent(index)}`;
      const { reply } = await poll(chat, query);
      expect({ status: reply.status, body: reply.body }).toEqual({
        status: 400,
        body: { status: { code: 'INVALID_PARAMETER', message: expect.any(String) } },
      });
    });

    it('drops a repeated send operationId', async () => {
      const chat = await create();
      const operationId = randomUUID();
      await send(chat, 'Text', 'once', operationId);
      await send(chat, 'Text', 'once', operationId);
      expect(playground.store.get(chat.sessionId)!.transcript.filter((e) => e.kind === 'message')).toHaveLength(1);
    });

    it('refuses a customer Notice (custom notices are unsupported on v3)', async () => {
      const chat = await create();
      const reply = await send(chat, 'Notice', 'x');
      expect(reply.status).toBe(400);
      expect(reply.body.status?.code).toBe('INVALID_MESSAGE_TYPE');
    });

    it.each([
      ['no client key', () => ({})],
      ['a token of another session', async () => (await create()).client],
      ['a forged token', () => ({ 'x-nexus-client-key': jwt.sign({ sessionId: 'x', transportId: 'y', participantId: 'z' }, 'other', { noTimestamp: true }) })],
    ])('answers 404 INVALID_SESSION for %s', async (_, headers) => {
      const chat = await create();
      const reply = await call('GET', `${sessions}/${chat.sessionId}/messages?operationId=x`, { headers: await headers() });
      expect(reply.status).toBe(404);
      expect(reply.body).toEqual({ status: { code: 'INVALID_SESSION', message: expect.any(String) } });
    });

    it('sessions outlive the customer: the agent keeps writing, a later poll gets it all', async () => {
      const chat = await create();
      await poll(chat);
      playground.agent.join(chat.sessionId, {});
      playground.agent.say(chat.sessionId, 'one');
      playground.agent.leave(chat.sessionId);
      playground.agent.join(chat.sessionId, {});
      playground.agent.say(chat.sessionId, 'two');
      expect((await poll(chat)).messages.filter((m) => m.type === 'Text').map((m) => m.text)).toEqual(['one', 'two']);
      expect(playground.store.get(chat.sessionId)!.status).toBe('active');
    });
  });

  describe('end, userdata, images (wire §6.4–§6.7)', () => {
    it('ends on DELETE of the own participant; later polls say chatEnded and later sends too', async () => {
      const chat = await create();
      const wrong = await call('DELETE', `${sessions}/${chat.sessionId}/participants/someone-else`, { headers: chat.client, form: {} });
      expect(wrong.status).toBe(404);
      const end = await call('DELETE', `${sessions}/${chat.sessionId}/participants/${chat.participantId}`, { headers: chat.client, form: {} });
      expect(end).toMatchObject({ status: 200, body: { data: {} } });
      const after = await poll(chat);
      expect(after.chatEnded).toBe(true);
      expect(after.messages.at(-1)).toMatchObject({ type: 'ParticipantLeft', from: { type: 'Customer' } });
      expect((await send(chat, 'Text', 'late')).body.data).toEqual({ chatEnded: true });
    });

    it('says chatEnded after the agent ends the chat', async () => {
      const chat = await create();
      playground.agent.join(chat.sessionId, {});
      playground.agent.end(chat.sessionId);
      expect((await poll(chat)).chatEnded).toBe(true);
    });

    it('merges userData from PUT userdata', async () => {
      const chat = await create({ 'data[userData][a]': '1' });
      const reply = await call('PUT', `${sessions}/${chat.sessionId}/userdata`, { headers: chat.client, form: { 'data[orderId]': 'A-991' } });
      expect(reply).toMatchObject({ status: 200, body: { data: {} } });
      expect(playground.store.get(chat.sessionId)!.userData).toEqual({ a: '1', orderId: 'A-991' });
    });

    it('uploads an image, delivers it as content[] and serves its bytes with the session headers', async () => {
      const chat = await create();
      await poll(chat);
      const bytes = Uint8Array.from([137, 80, 78, 71, 13, 10]);
      const form = new FormData();
      form.set('operationId', randomUUID());
      form.set('file', new Blob([bytes], { type: 'image/png' }), 'receipt.png');
      const uploaded = await call('POST', `${sessions}/${chat.sessionId}/images`, { headers: chat.client, body: form });
      expect(uploaded.status).toBe(200);
      const { id, url } = uploaded.body.data as { id: string; url: string };
      expect(url).toBe(`/sessions/${chat.sessionId}/images/${id}`);
      const [message] = (await poll(chat)).messages;
      expect(message).toMatchObject({ type: 'Text', from: { type: 'Customer' }, content: [{ type: 'image', mime: 'image/png', url }] });
      const image = await fetch(`${playground.url}/nexus/v3/chat${url}`, { headers: { ...key, ...chat.client } });
      expect(image.status).toBe(200);
      expect(image.headers.get('content-type')).toBe('image/png');
      expect(new Uint8Array(await image.arrayBuffer())).toEqual(bytes);
      const anonymous = await fetch(`${playground.url}/nexus/v3/chat${url}`, { headers: key });
      expect(anonymous.status).toBe(404);
    });

    it.each([
      ['a non-image', new Blob(['hello'], { type: 'text/plain' }), 'a.txt', 'INVALID_FILE_TYPE'],
      ['an image over 5 MB', new Blob([new Uint8Array(5 * 1024 * 1024 + 1)], { type: 'image/png' }), 'big.png', 'LIMIT_FILE_SIZE'],
    ])('refuses %s with 400', async (_, blob, name, code) => {
      const chat = await create();
      const form = new FormData();
      form.set('operationId', randomUUID());
      form.set('file', blob, name);
      const reply = await call('POST', `${sessions}/${chat.sessionId}/images`, { headers: chat.client, body: form });
      expect(reply.status).toBe(400);
      expect(reply.body.status?.code).toBe(code);
    });

    it('refuses the 11th image of a session with LIMIT_FILE_COUNT', async () => {
      const chat = await create();
      const upload = () => {
        const form = new FormData();
        form.set('file', new Blob([Uint8Array.from([1])], { type: 'image/gif' }), 'x.gif');
        return call('POST', `${sessions}/${chat.sessionId}/images`, { headers: chat.client, body: form });
      };
      for (let i = 0; i < 10; i += 1) expect((await upload()).status).toBe(200);
      expect((await upload()).body.status?.code).toBe('LIMIT_FILE_COUNT');
    });

    it('delivers an agent image as content[] with its own url', async () => {
      const chat = await create();
      await poll(chat);
      playground.agent.join(chat.sessionId, {});
      const sent = playground.agent.sendFile(chat.sessionId, { name: 'label.png', type: 'image/png', bytes: Buffer.from([1, 2]) });
      const fileId = 'file' in sent ? sent.file.id : '';
      const { messages } = await poll(chat);
      expect(messages.at(-1)).toMatchObject({ type: 'Text', from: { type: 'Agent' }, content: [{ type: 'image', url: `/sessions/${chat.sessionId}/images/${fileId}` }] });
    });
  });

  describe('faults', () => {
    afterEach(() => playground.faults.clear());

    it('nexusInvalidSession answers 404 INVALID_SESSION on the route it targets', async () => {
      const chat = await create();
      playground.faults.add({ transport: 'nexus-v3', route: 'messages', kind: 'nexusInvalidSession' });
      const lost = await poll(chat);
      expect(lost.reply.status).toBe(404);
      expect(lost.reply.body.status?.code).toBe('INVALID_SESSION');
      expect((await poll(chat)).reply.status).toBe(200);
    });

    it('http429 answers Retry-After with the envelope', async () => {
      const chat = await create();
      playground.faults.add({ transport: 'nexus-v3', route: 'messages', kind: 'http429', retryAfter: 3 });
      const { reply } = await poll(chat);
      expect(reply.status).toBe(429);
      expect(reply.headers.get('retry-after')).toBe('3');
      expect(reply.body.status?.code).toBe('TOO_MANY_REQUESTS');
    });

    it('http503 answers the envelope with a 5xx', async () => {
      const chat = await create();
      playground.faults.add({ transport: 'nexus-v3', route: 'send', kind: 'http503' });
      expect((await send(chat, 'Text', 'x')).status).toBe(503);
      expect(playground.store.get(chat.sessionId)!.transcript.filter((e) => e.kind === 'message')).toHaveLength(0);
    });

    it('duplicate re-delivers the last delivered message where it stands in the transcript; outOfOrder reverses a page', async () => {
      const chat = await create();
      await poll(chat);
      await send(chat, 'Text', 'a');
      await send(chat, 'Text', 'b');
      playground.faults.add({ transport: 'nexus-v3', route: 'messages', kind: 'duplicate' });
      expect(summary((await poll(chat)).messages)).toEqual(['1-0:ParticipantJoined:Customer:', '2-0:Text:Customer:a', '3-0:Text:Customer:b']);
      // A page read back (index= resume, count= restore) that holds the repeated message keeps server order.
      playground.faults.add({ transport: 'nexus-v3', route: 'messages', kind: 'duplicate' });
      expect(summary((await poll(chat, '&index=2-0')).messages)).toEqual(['2-0:Text:Customer:a', '3-0:Text:Customer:b', '3-0:Text:Customer:b']);
      playground.faults.add({ transport: 'nexus-v3', route: 'messages', kind: 'duplicate' });
      expect(summary((await poll(chat, '&count=10000')).messages)).toEqual(['1-0:ParticipantJoined:Customer:', '2-0:Text:Customer:a', '3-0:Text:Customer:b', '3-0:Text:Customer:b']);
      await send(chat, 'Text', 'c');
      await send(chat, 'Text', 'd');
      playground.faults.add({ transport: 'nexus-v3', route: 'messages', kind: 'outOfOrder' });
      expect(summary((await poll(chat)).messages)).toEqual(['5-0:Text:Customer:d', '4-0:Text:Customer:c']);
    });

    it('logs every request with its route for the benchmarks', async () => {
      const chat = await create();
      await poll(chat);
      const routes = playground.requestLog.filter((e) => e.sessionId === chat.sessionId || e.route === 'create').map((e) => e.route);
      expect(routes).toEqual(expect.arrayContaining(['create', 'messages']));
      expect(playground.requestLog.every((e) => e.transport !== 'nexus-v3' || e.path.startsWith('/nexus/v3/chat/sessions'))).toBe(true);
    });
  });

  it('is served by the auto agent too: it joins, greets and answers over the Nexus wire', async () => {
    const auto = await startPlayground({ agent: 'auto', autoAgentDelayMs: 20, autoAgentTypingMs: 10 });
    try {
      const url = `${auto.url}/nexus/v3/chat/sessions`;
      const created = await (await fetch(url, { method: 'POST', headers: key, body: new URLSearchParams({ 'data[nickname]': 'Jane', 'data[endpoint]': 'EP' }) })).json();
      const token = created.data.clientToken as string;
      const { sessionId } = jwt.decode(token) as { sessionId: string };
      const headers = { ...key, 'x-nexus-client-key': token };
      await fetch(`${url}/${sessionId}/messages`, { method: 'POST', headers, body: new URLSearchParams({ 'data[type]': 'Text', 'data[text]': 'parcel?' }) });
      const texts: string[] = [];
      await eventually(async () => {
        const page = await (await fetch(`${url}/${sessionId}/messages?operationId=x`, { headers })).json();
        texts.push(...(page.data.messages as NexusMessage[]).filter((m) => m.type === 'Text' && m.from.type === 'Agent').map((m) => m.text ?? ''));
        expect(texts).toContain(autoReply('parcel?'));
      });
      expect(texts).toEqual([autoGreeting('Jane'), autoReply('parcel?')]);
    } finally {
      await auto.close();
    }
  });

  it('lists its sessions in the agent API with transport nexus-v3', async () => {
    const chat = await create();
    const listed = (await (await fetch(`${playground.url}/agent/sessions`)).json()) as Array<{ id: string; transport: string }>;
    expect(listed.find((s) => s.id === chat.sessionId)?.transport).toBe('nexus-v3');
  });
});

describe('selectNexusMessages', () => {
  const page = [1, 2, 3, 5, 8].map((seq) => ({ seq }));
  it.each([
    ['nothing after the cursor', {}, 3, [5, 8], 8],
    ['index=i: from i on, cursor past them', { index: 5 }, 2, [5, 8], 8],
    ['count=n: the latest n', { count: 2 }, 0, [5, 8], 8],
    ['count=0: nothing', { count: 0 }, 1, [], 1],
    ['index&count: the page ending at i, cursor unchanged', { index: 5, count: 3 }, 8, [2, 3, 5], 8],
    ['index&count at the start', { index: 1, count: 16 }, 8, [1], 8],
  ])('%s', (_, query, cursor, seqs, next) => {
    const { selected, cursor: moved } = selectNexusMessages(page, query, cursor);
    expect(selected.map((m) => m.seq)).toEqual(seqs);
    expect(moved).toBe(next);
  });
});
