import { firstValueFrom } from 'rxjs';
import { nexusProfile } from '../soak/soakProfiles';
import { pause, waitUntil } from '../helpers/eventually';
import { createWebChatService } from '../../lib/createWebChatService';
import type { NexusSessionData } from '../../lib/model/results';
import { memoryStorage } from '../../lib/storage/memoryStorage';
import { startPlayground, type Playground } from '../../playground/server/index';
import { recordEvents } from '../helpers/eventRecorder';
import { nodeServiceOptions } from '../helpers/nodeServiceOptions';

/**
 * Nexus keeps the delivery cursor on the server, per client token (`wire-nexus-v3.md` §7,
 * UNCONFIRMED). A poll the client gave up on (a slow server or proxy) may still be answered by the
 * server later — into the void — and move that cursor past messages no client has seen. The page
 * that restored the session (same token) then polls "what is new" and never gets them.
 *
 * Found by the soak (1 session in 500 with `slow` on `messages`). Contract §11.2 makes regular polls
 * cursor-less; the product rule (createNexusSession): after a poll timed out, and after a sync
 * restore, every poll carries the client's own cursor (`index=<last raw index>`).
 */
describe('nexus-v3: a poll abandoned by the old page cannot steal a message from the restored page', () => {
  let playground: Playground;

  beforeAll(async () => {
    playground = await startPlayground({ agent: 'manual' });
  });
  afterAll(() => playground.close());

  it('the old page’s slow poll lands after the restore and after the agent spoke: the new page still shows the message', async () => {
    const storage = memoryStorage();
    const config = { ...nexusProfile.config(playground.url), transport: { ...nexusProfile.config(playground.url).transport, pollTimeout: 3000 } };
    const oldPage = createWebChatService(config, nodeServiceOptions({ storage }));
    const oldEvents = recordEvents(oldPage.events$);
    await firstValueFrom(oldPage.startChat({ nickname: 'Ada' }));
    const id = (oldPage.state.sessionData as NexusSessionData).sessionId!;
    playground.agent.join(id, { name: 'Kim' });
    await oldEvents.next('agentConnected');

    // The old page's next poll is held by the server for 1.5 s (its client gives up after 0.8 s).
    playground.faults.add({ transport: 'nexus-v3', route: 'messages', sessionId: id, kind: 'slow', delayMs: 1500 });
    const slowTaken = playground.faults.injected.slow;
    oldPage.command('poll', {}, 'WebChatService').subscribe({ error: () => undefined });
    await waitUntil(() => playground.faults.injected.slow > slowTaken, 3000);
    oldEvents.stop();
    oldPage.destroy();

    // The page navigates: the new page restores with the same token (count=10000, then polls every 3 s).
    const newPage = createWebChatService(config, nodeServiceOptions({ storage }));
    const newEvents = recordEvents(newPage.events$);
    const shown: string[] = [];
    newPage.messages$.subscribe((m) => shown.push(m.text));
    try {
      await newEvents.next('restored');
      await pause(300);
      playground.agent.say(id, 'do not lose me');
      // The server answers the abandoned poll at 1.5 s with this message; the new page polls again at ~3 s.
      const delivered = await waitUntil(() => shown.includes('do not lose me'), 6000);
      expect(delivered).toBe(true);
    } finally {
      newEvents.stop();
      newPage.destroy();
    }
  }, 15000);
  it('a first poll whose answer is lost (nothing seen yet) does not let the server cursor skip what it held: the next poll reads from index=0', async () => {
    // The server builds the first poll's answer (moving its cursor past the customer's join), then the
    // answer is cut: the client saw nothing, so it cannot name a last index (found by the full soak).
    playground.faults.add({ transport: 'nexus-v3', route: 'messages', kind: 'truncatedJson', count: 1 });
    const chat = createWebChatService(nexusProfile.config(playground.url), nodeServiceOptions({ storage: memoryStorage() }));
    const events = recordEvents(chat.events$);
    try {
      await firstValueFrom(chat.startChat({ nickname: 'Ada' }));
      const id = (chat.state.sessionData as NexusSessionData).sessionId!;
      expect(await waitUntil(() => playground.faults.injected.truncatedJson > 0, 5000)).toBe(true);
      playground.agent.join(id, { name: 'Kim' });
      playground.agent.say(id, 'after the lost answer');
      const published = () => events.all('messageReceived').flatMap((d) => d.messages);
      expect(await waitUntil(() => published().some((m) => m.text === 'after the lost answer'), 8000)).toBe(true);
      // The playground's raw indexes "<seq>-0" (wire §7) say where each message stands in its transcript.
      expect(published()[0].id).toBe('1-0');
      const seqs = published().map((m) => Number.parseInt(m.id ?? '', 10));
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    } finally {
      events.stop();
      chat.destroy();
    }
  }, 15000);
});
