import { startPlayground, type Playground } from '../../playground/server/index';
import { sendRoute, settle, startedChat, transports, type StartedChat } from './reliabilityHarness';

/**
 * A 2xx whose body is not what the server sends (a proxy's page, a cut-off body) is not a success:
 * a send that "resolves" on it was never confirmed, and when the server did not store the message
 * it is lost without the caller knowing (issue 6: "never drop it silently").
 */
// CometD sends are Bayeux publishes, answered by pushes, not by an HTTP body a proxy could garble.
const overHttp = transports.filter((transport) => transport !== 'gms-v2-cometd');

describe.each(overHttp)('%s: a send answered by a garbled 2xx never resolves unless the message is on the server', (transport) => {
  let playground: Playground;
  let started: StartedChat;

  beforeAll(async () => {
    playground = await startPlayground({ agent: 'manual', heartbeatIntervalMs: 300 });
  });
  afterAll(() => playground.close());
  beforeEach(async () => {
    started = await startedChat(playground, transport);
  });
  afterEach(() => started.close());

  it('malformed JSON (the server did not store it): not resolved on that answer; the transcript proves it undelivered, so the outbox sends it again, and it is on the server once', async () => {
    playground.faults.add({ transport, route: sendRoute[transport], sessionId: started.id, kind: 'malformedJson' });
    const result = await settle(started.chat.sendMessage({ message: 'garbled answer' }));
    expect(started.onServer('garbled answer')).toBe(1);
    expect(result.ok).toBe(true);
    expect(playground.requestLog.filter((e) => e.sessionId === started.id && e.route === sendRoute[transport] && e.fault === 'malformedJson')).toHaveLength(1);
  });

  it('truncated JSON (the server stored it): resolved only with the message on the server, and on it once', async () => {
    playground.faults.add({ transport, route: sendRoute[transport], sessionId: started.id, kind: 'truncatedJson' });
    await settle(started.chat.sendMessage({ message: 'cut answer' }));
    // Resolved (found on the server) or rejected (could not tell): never sent again.
    expect(started.onServer('cut answer')).toBe(1);
    // The session goes on either way.
    await expect(settle(started.chat.sendMessage({ message: 'next' }))).resolves.toMatchObject({ ok: true });
    expect(started.onServer('next')).toBe(1);
  });
});

/**
 * Nexus keeps a cursor per client on the server (`wire-nexus-v3.md` §7): a poll the server answered
 * moved it, so a poll whose answer the client could not read must count as failed and the next one
 * resume with `index=` — else the messages of that answer are never seen again.
 */
describe.each([
  ['gms-v2', 'refresh'],
  ['nexus-v3', 'messages'],
] as const)('%s: a poll answered by a garbled 2xx loses no message', (transport, pollRoute) => {
  let playground: Playground;
  let started: StartedChat;

  beforeAll(async () => {
    playground = await startPlayground({ agent: 'manual' });
  });
  afterAll(() => playground.close());
  beforeEach(async () => {
    started = await startedChat(playground, transport);
  });
  afterEach(() => started.close());

  it.each(['truncatedJson', 'malformedJson'] as const)('%s on the poll that carries the agent message: it is still published', async (kind) => {
    playground.faults.add({ transport, route: pollRoute, sessionId: started.id, kind });
    playground.agent.say(started.id, `through ${kind}`);
    const received = await started.events.next('messageReceived', (d) => d.messages.some((m) => m.text === `through ${kind}`), 4000).catch(() => null);
    expect(received).not.toBeNull();
  });
});
