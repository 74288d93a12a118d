import type { NormalizedMessage } from '../../lib/model/messages';
import { startPlayground, type Playground } from '../../playground/server/index';
import { pause, waitUntil } from '../helpers/eventually';
import { startedChat, type StartedChat } from './reliabilityHarness';

/**
 * Genesys Cloud: a message frame overtaken on the event stream (the playground's `outOfOrder` on
 * the `socket` route holds a frame until the next one has gone out) must still be published in
 * the conversation's order — the frames carry server timestamps, and the transport already sorts a
 * batch by them (`cloudTranscript.live`); two frames that arrive back to back must make one batch.
 */
describe('purecloud-v2: frames overtaken on the socket are published in conversation order', () => {
  let playground: Playground;
  let started: StartedChat;
  let messages: NormalizedMessage[];

  beforeAll(async () => {
    playground = await startPlayground({ agent: 'manual', heartbeatIntervalMs: 300 });
  });
  afterAll(() => playground.close());
  beforeEach(async () => {
    started = await startedChat(playground, 'purecloud-v2');
    messages = [];
    started.chat.messages$.subscribe((m) => messages.push(m));
  });
  afterEach(() => started.close());

  it('the agent says one, two (one held back until two has gone): published one, two', async () => {
    playground.faults.add({ transport: 'purecloud-v2', route: 'socket', sessionId: started.id, kind: 'outOfOrder' });
    playground.agent.say(started.id, 'one');
    await pause(5);
    playground.agent.say(started.id, 'two');
    await waitUntil(() => messages.filter((m) => m.type === 'Message').length >= 2, 3000);
    expect(messages.filter((m) => m.type === 'Message').map((m) => m.text)).toEqual(['one', 'two']);
  });
});
