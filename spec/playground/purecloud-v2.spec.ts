import WebSocket from 'ws';
import { startPlayground } from '../../playground/server/index';
import type { Playground } from '../../playground/server/index';
import { eventually, pause } from '../helpers/eventually';

/** The Genesys Cloud part of the playground over raw HTTP and `ws` (what the SDK spec does not reach). */
describe('purecloud-v2 playground: wire details, faults and the event stream', () => {
  let playground: Playground;
  const sockets: WebSocket[] = [];
  const root = () => `${playground.url}/api/v2/webchat/guest/conversations`;

  beforeAll(async () => {
    playground = await startPlayground({ agent: 'manual', heartbeatIntervalMs: 50 });
  });
  afterEach(() => {
    playground.faults.clear();
    for (const socket of sockets.splice(0)) socket.terminate();
  });
  afterAll(() => playground.close());

  const post = (url: string, body: unknown, jwt?: string) =>
    fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...(jwt ? { Authorization: `Bearer ${jwt}` } : {}) }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const get = (url: string, jwt: string) => fetch(url, { headers: { Authorization: `Bearer ${jwt}` } });
  const create = async (displayName = 'Ada') => {
    const response = await post(root(), { organizationId: 'o', deploymentId: 'd', routingTarget: { targetType: 'QUEUE', targetAddress: 'Support' }, memberInfo: { displayName } });
    return (await response.json()) as { id: string; jwt: string; eventStreamUri: string; member: { id: string } };
  };
  const attach = async (uri: string) => {
    const socket = new WebSocket(uri);
    sockets.push(socket);
    const frames: Array<Record<string, unknown>> = [];
    const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
    socket.on('message', (data) => frames.push(JSON.parse(String(data)) as Record<string, unknown>));
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return { socket, frames, closed };
  };
  const heartbeats = (frames: Array<Record<string, unknown>>) => frames.filter((f) => f.topicName === 'channel.metadata').length;
  const type = (frame: Record<string, unknown>) => (frame.metadata as { type?: string } | undefined)?.type;

  it('validates the create request and the message body with 400 ErrorBodies and a correlation id', async () => {
    const missing = await post(root(), { organizationId: 'o', memberInfo: {} });
    expect(missing.status).toBe(400);
    expect(missing.headers.get('inin-correlation-id')).toEqual(expect.any(String));
    expect(await missing.json()).toMatchObject({ status: 400, code: 'bad.request', message: expect.stringContaining('deploymentId') });
    expect((await post(root(), '{not json')).status).toBe(400);
    const chat = await create();
    const send = `${root()}/${chat.id}/members/${chat.member.id}/messages`;
    expect((await post(send, { body: 'x'.repeat(4001) }, chat.jwt)).status).toBe(400);
    expect((await post(send, { body: '' }, chat.jwt)).status).toBe(400);
    expect((await post(send, { body: 'hi', bodyType: 'member-join' }, chat.jwt)).status).toBe(400);
    expect((await get(`${root()}/${chat.id}/messages?after=nope`, chat.jwt)).status).toBe(400);
    expect((await get(`${root()}/${chat.id}/messages?maxResults=101`, chat.jwt)).status).toBe(400);
  });

  it('refuses a socket with a bad token, and accepts any number of sockets per conversation', async () => {
    const chat = await create();
    const refused = new WebSocket(chat.eventStreamUri.replace(/token\/.+$/, 'token/bogus'));
    sockets.push(refused);
    await expect(new Promise((resolve, reject) => { refused.once('open', resolve); refused.once('error', reject); })).rejects.toThrow(/401/);
    const first = await attach(chat.eventStreamUri);
    const second = await attach(chat.eventStreamUri);
    await eventually(() => expect(heartbeats(first.frames) > 1 && heartbeats(second.frames) > 1).toBe(true));
  });

  it('socketClose, socketTerminate and missHeartbeats act on the guest socket', async () => {
    const chat = await create();
    const clean = await attach(chat.eventStreamUri);
    playground.faults.add({ transport: 'purecloud-v2', route: 'socket', kind: 'socketClose' });
    expect(await clean.closed).toBe(1000);
    const abrupt = await attach(chat.eventStreamUri);
    playground.faults.add({ transport: 'purecloud-v2', route: 'socket', kind: 'socketTerminate' });
    expect(await abrupt.closed).toBe(1006);
    const quiet = await attach(chat.eventStreamUri);
    await eventually(() => expect(heartbeats(quiet.frames)).toBeGreaterThan(0));
    playground.faults.add({ transport: 'purecloud-v2', route: 'socket', kind: 'missHeartbeats', count: Infinity });
    const before = heartbeats(quiet.frames);
    await pause(300);
    expect(heartbeats(quiet.frames)).toBeLessThanOrEqual(before + 1);
    playground.faults.clear();
    await eventually(() => expect(heartbeats(quiet.frames)).toBeGreaterThan(before + 1));
  });

  it('bots are WORKFLOW members, system notices come from an ACD member, supervisors are AGENT members', async () => {
    const chat = await create();
    const stream = await attach(chat.eventStreamUri);
    const bot = playground.agent.join(chat.id, { role: 'bot', name: 'Helper' });
    const supervisor = playground.agent.join(chat.id, { role: 'supervisor', name: 'Sam' });
    if ('error' in bot || 'error' in supervisor) throw new Error('join failed');
    playground.agent.notice(chat.id, 'You are number 1 in the queue');
    await eventually(() => expect(stream.frames.filter((f) => type(f) === 'message')).toHaveLength(3));
    const changes = stream.frames.filter((f) => type(f) === 'member-change').map((f) => {
      const member = (f.eventBody as { member: { id: string; state: string } }).member;
      return `${member.id === bot.id ? 'bot' : 'supervisor'}:${member.state}`;
    });
    expect(changes).toEqual(['bot:CONNECTED', 'supervisor:ALERTING', 'supervisor:CONNECTED']);
    const members = (await (await get(`${root()}/${chat.id}/members`, chat.jwt)).json()) as { entities: Array<{ displayName: string; role: string }> };
    expect(members.entities.map((m) => `${m.displayName}:${m.role}`)).toEqual(['Ada:CUSTOMER', 'Helper:WORKFLOW', 'Sam:AGENT', 'System:ACD']);
    const notice = stream.frames.filter((f) => type(f) === 'message').pop()!.eventBody as { sender: { id: string }; bodyType: string; body: string };
    expect(notice).toMatchObject({ bodyType: 'notice', body: 'You are number 1 in the queue' });
    expect(await (await get(`${root()}/${chat.id}/members/${notice.sender.id}`, chat.jwt)).json()).toMatchObject({ role: 'ACD' });
  });

  it('repeats an agent typing indicator every 2 s while the agent types', async () => {
    const chat = await create();
    const stream = await attach(chat.eventStreamUri);
    playground.agent.join(chat.id, { name: 'Kim' });
    playground.agent.typing(chat.id, true);
    await eventually(() => expect(stream.frames.filter((f) => type(f) === 'typing-indicator').length).toBeGreaterThanOrEqual(2), 3500);
    const ids = stream.frames.filter((f) => type(f) === 'typing-indicator').map((f) => (f.eventBody as { id: string }).id);
    expect(new Set(ids).size).toBe(ids.length);
    playground.agent.say(chat.id, 'done typing');
    const count = stream.frames.filter((f) => type(f) === 'typing-indicator').length;
    await pause(2200);
    expect(stream.frames.filter((f) => type(f) === 'typing-indicator').length).toBe(count);
  }, 10_000);

  it('lists its sessions in the agent API as purecloud-v2', async () => {
    const chat = await create('Listed');
    const listed = (await (await fetch(`${playground.url}/agent/sessions?transport=purecloud`)).json()) as Array<{ id: string; transport: string }>;
    expect(listed).toContainEqual(expect.objectContaining({ id: chat.id, transport: 'purecloud-v2' }));
  });

  it('lets a page of another origin call it with Authorization (CORS preflight)', async () => {
    const response = await fetch(root(), { method: 'OPTIONS', headers: { Origin: 'https://shop.example.com', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization, content-type' } });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-headers')).toMatch(/authorization/i);
  });
});
