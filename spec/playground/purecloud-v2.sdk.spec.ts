import WebSocket from 'ws';
import { startPlayground } from '../../playground/server/index';
import type { Playground } from '../../playground/server/index';
import { eventually } from '../helpers/eventually';

/**
 * The playground's Genesys Cloud part, driven by the official guest chat SDK from npm
 * (`purecloud-guest-chat-client`): if the SDK cannot talk to our server, the server is wrong
 * (wire-purecloud-v2 §9, last paragraph). The SDK builds `https://api.<environment>` URLs but calls
 * `config.basePath + path`, so the test points `basePath` at the playground; the SDK does not open
 * the event stream, so the test opens `eventStreamUri` with `ws`.
 */

interface SdkClient {
  config: { basePath: string };
  defaultHeaders: Record<string, string>;
  setEnvironment(environment: string): void;
  setJwt(jwt: string): void;
  setReturnExtendedResponses(extended: boolean): void;
}
interface SdkWebChatApi {
  postWebchatGuestConversations(body: unknown): Promise<{ id: string; jwt: string; eventStreamUri: string; member: { id: string } }>;
  postWebchatGuestConversationMemberMessages(conversationId: string, memberId: string, body: { body: string; bodyType?: string }): Promise<Record<string, unknown>>;
  postWebchatGuestConversationMemberTyping(conversationId: string, memberId: string): Promise<Record<string, unknown>>;
  getWebchatGuestConversationMessages(conversationId: string, opts?: { after?: string; before?: string; sortOrder?: string; maxResults?: number }): Promise<{ entities: Record<string, unknown>[]; next?: string; pageSize: number }>;
  getWebchatGuestConversationMessage(conversationId: string, messageId: string): Promise<Record<string, unknown>>;
  getWebchatGuestConversationMembers(conversationId: string, opts?: { pageSize?: number; pageNumber?: number; excludeDisconnectedMembers?: boolean }): Promise<{ entities: Record<string, unknown>[]; total: number; nextUri?: string; pageCount: number }>;
  getWebchatGuestConversationMember(conversationId: string, memberId: string): Promise<Record<string, unknown>>;
  deleteWebchatGuestConversationMember(conversationId: string, memberId: string): Promise<unknown>;
  getWebchatGuestConversationMediarequests(conversationId: string): Promise<{ entities: unknown[] }>;
}
// The package's typings declare only ApiClient; WebChatApi is there at run time.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const platformClient = require('purecloud-guest-chat-client') as { ApiClient: { instance: SdkClient }; WebChatApi: new () => SdkWebChatApi };

/** A guest's event stream: every frame parsed, kept in arrival order. */
async function openStream(uri: string): Promise<{ socket: WebSocket; frames: Array<Record<string, unknown>> }> {
  const socket = new WebSocket(uri);
  const frames: Array<Record<string, unknown>> = [];
  socket.on('message', (data) => frames.push(JSON.parse(String(data)) as Record<string, unknown>));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return { socket, frames };
}

const typeOf = (frame: Record<string, unknown>) => (frame.metadata as { type?: string } | undefined)?.type;
const bodyOf = (frame: Record<string, unknown>) => frame.eventBody as Record<string, unknown>;

const createBody = {
  organizationId: 'org-playground',
  deploymentId: 'deployment-playground',
  routingTarget: { targetType: 'QUEUE', targetAddress: 'Support', skills: ['Billing'], language: 'English - Written', priority: 2 },
  memberInfo: {
    displayName: 'Jane Doe',
    customFields: { firstName: 'Jane', lastName: 'Doe', email: 'jane@example.com', subject: 'Refund', customerId: '59606' },
  },
};

