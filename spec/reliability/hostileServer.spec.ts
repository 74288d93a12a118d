import fc from 'fast-check';
import { config as rxjsConfig } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { createWebChatService } from '../../lib/createWebChatService';
import type { WebChatConfig } from '../../lib/model/config';
import type { NormalizedMessage } from '../../lib/model/messages';
import type { HttpRequest, HttpResponse } from '../../lib/platform/platform';
import { memoryStorage } from '../../lib/storage/memoryStorage';
import { httpJson } from '../../lib/testing/fakePlatform';
import { recordingLogger } from '../soak/serviceProbe';
import { absurdIndex, anyJson, gmsMessage, hugeText, isSaneMessage, wireText } from './hostileInputs';
import { fakeToken } from '../fixtures/nexusTokens';

/**
 * A hostile server (issue 6 "bad input"): after a good start, every poll is answered with garbage —
 * malformed bodies, messages of any shape, absurd indexes and timestamps, huge texts and batches.
 * Whatever it sends, the service must not throw, must publish only normalized messages, must keep
 * answering commands, and must stop cleanly. Runs in virtual time: a minute of polling per case.
 */

/** Nexus indexes are opaque strings (wire §7): any string, other `a-b` shapes, and the absurd ones above. */
const nexusIndex = fc.oneof(absurdIndex, fc.string(), fc.constantFrom<unknown>('7-2', '1-10', '11-0', '0-0', '-', ''));

/** A Nexus message of any shape (`wire-nexus-v3.md` §8). */
const nexusMessage = fc.oneof(
  anyJson,
  fc.record(
    {
      index: nexusIndex,
      type: fc.oneof(fc.constantFrom('Text', 'Notice', 'PushUrl', 'ParticipantJoined', 'ParticipantLeft', 'TypingStarted', 'TypingStopped'), anyJson),
      from: fc.oneof(anyJson, fc.record({ participantId: anyJson, type: fc.oneof(fc.constantFrom('Agent', 'Customer', 'Supervisor', 'System'), anyJson), nickname: anyJson, firstName: anyJson }, { requiredKeys: [] })),
      text: wireText,
      url: anyJson,
      utcTime: anyJson,
      content: anyJson,
    },
    { requiredKeys: [] },
  ),
);

/** One answer to a poll: a status, and a body that may not even be JSON. */
const answer = (messages: fc.Arbitrary<unknown>, envelope: (messages: unknown, extra: Record<string, unknown>) => unknown) =>
  fc.oneof(
    { arbitrary: fc.record({ status: fc.constant(200), json: fc.tuple(fc.oneof(fc.array(messages, { maxLength: 12 }), anyJson), fc.dictionary(fc.string(), anyJson, { maxKeys: 3 })).map(([m, extra]) => envelope(m, extra)) }), weight: 6 },
    { arbitrary: fc.record({ status: fc.constantFrom(200, 400, 404, 500, 502), json: anyJson }), weight: 2 },
    { arbitrary: fc.record({ status: fc.constantFrom(200, 403), text: fc.oneof(fc.string(), fc.constant(hugeText)) }), weight: 1 },
    { arbitrary: fc.constant({ status: 200, json: envelope(Array.from({ length: 5000 }, (_, i) => ({ index: i + 2, type: 'Message', text: `bulk ${i}`, from: { type: 'Agent', participantId: 2, nickname: 'Bulk' } })), {}) }), weight: 1 },
  );

type Answer = { status: number; json?: unknown; text?: string };
const toResponse = (a: Answer): HttpResponse => ({ ...httpJson(a.status, a.json), ...(a.text !== undefined ? { json: undefined, text: a.text } : {}) });

/** A JWT-shaped Nexus client token carrying the session ids (the client never verifies it). */
const nexusToken = fakeToken({ sessionId: 'S1', transportId: 'T1', participantId: 'P1' });

