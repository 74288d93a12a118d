import fc from 'fast-check';
import { config as rxjsConfig } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { createWebChatService } from '../../lib/createWebChatService';
import type { NormalizedMessage } from '../../lib/model/messages';
import { memoryStorage } from '../../lib/storage/memoryStorage';
import { httpJson } from '../../lib/testing/fakePlatform';
import { fakeCometd } from '../helpers/fakeCometd';
import { recordingLogger } from '../soak/serviceProbe';
import { anyJson, gmsMessage, isSaneMessage } from './hostileInputs';

/**
 * A hostile Bayeux server (issue 6 "bad input", wire-gms-v2 §11): after a good start, every second
 * it pushes garbage on the channel — data of any shape, envelopes with messages of any shape, absurd
 * status codes, a dropped connection now and then. The service must not throw, must publish only
 * normalized messages, must keep answering commands, and must leave nothing open after destroy.
 */

type Push = { drop: true } | { data: unknown };
const push: fc.Arbitrary<Push> = fc.oneof(
  { arbitrary: fc.record({ data: anyJson }), weight: 2 },
  {
    arbitrary: fc
      .tuple(fc.oneof(fc.array(gmsMessage, { maxLength: 12 }), anyJson), fc.constantFrom<unknown>(0, 0, 0, 1, 2, '0', null), fc.dictionary(fc.string(), anyJson, { maxKeys: 3 }))
      .map(([messages, statusCode, extra]) => ({ data: { chatEnded: false, ...extra, statusCode, messages } })),
    weight: 6,
  },
  { arbitrary: fc.constant<Push>({ drop: true }), weight: 1 },
);

describe('gms-v2-cometd: a hostile Bayeux server cannot crash the service or make it publish garbage', () => {
  const unhandled: unknown[] = [];
  beforeAll(() => {
    rxjsConfig.onUnhandledError = (error) => void unhandled.push(error);
  });

  it('a minute of garbage pushes: no throw, only normalized messages, commands still answer, destroy closes the connection', () => {
    fc.assert(
      fc.property(fc.array(push, { minLength: 1, maxLength: 15 }), (script) => {
        unhandled.splice(0);
        const scheduler = new TestScheduler((a, b) => expect(a).toEqual(b));
        const published: unknown[] = [];
        const settled: string[] = [];
        const server = fakeCometd((data) => (data.operation === 'requestChat' ? [{ statusCode: 0, chatId: 'C1', secureKey: 'K1', userId: 'U1', alias: '1', chatEnded: false, messages: [] }] : undefined));
        scheduler.run(() => {
          const chat = createWebChatService(
            { cometD: { enabled: true, cometURL: 'https://gms.example/genesys/cometd', apiURL: 'https://gms.example/genesys/2/chat-ntf' } },
            { http: () => scheduler.createColdObservable('-(a|)', { a: httpJson(200, {}) }), cometd: server.opener, scheduler, storage: memoryStorage(), logger: recordingLogger([]), random: () => 0.5 },
          );
          chat.events$.subscribe((e) => {
            if (e.event === 'messageReceived') published.push(...(e.data.messages as NormalizedMessage[]));
          });
          chat.startChat({ nickname: 'Ada' }).subscribe({ error: () => undefined });
          script.forEach((step, i) => scheduler.schedule(() => ('drop' in step ? server.drop() : server.push(step.data)), 1000 * (i + 1)));
          scheduler.schedule(() => {
            chat.getTranscript().subscribe({ next: () => settled.push('getTranscript'), error: () => settled.push('getTranscript rejected') });
            chat.sendMessage({ message: 'hello?' }).subscribe({ next: () => settled.push('sendMessage'), error: () => settled.push('sendMessage rejected') });
          }, 30000);
          scheduler.schedule(() => chat.destroy(), 60000);
          scheduler.schedule(() => undefined, 200000);
        });
        expect(unhandled.map(String)).toEqual([]);
        expect(published.filter((m) => !isSaneMessage(m))).toEqual([]);
        expect(settled).toEqual(expect.arrayContaining([expect.stringMatching(/^getTranscript/), expect.stringMatching(/^sendMessage/)]));
        expect(server.open).toBe(false);
      }),
      { numRuns: 25, seed: 5 },
    );
  }, 120000);
});