describe('purecloud-v2 playground, cross-checked with the official guest chat SDK', () => {
  let playground: Playground;
  let client: SdkClient;
  let api: SdkWebChatApi;
  const sockets: WebSocket[] = [];

  beforeAll(async () => {
    playground = await startPlayground({ agent: 'manual', heartbeatIntervalMs: 100 });
    client = platformClient.ApiClient.instance;
    client.setEnvironment('mypurecloud.com');
    client.config.basePath = playground.url;
    client.setReturnExtendedResponses(false);
    api = new platformClient.WebChatApi();
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.terminate();
  });
  afterAll(() => playground.close());

  /**
   * SDK 13.2.0 quirk: a call without auth (the create) merges its headers into the client's
   * `defaultHeaders`, and its response logger then writes `Authorization: '[REDACTED]'` there, so
   * every later call sends that instead of the Bearer JWT (against the real API too). Clear it.
   */
  const create = async () => {
    const created = await api.postWebchatGuestConversations(createBody);
    delete client.defaultHeaders.Authorization;
    return created;
  };

  const createChat = async () => {
    const created = await create();
    client.setJwt(created.jwt);
    const stream = await openStream(created.eventStreamUri);
    sockets.push(stream.socket);
    return { created, ...stream };
  };

  it('creates a conversation, and routes it only once the event stream is attached', async () => {
    const created = await create();
    expect(created).toEqual({ id: expect.any(String), jwt: expect.any(String), eventStreamUri: expect.stringMatching(/^ws:\/\/127\.0\.0\.1:\d+\/v1\/token\//), member: { id: expect.any(String) } });
    const session = playground.store.get(created.id)!;
    expect(session).toMatchObject({ transport: 'purecloud-v2', routable: false, customer: { name: 'Jane Doe', firstName: 'Jane', lastName: 'Doe', email: 'jane@example.com', subject: 'Refund' } });
    expect(session.customFields).toMatchObject({ customerId: '59606' });
    expect(session.meta).toMatchObject({ queue: 'Support', deploymentId: 'deployment-playground', organizationId: 'org-playground' });
    const stream = await openStream(created.eventStreamUri);
    sockets.push(stream.socket);
    await eventually(() => expect(playground.store.get(created.id)!.routable).toBe(true));
    // Heartbeats arrive without metadata on channel.metadata (§5).
    await eventually(() => expect(stream.frames).toContainEqual({ topicName: 'channel.metadata', eventBody: { message: 'WebSocket Heartbeat' } }));
  });

  it('sends a message and typing, lists messages and members, gets a member, then deletes the own member', async () => {
    const { created, frames } = await createChat();
    const conversationId = created.id;
    const me = created.member.id;
    const agent = playground.agent.join(conversationId, { name: 'Kim', avatar: 'https://example.com/kim.png' });
    if ('error' in agent) throw new Error(agent.message);

    // §8: ALERTING, CONNECTED, then the agent's member-join message.
    await eventually(() => expect(frames.filter((f) => typeOf(f) === 'message').map((f) => bodyOf(f).bodyType)).toContain('member-join'));
    const changes = frames.filter((f) => typeOf(f) === 'member-change').map((f) => (bodyOf(f).member as { state: string }).state);
    expect(changes).toEqual(['ALERTING', 'CONNECTED']);

    const sent = await api.postWebchatGuestConversationMemberMessages(conversationId, me, { body: 'Hello' });
    expect(sent).toMatchObject({ id: expect.any(String), conversation: { id: conversationId }, sender: { id: me }, body: 'Hello', bodyType: 'standard', timestamp: expect.any(String) });
    // Own messages are echoed on the stream with the same id (§2.3).
    await eventually(() => expect(frames.some((f) => typeOf(f) === 'message' && bodyOf(f).id === sent.id)).toBe(true));

    const typing = await api.postWebchatGuestConversationMemberTyping(conversationId, me);
    expect(typing).toMatchObject({ id: expect.any(String), sender: { id: me }, conversation: { id: conversationId } });
    await eventually(() => expect(frames.some((f) => typeOf(f) === 'typing-indicator' && bodyOf(f).id === typing.id)).toBe(true));

    playground.agent.say(conversationId, 'Hi, how can I help?');
    const all = await api.getWebchatGuestConversationMessages(conversationId);
    expect(all.entities.map((m) => [m.bodyType, m.body])).toEqual([
      ['member-join', ''],
      ['member-join', ''],
      ['standard', 'Hello'],
      ['standard', 'Hi, how can I help?'],
    ]);
    expect(all.next).toBeUndefined();
    const newest = await api.getWebchatGuestConversationMessages(conversationId, { sortOrder: 'descending', maxResults: 2 });
    expect(newest.entities.map((m) => m.body)).toEqual(['Hi, how can I help?', 'Hello']);
    // `next` is a host-relative path that keeps the direction (§2.5).
    expect(newest.next).toBe(`/api/v2/webchat/guest/conversations/${conversationId}/messages?before=${String(newest.entities[1].id)}&sortOrder=descending&maxResults=2`);
    const older = await api.getWebchatGuestConversationMessages(conversationId, { before: String(newest.entities[1].id), sortOrder: 'descending', maxResults: 2 });
    expect(older.entities.map((m) => m.bodyType)).toEqual(['member-join', 'member-join']);
    expect(older.next).toBeUndefined();
    const after = await api.getWebchatGuestConversationMessages(conversationId, { after: sent.id as string });
    expect(after.entities.map((m) => m.body)).toEqual(['Hi, how can I help?']);
    expect(await api.getWebchatGuestConversationMessage(conversationId, sent.id as string)).toMatchObject({ id: sent.id, body: 'Hello' });

    const members = await api.getWebchatGuestConversationMembers(conversationId);
    expect(members.total).toBe(2);
    expect(members.entities).toEqual([
      expect.objectContaining({ id: me, displayName: 'Jane Doe', role: 'CUSTOMER', state: 'CONNECTED', leaveDate: null }),
      expect.objectContaining({ id: agent.id, displayName: 'Kim', role: 'AGENT', state: 'CONNECTED', avatarImageUrl: 'https://example.com/kim.png' }),
    ]);
    const paged = await api.getWebchatGuestConversationMembers(conversationId, { pageSize: 1 });
    expect(paged).toMatchObject({ pageCount: 2, nextUri: expect.stringContaining('pageNumber=2') });
    expect(await api.getWebchatGuestConversationMember(conversationId, agent.id)).toMatchObject({ role: 'AGENT', displayName: 'Kim', joinDate: expect.any(String) });
    expect(await api.getWebchatGuestConversationMediarequests(conversationId)).toEqual({ entities: [] });

    await api.deleteWebchatGuestConversationMember(conversationId, me);
    // §9 "End": the guest's member-leave and member-change DISCONNECTED; leaveDate set; later sends refused.
    await eventually(() => {
      expect(frames.some((f) => typeOf(f) === 'message' && bodyOf(f).bodyType === 'member-leave' && (bodyOf(f).sender as { id: string }).id === me)).toBe(true);
      expect(frames.some((f) => typeOf(f) === 'member-change' && (bodyOf(f).member as { id: string; state: string }).id === me && (bodyOf(f).member as { state: string }).state === 'DISCONNECTED')).toBe(true);
    });
    expect(await api.getWebchatGuestConversationMember(conversationId, me)).toMatchObject({ state: 'DISCONNECTED', leaveDate: expect.any(String) });
    await expect(api.postWebchatGuestConversationMemberMessages(conversationId, me, { body: 'still there?' })).rejects.toMatchObject({
      status: 400,
      code: 'chat.error.conversation.state',
    });
  });

  it('refuses a bad token with a 401 ErrorBody, another member with 403, and an unknown conversation with 404', async () => {
    const { created } = await createChat();
    client.setJwt('not-a-jwt');
    await expect(api.getWebchatGuestConversationMembers(created.id)).rejects.toMatchObject({ status: 401, code: 'bad.credentials', contextId: expect.any(String), details: [], errors: [] });
    client.setJwt(created.jwt);
    await expect(api.postWebchatGuestConversationMemberTyping(created.id, 'someone-else')).rejects.toMatchObject({ status: 403 });
    await expect(api.getWebchatGuestConversationMember(created.id, 'nobody')).rejects.toMatchObject({ status: 404, code: 'not.found' });
    const other = await create();
    await expect(api.getWebchatGuestConversationMessages(other.id)).rejects.toMatchObject({ status: 403 });
  });

  it('answers 429 with Retry-After and the rate-limit ErrorBody on demand', async () => {
    const { created } = await createChat();
    playground.faults.add({ transport: 'purecloud-v2', route: 'messages', kind: 'http429', retryAfter: 42 });
    client.setReturnExtendedResponses(true);
    try {
      const failure = (await api.getWebchatGuestConversationMessages(created.id).catch((e: unknown) => e)) as { status: number; headers: Record<string, string>; body: Record<string, unknown> };
      expect(failure.status).toBe(429);
      expect(failure.headers['retry-after']).toBe('42');
      expect(failure.body).toMatchObject({ status: 429, code: 'too.many.requests.retry.after', message: 'Rate limit exceeded the maximum. Retry the request in [42] seconds' });
    } finally {
      client.setReturnExtendedResponses(false);
    }
  });
});
