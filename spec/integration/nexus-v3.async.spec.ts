import { firstValueFrom } from 'rxjs';
import type { AsyncConfig, CookieHelper, CookieOptions } from '../../lib/model/config';
import type { NormalizedMessage } from '../../lib/model/messages';
import type { NexusSessionData } from '../../lib/model/results';
import { Rejections } from '../../lib/model/rejections';
import { memoryStorage } from '../../lib/storage/memoryStorage';
import type { Playground } from '../../playground/server/index';
import { usePlayground } from '../helpers/usePlayground';
import { quickTimings } from '../helpers/playgroundConfig';

/**
 * The integrator's side of async mode, written as the reference page shows it: the session data
 * goes into a cookie of their own through the `Cookie` helper the service hands over.
 */
function integrator() {
  const calls = { get: [] as unknown[], set: 0, del: [] as unknown[] };
  const async: AsyncConfig = {
    enabled: true,
    getSessionData(sessionData: unknown, Cookie: CookieHelper, CookieOptions: CookieOptions) {
      calls.get.push(sessionData);
      Cookie.set('customer-defined-session-cookie', JSON.stringify(sessionData), CookieOptions);
    },
    setSessionData(_open: boolean, Cookie: CookieHelper) {
      calls.set += 1;
      return Cookie.get('customer-defined-session-cookie');
    },
    deleteSessionData(lost: unknown, Cookie: CookieHelper, CookieOptions: CookieOptions) {
      calls.del.push(lost);
      Cookie.remove('customer-defined-session-cookie', CookieOptions);
    },
  };
  return { async, calls };
}