const transports: Array<{
  name: string;
  config: WebChatConfig;
  created: (request: HttpRequest) => HttpResponse | undefined;
  isPoll: (request: HttpRequest) => boolean;
  answers: fc.Arbitrary<Answer>;
}> = [
  {
    name: 'gms-v2',
    config: { dataURL: 'https://gms.example/genesys/2/chat/x', pollRateMin: 250, pollRateMax: 1000 },
    created: (r) => (r.url.endsWith('/x/') ? httpJson(200, { statusCode: 0, chatId: 'C1', secureKey: 'K1', userId: 'U1', alias: '1', messages: [] }) : undefined),
    isPoll: (r) => r.url.endsWith('/refresh'),
    answers: answer(gmsMessage, (messages, extra) => ({ statusCode: 0, chatEnded: false, ...extra, messages })),
  },
  {
    name: 'nexus-v3',
    config: { transport: { type: 'pureengage-v3-rest', dataURL: 'https://nexus.example/nexus/v3/chat/sessions', endpoint: 'EP', headers: { 'x-api-key': 'k' }, pollTimeout: 500 } },
    created: (r) => (r.method === 'POST' && r.url.endsWith('/sessions') ? httpJson(200, { status: { code: 0 }, data: { clientToken: nexusToken, entity: { id: 'S1' } } }) : undefined),
    isPoll: (r) => r.method === 'GET' && r.url.includes('/messages'),
    answers: answer(nexusMessage, (messages, extra) => ({ status: { code: 0 }, data: { chatEnded: false, ...extra, messages } })),
  },
];

describe.each(transports)('$name: a hostile server cannot crash the service or make it publish garbage', ({ config, created, isPoll, answers }) => {
  const unhandled: unknown[] = [];
  beforeAll(() => {
    rxjsConfig.onUnhandledError = (error) => void unhandled.push(error);
  });

  it('a minute of polls answered with garbage: no throw, only normalized messages, commands still answer, destroy stops it', () => {
    fc.assert(
      fc.property(fc.array(answers, { minLength: 1, maxLength: 15 }), (script) => {
        unhandled.splice(0);
        const scheduler = new TestScheduler((a, b) => expect(a).toEqual(b));
        const published: unknown[] = [];
        const settled: string[] = [];
        let polls = 0;
        let ended = false;
        let pollsAfterDestroy = 0;
        let destroyed = false;
        scheduler.run(() => {
          const http = (request: HttpRequest) => {
            if (destroyed) pollsAfterDestroy += 1;
            const start = created(request);
            if (start) return scheduler.createColdObservable<HttpResponse>('-(a|)', { a: start });
            const reply = isPoll(request) ? toResponse(script[polls++ % script.length]) : httpJson(200, {});
            return scheduler.createColdObservable<HttpResponse>('--(a|)', { a: reply });
          };
          const chat = createWebChatService(config, { http, scheduler, storage: memoryStorage(), logger: recordingLogger([]), random: () => 0.5 });
          chat.events$.subscribe((e) => {
            if (e.event === 'messageReceived') published.push(...(e.data.messages as NormalizedMessage[]));
            if (e.event === 'ended') ended = true;
          });
          chat.startChat({ nickname: 'Ada' }).subscribe({ error: () => undefined });
          scheduler.schedule(() => {
            chat.getTranscript().subscribe({ next: () => settled.push('getTranscript'), error: () => settled.push('getTranscript rejected') });
            chat.sendMessage({ message: 'hello?' }).subscribe({ next: () => settled.push('sendMessage'), error: () => settled.push('sendMessage rejected') });
          }, 30000);
          scheduler.schedule(() => {
            destroyed = true;
            chat.destroy();
          }, 60000);
          scheduler.schedule(() => undefined, 90000);
        });
        expect(unhandled.map(String)).toEqual([]);
        // Polling went on through the garbage, unless the server's answer ended the session (a Nexus 404 is a lost session).
        expect(polls).toBeGreaterThan(ended ? 0 : 3);
        expect(published.filter((m) => !isSaneMessage(m))).toEqual([]);
        expect(settled).toEqual(expect.arrayContaining([expect.stringMatching(/^getTranscript/), expect.stringMatching(/^sendMessage/)]));
        expect(pollsAfterDestroy).toBe(0);
      }),
      { numRuns: 25, seed: 5 },
    );
  }, 120000);
});
