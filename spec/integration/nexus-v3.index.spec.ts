import { firstValueFrom } from 'rxjs';
import { createWebChatService } from '../../lib/createWebChatService';
import type { NormalizedMessage } from '../../lib/model/messages';
import type { NexusSessionData } from '../../lib/model/results';
import { memoryStorage } from '../../lib/storage/memoryStorage';
import { startPlayground, type Playground } from '../../playground/server/index';
import { recordEvents } from '../helpers/eventRecorder';
import { nodeServiceOptions } from '../helpers/nodeServiceOptions';
import { playgroundConfig, quickTimings } from '../helpers/playgroundConfig';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const XHR2 = require('xhr2') as new () => XMLHttpRequest;

/**
 * Issue 10 item 1, wire-nexus-v3 §7: the index is a string on the wire ("<seq>-0" by default on the
 * playground), opaque to the client. A whole round trip — the customer's join, the agent's messages,
 * a failed poll and the `index=` resume after it — once with the default string indexes and once with
 * a session the `nexusNumericIndex` fault gave bare numbers: every message published once, in the
 * server's order, and the resume names the raw index the server wrote.
 */
describe('nexus-v3 over the playground: the index is opaque (wire §7)', () => {
  let playground: Playground;
  beforeAll(async () => {
    playground = await startPlayground({ agent: 'manual' });
  });
  afterAll(() => playground.close());
  afterEach(() => playground.faults.clear());

  /** A real service whose XHRs record the URL of every `GET …/messages`. */
  const open = () => {
    const urls: string[] = [];
    const createXHR = () => {
      const xhr = new XHR2();
      const open = xhr.open.bind(xhr) as (method: string, url: string, ...rest: unknown[]) => void;
      xhr.open = ((method: string, url: string, ...rest: unknown[]) => {
        if (method === 'GET' && url.includes('/messages?')) urls.push(url);
        open(method, url, ...rest);
      }) as XMLHttpRequest['open'];
      return xhr;
    };
    const storage = memoryStorage();
    const chat = createWebChatService(playgroundConfig('nexus-v3', playground.url, quickTimings['nexus-v3']), nodeServiceOptions({ storage, createXHR }));
    const events = recordEvents(chat.events$);
    const indexQueries = () => urls.map((url) => new URL(url).searchParams.get('index'));
    return { chat, events, storage, indexQueries };
  };

  it.each([
    // [case, fault before start, raw indexes written, the public numeric indexes, the persisted cursor]
    ['default string indexes', false, ['1-0', '2-0', '3-0', '4-0'], [10, 20, 30, 40], '4-0'],
    ['the nexusNumericIndex fault', true, [undefined, undefined, undefined, undefined], [1, 2, 3, 4], '4'],
  ] as const)('%s: published once each in server order, the resume sends the raw last index back', async (_, numeric, ids, indexes, persisted) => {
    if (numeric) playground.faults.add({ transport: 'nexus-v3', route: 'create', kind: 'nexusNumericIndex' });
    const { chat, events, storage, indexQueries } = open();
    try {
      await firstValueFrom(chat.startChat({ form: { nickname: 'Jane' } }));
      const id = (chat.state.sessionData as NexusSessionData).sessionId!;
      await events.next('clientConnected');
      playground.agent.join(id, { name: 'Kim' });
      playground.agent.say(id, 'before the failure');
      await events.next('messageReceived', (d) => d.messages.some((m) => m.text === 'before the failure'));
      const before = indexQueries().length;
      playground.faults.add({ transport: 'nexus-v3', route: 'messages', sessionId: id, kind: 'http503' });
      playground.agent.say(id, 'after the failure');
      await events.next('messageReceived', (d) => d.messages.some((m) => m.text === 'after the failure'), 8000);

      const published: NormalizedMessage[] = events.all('messageReceived').flatMap((d) => d.messages);
      expect(published.map((m) => [m.type, m.text, m.id, m.index])).toEqual([
        ['ParticipantJoined', '', ids[0], indexes[0]],
        ['ParticipantJoined', '', ids[1], indexes[1]],
        ['Message', 'before the failure', ids[2], indexes[2]],
        ['Message', 'after the failure', ids[3], indexes[3]],
      ]);
      // After the failed poll, the next names the last index seen, exactly as the server wrote it.
      const resumes = indexQueries().slice(before).filter((q) => q !== null);
      expect(resumes[0]).toBe(numeric ? '3' : '3-0');
      expect(storage.dump()['_genesys.widgets.webchat.state.pureengage-v3-rest.index']).toBe(persisted);
    } finally {
      events.stop();
      chat.destroy();
    }
  }, 15000);
});
