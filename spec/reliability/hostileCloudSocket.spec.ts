import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { config as rxjsConfig, firstValueFrom, of } from 'rxjs';
import WebSocket, { WebSocketServer } from 'ws';
import { createWebChatService } from '../../lib/createWebChatService';
import type { HttpRequest } from '../../lib/platform/platform';
import type { WebSocketConstructor } from '../../lib/platform/platform';
import { memoryStorage } from '../../lib/storage/memoryStorage';
import { httpJson } from '../../lib/testing/fakePlatform';
import { recordingLogger } from '../soak/serviceProbe';
import { waitUntil } from '../helpers/eventually';
import { isSaneMessage } from './hostileInputs';

/**
 * A hostile Genesys Cloud event stream (issue 6 "bad input"): after a good start, the socket sends
 * frames of any shape — not JSON, JSON of the wrong shape, messages with absurd ids, senders and
 * timestamps, huge bodies, member changes for nobody — and member lookups answer garbage. The
 * service must not throw, must publish only normalized messages and must keep answering commands.
 */

const anyJson = fc.jsonValue({ maxDepth: 3 });
const topic = 'v2.conversations.chats.C1.messages';
const frameOf = (type: unknown, eventBody: unknown) => JSON.stringify({ topicName: topic, eventBody, metadata: { type, CorrelationId: 'x' } });
const hostileFrame = fc.oneof(
  fc.string(),
  anyJson.map((v) => JSON.stringify(v)),
  fc.constant('x'.repeat(3_000_000)),
  fc
    .record(
      {
        id: fc.oneof(fc.uuid(), anyJson),
        sender: fc.oneof(fc.record({ id: fc.oneof(fc.constantFrom('A1', 'M1', 'nobody'), anyJson) }), anyJson),
        body: fc.oneof(fc.string(), anyJson, fc.constant('b'.repeat(2_000_000))),
        bodyType: fc.oneof(fc.constantFrom('standard', 'notice', 'member-join', 'member-leave', 'media-request'), anyJson),
        timestamp: fc.oneof(fc.constantFrom('2020-08-05T13:09:49.546Z', 'not a date', '+275760-09-13T00:00:00.001Z'), anyJson),
        conversation: fc.constant({ id: 'C1' }),
      },
      { requiredKeys: [] },
    )
    .chain((body) => fc.constantFrom('message', 'typing-indicator', 'member-change', 'other').map((type) => frameOf(type, type === 'member-change' ? { member: { id: body.sender, state: body.bodyType } } : body))),
);

describe('purecloud-v2: a hostile event stream cannot crash the service or make it publish garbage', () => {
  let server: WebSocketServer;
  let url: string;
  let script: string[] = [];
  const unhandled: unknown[] = [];

  beforeAll(async () => {
    rxjsConfig.onUnhandledError = (error) => void unhandled.push(error);
    server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/stream`;
    server.on('connection', (socket) => {
      for (const frame of script) socket.send(frame);
    });
  });
  afterAll(async () => {
    for (const client of server.clients) client.terminate();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('frames of any shape, member lookups answering garbage: no throw, only normalized messages, commands answer', async () => {
    let publishedInAll = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(hostileFrame, { minLength: 1, maxLength: 12 }), anyJson, async (frames, memberAnswer) => {
        unhandled.splice(0);
        script = frames;
        const http = (request: HttpRequest) => {
          if (request.method === 'POST' && request.url.endsWith('/conversations')) {
            return of(httpJson(200, { id: 'C1', jwt: 'J1', eventStreamUri: url, member: { id: 'M1' } }));
          }
          if (request.method === 'GET' && /\/members\/[^/]+$/.test(request.url)) return of(httpJson(200, memberAnswer));
          return of(httpJson(200, {}));
        };
        const chat = createWebChatService(
          { transport: { type: 'purecloud-v2-sockets', dataURL: 'https://api.example', deploymentKey: 'd', orgGuid: 'o', interactionData: { routing: { targetAddress: 'Q' } }, socketReconnectInterval: 50, socketHeartbeatTrackerInterval: 5000 } },
          { http, WebSocket: WebSocket as unknown as WebSocketConstructor, storage: memoryStorage(), logger: recordingLogger([]) },
        );
        const published: unknown[] = [];
        chat.events$.subscribe((e) => e.event === 'messageReceived' && published.push(...e.data.messages));
        try {
          await firstValueFrom(chat.startChat({ nickname: 'Ada' }));
          // Every frame of the script has had time to arrive and be handled (member lookups included).
          await waitUntil(() => false, 150);
          const transcript = await Promise.race([firstValueFrom(chat.getTranscript()).then(() => 'answered'), waitUntil(() => false, 2000).then(() => 'silent')]);
          expect({ unhandled: unhandled.map(String), garbage: published.filter((m) => !isSaneMessage(m)).length, transcript }).toEqual({ unhandled: [], garbage: 0, transcript: 'answered' });
          publishedInAll += published.length;
        } finally {
          chat.destroy();
        }
      }),
      { numRuns: 25, seed: 9 },
    );
    // The script did reach the pipeline: well-formed frames among the garbage were published.
    expect(publishedInAll).toBeGreaterThan(0);
  }, 120000);
});