describe('nexus-v3 async mode over the playground', () => {
  const harness = usePlayground('nexus-v3', quickTimings['nexus-v3']);
  let playground: Playground;
  beforeAll(() => {
    playground = harness.playground;
  });
  const open = (storage: ReturnType<typeof memoryStorage>, async: AsyncConfig) => harness.openWith(storage, { transport: { async, maxMessagePageSize: 16 } });
  const texts = (messages: NormalizedMessage[]) => messages.filter((m) => m.type === 'Message').map((m) => m.text);

  it('start, close the service, the agent writes twice, a new instance restores through setSessionData and shows both messages exactly once', async () => {
    const storage = memoryStorage();
    const { async, calls } = integrator();
    const first = open(storage, async);
    expect(await first.events.next('capabilitiesChanged')).toEqual({ async: true, asyncClose: 'endChat', pagination: true, fileUpload: true });
    await firstValueFrom(first.chat.startChat({ form: { nickname: 'Jane' } }));
    const session = (await firstValueFrom(first.chat.getSessionData())) as NexusSessionData;
    expect(session).toEqual({ participantId: expect.any(String), sessionId: expect.any(String), token: expect.any(String), transportId: expect.any(String) });
    expect(calls.get[0]).toEqual({ messageIndex: null, token: session.token });
    const id = session.sessionId!;
    playground.agent.join(id, { name: 'Kim' });
    playground.agent.say(id, 'before you left');
    await first.events.next('messageReceived', (d) => d.messages.some((m) => m.text === 'before you left'));
    // The raw index as the server wrote it (wire §7: a string).
    expect(calls.get.at(-1)).toEqual({ messageIndex: '3-0', token: session.token });
    // Async sessions persist through the integrator only (contract §14.5).
    expect(Object.keys(storage.dump()).filter((k) => k.includes('pureengage-v3-rest'))).toEqual([]);

    first.chat.destroy();
    playground.agent.say(id, 'first while away');
    playground.agent.say(id, 'second while away');
    expect(playground.store.get(id)!.status).toBe('active');

    const second = open(storage, async);
    expect(await second.events.next('restored')).toEqual({ async: true });
    const replay = await second.events.next('messageReceived');
    expect(replay.restoring).toBe(true);
    expect(texts(replay.messages)).toEqual(['before you left', 'first while away', 'second while away']);
    // Read at each configure (asyncRestore) and by the first startChat (a stored token is resumed, wire §11.2).
    expect(calls.set).toBe(3);
    const restored = (await firstValueFrom(second.chat.getSessionData())) as NexusSessionData;
    expect(restored).toMatchObject({ sessionId: id, participantId: session.participantId });
    expect(restored.token).not.toBe(session.token);
    expect(calls.get.at(-1)).toEqual({ messageIndex: '5-0', token: restored.token });

    playground.agent.say(id, 'welcome back');
    await second.events.next('messageReceived', (d) => d.messages.some((m) => m.text === 'welcome back'));
    const seen = second.events.all('messageReceived').flatMap((d) => texts(d.messages));
    expect(seen.filter((t) => t === 'first while away')).toHaveLength(1);
    expect(seen.filter((t) => t === 'second while away')).toHaveLength(1);
    const indexes = second.events.all('messageReceived').flatMap((d) => d.messages.map((m) => m.id));
    expect(new Set(indexes).size).toBe(indexes.length);
  });

  it('fetchHistory pages back to the first message, newest-first with oldMessages, then says No more messages to fetch', async () => {
    const storage = memoryStorage();
    const { async } = integrator();
    const first = open(storage, async);
    await firstValueFrom(first.chat.startChat({ form: { nickname: 'Jane' } }));
    const id = (first.chat.state.sessionData as NexusSessionData).sessionId!;
    playground.agent.join(id, { name: 'Kim' });
    for (let n = 1; n <= 40; n += 1) playground.agent.say(id, `line ${n}`);
    await first.events.next('messageReceived', (d) => d.messages.some((m) => m.text === 'line 40'));
    first.chat.destroy();

    const { chat, events } = open(storage, async);
    const replay = await events.next('messageReceived', (d) => d.restoring);
    expect(replay.messages).toHaveLength(16);
    expect(texts(replay.messages)[15]).toBe('line 40');
    const pages: NormalizedMessage[][] = [];
    for (;;) {
      const result = await firstValueFrom(chat.fetchHistory()).catch((rejection: unknown) => rejection);
      if (result === Rejections.historyEnd) break;
      expect(result).toMatchObject({ data: { messages: expect.any(Array) } });
      const page = await events.next('messageReceived', (d) => d.oldMessages);
      pages.push(page.messages);
      expect(pages.length).toBeLessThan(10);
    }
    const older = pages.flat();
    // Newest-first inside each page, pages going back in time: the whole transcript once, down to the customer's join.
    const all = [...older].reverse().concat(replay.messages);
    // The raw indexes (`id`, wire §7) in the playground's transcript order "1-0" … "42-0".
    expect(all.map((m) => m.id)).toEqual(Array.from({ length: 42 }, (_, i) => `${i + 1}-0`));
    expect(all[0]).toMatchObject({ type: 'ParticipantJoined', from: { type: 'Client' } });
    const seq = (m: NormalizedMessage) => Number.parseInt(m.id ?? '', 10);
    expect(pages[0].map(seq)).toEqual([...pages[0].map(seq)].sort((a, b) => b - a));
    const transcript = await firstValueFrom(chat.getTranscript());
    expect(transcript.messages.map((m) => m.id)).toEqual(all.map((m) => m.id));
    // History pages are not live messages.
    expect(events.all('agentConnected')).toHaveLength(0);
  });

  it('restore({sessionData}) resumes from a token the page holds', async () => {
    const storage = memoryStorage();
    const { async } = integrator();
    const first = open(storage, async);
    await firstValueFrom(first.chat.startChat({ form: { nickname: 'Jane' } }));
    const { token, sessionId } = first.chat.state.sessionData as NexusSessionData;
    first.chat.destroy();

    const empty = { ...async, setSessionData: () => undefined };
    const { chat, events } = open(memoryStorage(), empty);
    await events.next('ready');
    await expect(firstValueFrom(chat.command('restore', { sessionData: token! }, 'MyPlugin'))).resolves.toBeUndefined();
    expect(await events.next('restored')).toEqual({ async: true });
    expect(chat.state.sessionData).toMatchObject({ sessionId });
  });

  it('a session lost while away: the restore fails, deleteSessionData is called, sessionLost then error, nothing active', async () => {
    const storage = memoryStorage();
    const { async, calls } = integrator();
    const first = open(storage, async);
    await firstValueFrom(first.chat.startChat({ form: { nickname: 'Jane' } }));
    const { sessionId, token } = first.chat.state.sessionData as NexusSessionData;
    first.chat.destroy();
    playground.agent.end(sessionId!);

    const { chat, events } = open(storage, async);
    const lost = await events.next('sessionLost');
    expect(lost.response).toMatchObject({ status: { code: 'INVALID_SESSION' } });
    expect(await events.next('error')).toMatchObject({ errors: [{ code: 'pureengage-v3-rest-INVALID_SESSION' }] });
    await events.next('restoreFailed');
    expect(calls.del).toEqual([{ sessionData: expect.objectContaining({ sessionId, token }), response: expect.anything() }]);
    expect(storage.get('customer-defined-session-cookie')).toBeNull();
    expect(chat.state.sessionActive).toBe(false);
    // The next start is a fresh session.
    await firstValueFrom(chat.startChat({ form: { nickname: 'Jane' } }));
    expect((chat.state.sessionData as NexusSessionData).sessionId).not.toBe(sessionId);
  });

  it('a session lost during the chat: sessionLost → error → end sequence, deleteSessionData once', async () => {
    const storage = memoryStorage();
    const { async, calls } = integrator();
    const { chat, events } = open(storage, async);
    await firstValueFrom(chat.startChat({ form: { nickname: 'Jane' } }));
    await events.next('clientConnected');
    playground.faults.add({ transport: 'nexus-v3', route: 'messages', kind: 'nexusInvalidSession' });
    await events.next('ended');
    const names = events.names();
    expect(names.slice(names.indexOf('sessionLost'))).toEqual(['sessionLost', 'error', 'pollingStopped', 'clientDisconnected', 'ended']);
    expect(calls.del).toHaveLength(1);
    expect(storage.get('customer-defined-session-cookie')).toBeNull();
  });

  it('endChat forgets the stored session (deleteSessionData), so the next page load starts fresh', async () => {
    const storage = memoryStorage();
    const { async, calls } = integrator();
    const { chat } = open(storage, async);
    await firstValueFrom(chat.startChat({ form: { nickname: 'Jane' } }));
    await firstValueFrom(chat.endChat());
    expect(calls.del).toHaveLength(1);
    expect(storage.get('customer-defined-session-cookie')).toBeNull();
  });
});
