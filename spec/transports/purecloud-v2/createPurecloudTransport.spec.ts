import { NEVER, Observable, Subscription, map, timer } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import type { WebChatConfig } from '../../../lib/model/config';
import type { HttpRequest, HttpResponse } from '../../../lib/platform/platform';
import { createSessionStore } from '../../../lib/storage/sessionStore';
import { fakePlatform, httpJson } from '../../../lib/testing/fakePlatform';
import type { Outcome, ReceiveSignal, RestoreOutcome, StartOutcome, TransportSession } from '../../../lib/transports/transport';
import { createPurecloudTransport } from '../../../lib/transports/purecloud-v2/createPurecloudTransport';
import { cloudKeyNames } from '../../../lib/transports/purecloud-v2/cloudKeys';
import { cloudResolved, fakeSockets } from './cloudTestKit';
import { frames, wireMessage } from '../../fixtures/cloudFrames';

const root = 'https://api.example.com/api/v2/webchat/guest/conversations';
const created = { id: 'CV', jwt: 'J', eventStreamUri: 'wss://stream.example.com/v1/token/J', member: { id: 'ME' } };
const start = { form: { nickname: 'Ada' }, userData: {}, interactionData: {} };

type Route = (request: HttpRequest) => HttpResponse | Observable<HttpResponse> | undefined;

/**
 * A transport over a fake HTTP server (`routes`, first match wins; unmatched = 404) and fake
 * sockets, in the virtual time of `run`: `at(frame, action)` schedules a step.
 */
function harness(routes: Route[], transport: WebChatConfig['transport'] = {}, top: Partial<WebChatConfig> = {}) {
  const scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
  const platform = fakePlatform({
    scheduler,
    random: () => 1,
    http: (request) => {
      // A start reads the own member once the stream is open (§7 Start): CONNECTED unless a route says otherwise.
      for (const route of [...routes, self('CONNECTED')]) {
        const answer = route(request);
        if (answer) return answer;
      }
      return httpJson(404, { status: 404, code: 'not.found' });
    },
  });
  const sockets = fakeSockets();
  const store = createSessionStore(platform.storage);
  const config = cloudResolved({ socketReconnectInterval: 10, socketHeartbeatTrackerInterval: 100, ...transport }, { backoffMax: 40, ...top });
  const cloud = createPurecloudTransport({ config, platform, store }, { openSocket: sockets.open });
  const responses: Array<{ body: Record<string, unknown>; at: number }> = [];
  cloud.responses$.subscribe((body) => responses.push({ body, at: scheduler.now() }));
  const at = (frame: number, action: () => void) => scheduler.schedule(action, frame);
  /** Virtual time up to 5000 frames: the socket keeps reconnecting forever, so the flush needs a horizon. */
  const run = (steps: () => void) =>
    scheduler.run(() => {
      scheduler.maxFrames = 5000;
      steps();
    });
  return { scheduler, platform, sockets, store, cloud, responses, at, run };
}

const is = (method: string, path: string, answer: () => HttpResponse | Observable<HttpResponse>): Route => (request) =>
  request.method === method && request.url === `${root}${path}` ? answer() : undefined;
const startsWith = (method: string, path: string, answer: (request: HttpRequest) => ReturnType<Route>): Route => (request) =>
  request.method === method && request.url.startsWith(`${root}${path}`) ? answer(request) : undefined;
const createOk = is('POST', '', () => httpJson(200, created));
const agent = is('GET', '/CV/members/AG', () => httpJson(200, { id: 'AG', role: 'AGENT', displayName: 'Kim', state: 'CONNECTED' }));
const self = (state: string) => is('GET', '/CV/members/ME', () => httpJson(200, { id: 'ME', role: 'CUSTOMER', displayName: 'Ada', state }));
/** The own member: CONNECTED at the start's read (§7 Start), `state` at every later read. */
const selfLater = (state: string): Route => {
  let reads = 0;
  return (request) => (request.method === 'GET' && request.url === `${root}/CV/members/ME` ? httpJson(200, { id: 'ME', role: 'CUSTOMER', displayName: 'Ada', state: reads++ === 0 ? 'CONNECTED' : state }) : undefined);
};
/** An answer `delay` frames later (virtual time). */
const later = (delay: number, response: HttpResponse) => timer(delay).pipe(map(() => response));

/**
 * Starts, opens the first socket at frame 1, and subscribes `receive` as the engine does, until
 * frame `until` (then unsubscribes, as the engine does at the end); returns what it emits, with times.
 */
function startAndReceive(h: ReturnType<typeof harness>, until = 60) {
  const signals: Array<{ at: number; signal: ReceiveSignal }> = [];
  const state: { outcome?: StartOutcome; session?: TransportSession } = {};
  const receiving = new Subscription();
  h.at(0, () =>
    h.cloud.start(start).subscribe((outcome) => {
      state.outcome = outcome;
      if (!outcome.ok) return;
      state.session = outcome.body.session;
      receiving.add(outcome.body.session.receive(NEVER).subscribe((signal) => signals.push({ at: h.scheduler.now(), signal })));
    }),
  );
  h.at(1, () => h.sockets.current.events.next({ type: 'open' }));
  h.at(until, () => receiving.unsubscribe());
  return { signals, state };
}
const batchKeys = (signals: Array<{ signal: ReceiveSignal }>) =>
  signals.flatMap(({ signal }) => (signal.type === 'batch' ? [signal.batch.items.map((i) => `${String(i.key)}${i.sideEffectOnly ? '*' : ''}`).join(',')] : []));

describe('createPurecloudTransport', () => {
  it('start: create, persist the keys, open the stream; ok only once it is open, with the guest synthetic join', () => {
    const h = harness([createOk]);
    h.run(() => {
      const { state } = startAndReceive(h);
      // Created at 0, but not started before the socket opens at 1.
      h.at(0, () => expect(state.outcome).toBeUndefined());
      h.at(1, () => expect(state.outcome).toMatchObject({ ok: true }));
    });
    expect(h.platform.requests[0]).toMatchObject({ method: 'POST', url: root, timeout: 12000, body: { kind: 'json', value: expect.objectContaining({ deploymentId: 'DEP', organizationId: 'ORG' }) } });
    expect(h.platform.requests[0].headers).toBeUndefined();
    expect(h.sockets.attempts.map((a) => a.url)).toEqual([created.eventStreamUri]);
    expect(h.store.get(cloudKeyNames.jwt)).toBe('J');
    expect(h.store.get(cloudKeyNames.conversationId)).toBe('CV');
    expect(h.store.get(cloudKeyNames.memberId)).toBe('ME');
    expect(h.store.get(cloudKeyNames.eventStreamUri)).toBe(created.eventStreamUri);
  });

  it('start resolves with the response, the session and the synthetic join, at the socket open', () => {
    const h = harness([createOk]);
    let result: { at: number; outcome: StartOutcome } | undefined;
    h.run(() => {
      h.at(0, () => h.cloud.start(start).subscribe((outcome) => (result = { at: h.scheduler.now(), outcome })));
      h.at(5, () => h.sockets.current.events.next({ type: 'open' }));
    });
    expect(result?.at).toBe(5);
    const outcome = result!.outcome;
    if (!outcome.ok) throw new Error('start failed');
    expect(outcome.body.response).toEqual(created);
    expect(outcome.body.batch?.items.map((i) => [i.message.type, i.message.from.type, i.message.from.name])).toEqual([['ParticipantJoined', 'Client', 'Ada']]);
    expect(outcome.body.session.sessionData()).toEqual({ jwt: 'J', conversationId: 'CV', memberId: 'ME', WebSocketUrl: created.eventStreamUri, lastMessageId: null });
    outcome.body.session.forget();
    expect(h.sockets.current.closed).toBe(true);
    expect(h.store.get(cloudKeyNames.jwt)).toBeNull();
  });

  it('once receiving, a start reads the own member (§7 Start): DISCONNECTED ends 1000 ms later, a 401 is sessionLost', () => {
    const gone = harness([createOk, self('DISCONNECTED')], { socketHeartbeatTrackerInterval: 10_000 });
    let left: ReturnType<typeof startAndReceive> | undefined;
    gone.run(() => (left = startAndReceive(gone, 1100)));
    expect(gone.platform.requests.map((r) => `${r.method} ${r.url.replace(root, '')}`)).toEqual(['POST ', 'GET /CV/members/ME']);
    expect(left!.signals.map(({ at, signal }) => `${at}:${signal.type}`)).toEqual(['1001:ended']);

    const refused = harness([createOk, is('GET', '/CV/members/ME', () => httpJson(401, { status: 401, code: 'bad.credentials' }))]);
    let lost: ReturnType<typeof startAndReceive> | undefined;
    refused.run(() => (lost = startAndReceive(refused)));
    expect(lost!.signals.map(({ at, signal }) => `${at}:${signal.type}`)).toEqual(['1:sessionLost']);
  });

  it('a first socket that fails fails the start (StartFailed), clears the keys and does not retry', () => {
    const h = harness([createOk]);
    let outcome: StartOutcome | undefined;
    h.run(() => {
      h.at(0, () => h.cloud.start(start).subscribe((o) => (outcome = o)));
      h.at(3, () => h.sockets.current.events.next({ type: 'error' }));
    });
    expect(outcome).toMatchObject({ ok: false, verdict: 'networkDown', failure: { status: 0, errors: [{ code: 'StartFailed' }] } });
    expect(h.sockets.attempts).toHaveLength(1);
    expect(h.sockets.current.closed).toBe(true);
    expect(h.store.get(cloudKeyNames.jwt)).toBeNull();
  });

  it('a start abandoned before the socket opens closes it', () => {
    const h = harness([createOk]);
    h.run(() => {
      const subscription = new Subscription();
      h.at(0, () => subscription.add(h.cloud.start(start).subscribe()));
      h.at(3, () => subscription.unsubscribe());
    });
    expect(h.sockets.attempts).toHaveLength(1);
    expect(h.sockets.current.closed).toBe(true);
  });

  it('a refused create is an AjaxFailure with StartFailed, and opens nothing', () => {
    const h = harness([is('POST', '', () => httpJson(400, { status: 400, code: 'bad.request' }))]);
    let outcome: StartOutcome | undefined;
    h.run(() => h.at(0, () => h.cloud.start(start).subscribe((o) => (outcome = o))));
    expect(outcome).toMatchObject({ ok: false, verdict: 'refused', failure: { status: 400, responseJSON: { code: 'bad.request' }, errors: [{ code: 'StartFailed', response: { status: 400 } }] } });
    expect(h.sockets.attempts).toHaveLength(0);
    expect(h.responses).toEqual([{ body: { status: 400, code: 'bad.request' }, at: 0 }]);
  });

  it('holds frames while a sender is looked up, then delivers them as one batch (wire §5.2 item 2)', () => {
    const h = harness([createOk, is('GET', '/CV/members/AG', () => later(5, httpJson(200, { id: 'AG', role: 'AGENT', displayName: 'Kim' })))]);
    let received: ReturnType<typeof startAndReceive> | undefined;
    h.run(() => {
      received = startAndReceive(h);
      h.at(2, () => h.sockets.current.events.next({ type: 'message', data: frames.message('m1', 'AG', '', 'member-join') }));
      h.at(3, () => h.sockets.current.events.next({ type: 'message', data: frames.typing('t1', 'AG') }));
      h.at(4, () => h.sockets.current.events.next({ type: 'message', data: frames.message('m2', 'AG', 'Hi') }));
      h.at(5, () => h.sockets.current.events.next({ type: 'message', data: frames.typing('t2', 'ME') }));
      h.at(9, () => h.sockets.current.events.next({ type: 'message', data: frames.message('m3', 'AG', 'More') }));
    });
    const { signals } = received!;
    // m1 waits for GET members/AG (2 → 7); t1 and m2 arrive meanwhile and go together; the guest's own typing is ignored.
    expect(signals.map((s) => s.at)).toEqual([7, 7, 9]);
    expect(batchKeys(signals)).toEqual(['m1', 't1*,m2', 'm3']);
    const first = signals[0].signal;
    expect(first.type === 'batch' && first.batch.items[0].message).toMatchObject({ type: 'ParticipantJoined', from: { id: 'AG', type: 'Agent', name: 'Kim' }, index: 2 });
    expect(h.platform.requests.filter((r) => r.url.endsWith('/members/AG'))).toHaveLength(1);
    expect(h.store.get(cloudKeyNames.lastMessageId)).toBe('m3');
    expect(Number(h.store.get(cloudKeyNames.ping))).toBe(9);
  });

  it('socket lost: networkDown, sends fail fast; reopened: catch-up after the last id following next, then ok, then the own state', () => {
    const catchUp: Route = startsWith('GET', '/CV/messages', (request) =>
      request.url.includes('after=m1')
        ? httpJson(200, { entities: [wireMessage('m2', 'AG', 'two')], next: '/api/v2/webchat/guest/conversations/CV/messages?after=m2' })
        : request.url.includes('after=m2')
          ? httpJson(200, { entities: [wireMessage('m3', 'AG', 'three')] })
          : httpJson(400, {}),
    );
    const h = harness([createOk, agent, catchUp, self('CONNECTED'), is('POST', '/CV/members/ME/typing', () => httpJson(200, { id: 'ty' }))]);
    let received: ReturnType<typeof startAndReceive> | undefined;
    const sends: Array<{ at: number; outcome: unknown }> = [];
    h.run(() => {
      received = startAndReceive(h);
      h.at(2, () => h.sockets.current.events.next({ type: 'message', data: frames.message('m1', 'AG', 'one') }));
      h.at(10, () => h.sockets.current.events.next({ type: 'close', code: 1006 }));
      h.at(11, () => received!.state.session!.sendMessage({ message: 'hello?' }).subscribe((outcome) => sends.push({ at: h.scheduler.now(), outcome })));
      h.at(12, () => received!.state.session!.typing(true, '').subscribe());
      // The reconnect waits backoffDelay(1) = 10 (random 1): the second socket is created at 20.
      h.at(25, () => h.sockets.current.events.next({ type: 'open' }));
    });
    const { signals } = received!;
    expect(h.sockets.attempts).toHaveLength(2);
    expect(h.sockets.attempts[1].url).toBe(created.eventStreamUri);
    expect(signals.map(({ at, signal }) => `${at}:${signal.type}${signal.type === 'health' ? `:${signal.verdict}` : ''}`)).toEqual(['2:batch', '10:health:networkDown', '25:batch', '25:health:ok']);
    expect(batchKeys(signals)).toEqual(['m1', 'm2,m3']);
    expect(sends).toEqual([{ at: 11, outcome: expect.objectContaining({ ok: false, failure: expect.objectContaining({ status: 0, errors: [expect.objectContaining({ code: 'MessageFailed' })] }) }) }]);
    expect(h.platform.requests.some((r) => r.url.endsWith('/members/ME/messages'))).toBe(false);
    // The typing response (200 at 12) was held until the stream was back and caught up (the service's `reconnected`).
    expect(h.responses.filter((r) => r.at >= 10).map((r) => r.at)).toEqual([25, 25, 25, 25]);
    expect(h.platform.requests.map((r) => r.url.replace(root, ''))).toEqual([
      '',
      '/CV/members/ME',
      '/CV/members/AG',
      '/CV/members/ME/typing',
      '/CV/messages?after=m1&sortOrder=ascending&maxResults=100',
      '/CV/messages?after=m2',
      '/CV/members/ME',
    ]);
    expect(h.store.get(cloudKeyNames.lastMessageId)).toBe('m3');
  });

  it('retries a failed catch-up with backoff, and reports sessionLost when the token is refused', () => {
    let calls = 0;
    const h = harness([
      createOk,
      startsWith('GET', '/CV/messages', () => {
        calls += 1;
        return calls === 1 ? httpJson(503, {}) : httpJson(401, { status: 401, code: 'bad.credentials' });
      }),
    ]);
    let received: ReturnType<typeof startAndReceive> | undefined;
    h.run(() => {
      received = startAndReceive(h);
      h.at(5, () => h.sockets.current.events.next({ type: 'close' }));
      h.at(16, () => h.sockets.current.events.next({ type: 'open' }));
    });
    const { signals } = received!;
    // 503 at 16, retried after backoffDelay(1) = 10 ⇒ 401 at 26.
    expect(signals.map(({ at, signal }) => `${at}:${signal.type}`)).toEqual(['5:health', '26:sessionLost']);
    const lost = signals[1].signal;
    expect(lost).toMatchObject({ type: 'sessionLost', response: { status: 401 }, error: { errors: [{ code: 'purecloud-v2-sockets-401' }] } });
  });

  it('reopened and caught up, but the guest is DISCONNECTED on the server: ok, then ended at once (§6 step 3)', () => {
    const h = harness([createOk, startsWith('GET', '/CV/messages', () => httpJson(200, { entities: [] })), selfLater('DISCONNECTED')]);
    let received: ReturnType<typeof startAndReceive> | undefined;
    h.run(() => {
      received = startAndReceive(h);
      h.at(5, () => h.sockets.current.events.next({ type: 'close' }));
      h.at(16, () => h.sockets.current.events.next({ type: 'open' }));
    });
    expect(received!.signals.map(({ at, signal }) => `${at}:${signal.type}${signal.type === 'health' ? `:${signal.verdict}` : ''}`)).toEqual(['5:health:networkDown', '16:health:ok', '16:ended']);
    // Nothing delivered before: the catch-up reads from the start of the conversation.
    expect(h.platform.requests.map((r) => r.url.replace(root, ''))).toContain('/CV/messages?sortOrder=ascending&maxResults=100');
  });

  it('a 401 or 404 on the guest own calls is sessionLost on the receive stream; the call still fails', () => {
    const h = harness([createOk, is('POST', '/CV/members/ME/messages', () => httpJson(401, { status: 401, code: 'bad.credentials' }))]);
    const outcomes: unknown[] = [];
    let received: ReturnType<typeof startAndReceive> | undefined;
    h.run(() => {
      received = startAndReceive(h);
      h.at(4, () => received!.state.session!.sendMessage({ message: 'hi' }).subscribe((o) => outcomes.push(o)));
    });
    expect(received!.signals).toEqual([{ at: 4, signal: expect.objectContaining({ type: 'sessionLost', response: expect.objectContaining({ status: 401 }), error: { errors: [expect.objectContaining({ code: 'purecloud-v2-sockets-401' })] } }) }]);
    expect(outcomes).toEqual([expect.objectContaining({ ok: false, verdict: 'sessionLost' })]);
  });

  it('the guest DISCONNECTED (member-change, confirmed by GET) or its own member-leave ends the session 1000 ms later', () => {
    const h = harness([createOk, selfLater('DISCONNECTED')], { socketHeartbeatTrackerInterval: 10_000 });
    let received: ReturnType<typeof startAndReceive> | undefined;
    h.run(() => {
      received = startAndReceive(h, 1100);
      h.at(3, () => h.sockets.current.events.next({ type: 'message', data: frames.memberChange('ME', 'DISCONNECTED') }));
      h.at(500, () => h.sockets.current.events.next({ type: 'message', data: frames.message('l1', 'ME', '', 'member-leave') }));
    });
    const { signals } = received!;
    expect(signals.map(({ at, signal }) => `${at}:${signal.type}`)).toEqual(['500:batch', '1003:ended']);
  });

  it('ignores other members’ state changes but learns their role early', () => {
    const h = harness([createOk, agent]);
    let received: ReturnType<typeof startAndReceive> | undefined;
    h.run(() => {
      received = startAndReceive(h);
      h.at(2, () => h.sockets.current.events.next({ type: 'message', data: frames.memberChange('AG', 'ALERTING') }));
      h.at(3, () => h.sockets.current.events.next({ type: 'message', data: frames.memberChange('AG', 'CONNECTED') }));
      h.at(4, () => h.sockets.current.events.next({ type: 'message', data: frames.memberChange('AG', 'CONNECTED') }));
      h.at(5, () => h.sockets.current.events.next({ type: 'message', data: frames.heartbeat() }));
    });
    expect(received!.signals).toEqual([]);
    expect(h.platform.requests.filter((r) => r.url.endsWith('/members/AG'))).toHaveLength(1);
  });

  describe('sendMessage without an answer: settled by reading the conversation, never resent (contract §6.4)', () => {
    const sendUrl = `${root}/CV/members/ME/messages`;
    const posts = (h: ReturnType<typeof harness>) => h.platform.requests.filter((r) => r.method === 'POST' && r.url === sendUrl).length;
    const reads = (h: ReturnType<typeof harness>) => h.platform.requests.filter((r) => r.url.startsWith(`${root}/CV/messages`)).map((r) => r.url.replace(root, ''));
    /** Starts, sends 'hello' at `frame` (at each, given several), runs `steps` too; the sends' outcomes with their times, and the receive signals. */
    const sendHello = (h: ReturnType<typeof harness>, frame: number | number[], steps = () => {}, run = h.run) => {
      const sends: Array<{ at: number; outcome: Outcome }> = [];
      let received: ReturnType<typeof startAndReceive> | undefined;
      run(() => {
        received = startAndReceive(h);
        for (const at of [frame].flat()) {
          h.at(at, () => received!.state.session!.sendMessage({ message: 'hello' }).subscribe((outcome) => sends.push({ at: h.scheduler.now(), outcome })));
        }
        steps();
      });
      return { sends, signals: received!.signals };
    };

    it('a 503 the server stored it behind: the read after the newest delivered id finds it ⇒ ok; only its frame publishes it', () => {
      const h = harness([
        createOk,
        agent,
        is('POST', '/CV/members/ME/messages', () => httpJson(503, { status: 503, code: 'service.unavailable' })),
        startsWith('GET', '/CV/messages', () => httpJson(200, { entities: [wireMessage('m2', 'ME', 'hello')] })),
      ]);
      const { sends, signals } = sendHello(h, 5, () => {
        h.at(2, () => h.sockets.current.events.next({ type: 'message', data: frames.message('m1', 'AG', 'one') }));
        h.at(8, () => h.sockets.current.events.next({ type: 'message', data: frames.message('m2', 'ME', 'hello') }));
      });
      expect(sends).toEqual([{ at: 5, outcome: { ok: true, verdict: 'ok', body: wireMessage('m2', 'ME', 'hello') } }]);
      expect(posts(h)).toBe(1);
      expect(reads(h)).toEqual(['/CV/messages?after=m1&sortOrder=ascending&maxResults=100']);
      expect(batchKeys(signals)).toEqual(['m1', 'm2']);
    });

    it('a garbled 2xx, and the message is not there ⇒ MessageNotDelivered (with MessageFailed), sent once', () => {
      let answered = 0;
      const h = harness([
        createOk,
        // The first 'hello' is answered (m0, its frame not come yet); the second one's answer is garbled.
        is('POST', '/CV/members/ME/messages', () =>
          answered++ === 0 ? httpJson(200, wireMessage('m0', 'ME', 'hello')) : { status: 200, statusText: 'OK', json: undefined, text: '<html>proxy</html>', headers: {} },
        ),
        startsWith('GET', '/CV/messages', () => httpJson(200, { entities: [wireMessage('m0', 'ME', 'hello')] })),
      ]);
      const { sends } = sendHello(h, [5, 6]);
      // The only 'hello' there is the one the first send was answered with: not this message.
      expect(sends).toEqual([
        { at: 5, outcome: { ok: true, verdict: 'ok', body: wireMessage('m0', 'ME', 'hello') } },
        { at: 6, outcome: expect.objectContaining({ ok: false, failure: expect.objectContaining({ status: 200, errorReason: 'MessageNotDelivered', errors: [expect.objectContaining({ code: 'MessageFailed' })] }) }) },
      ]);
      expect(reads(h)).toEqual(['/CV/messages?sortOrder=ascending&maxResults=100']);
      expect(posts(h)).toBe(2);
    });

    it('the read fails too: three reads with backoff, then MessageDeliveryUnknown; still sent once', () => {
      const h = harness([createOk, is('POST', '/CV/members/ME/messages', () => httpJson(0)), startsWith('GET', '/CV/messages', () => httpJson(503, {}))]);
      const { sends } = sendHello(h, 3);
      // Reads at 3, 3 + backoffDelay(1) = 13 and 13 + backoffDelay(2) = 33 (base 10, random 1).
      expect(sends).toEqual([{ at: 33, outcome: expect.objectContaining({ ok: false, verdict: 'networkDown', failure: expect.objectContaining({ status: 0, errorReason: 'MessageDeliveryUnknown' }) }) }]);
      expect(reads(h)).toHaveLength(3);
      expect(posts(h)).toBe(1);
    });

    it('a timeout waits one more ajaxTimeout before the read, so a request still on its way can land', () => {
      const h = harness([
        createOk,
        is('POST', '/CV/members/ME/messages', () => ({ status: 0, statusText: 'timeout', json: undefined, headers: {} })),
        startsWith('GET', '/CV/messages', () => httpJson(200, { entities: [wireMessage('m2', 'ME', 'hello')] })),
      ]);
      // Past the harness horizon of 5000 frames: the receive ends at 60, so nothing reconnects meanwhile.
      const { sends } = sendHello(h, 3, () => {}, (steps) =>
        h.scheduler.run(() => {
          h.scheduler.maxFrames = 20_000;
          steps();
        }),
      );
      expect(sends).toEqual([{ at: 3 + 12_000, outcome: expect.objectContaining({ ok: true }) }]);
    });

    it('an answer the server gave (a 400 refusal, a 429) is final: no read, no errorReason', () => {
      for (const status of [400, 429]) {
        const h = harness([createOk, is('POST', '/CV/members/ME/messages', () => httpJson(status, { status, code: 'bad.request' }))]);
        const { sends } = sendHello(h, 3);
        expect(sends).toEqual([{ at: 3, outcome: expect.objectContaining({ ok: false, failure: expect.not.objectContaining({ errorReason: expect.anything() }) }) }]);
        expect(reads(h)).toEqual([]);
      }
    });
  });

  describe('restore (§7, contract §14.3)', () => {
    const persist = (h: ReturnType<typeof harness>, ping?: number) => {
      h.store.set(cloudKeyNames.jwt, 'J');
      h.store.set(cloudKeyNames.conversationId, 'CV');
      h.store.set(cloudKeyNames.memberId, 'ME');
      h.store.set(cloudKeyNames.eventStreamUri, created.eventStreamUri);
      if (ping !== undefined) h.store.set(cloudKeyNames.ping, String(ping));
    };
    const restore = (h: ReturnType<typeof harness>, openAt?: number) => {
      let outcome: RestoreOutcome | undefined;
      h.run(() => {
        h.at(0, () => h.cloud.restore({}).subscribe((o) => (outcome = o)));
        if (openAt !== undefined) h.at(openAt, () => h.sockets.current.events.next({ type: 'open' }));
      });
      return outcome;
    };

    it('none without keys; timeout (keys cleared) when the ping is older than restoreTimeout', () => {
      const empty = harness([]);
      expect(empty.cloud.persisted()).toEqual({ exists: false, fresh: false });
      expect(restore(empty)).toEqual({ kind: 'none' });
      const old = harness([], {}, { restoreTimeout: 1000 });
      persist(old, -5000);
      expect(old.cloud.persisted()).toEqual({ exists: true, fresh: false });
      expect(restore(old)).toEqual({ kind: 'timeout' });
      expect(old.store.get(cloudKeyNames.jwt)).toBeNull();
      expect(old.platform.requests).toHaveLength(0);
    });

    it('failed with keys cleared when the guest is no longer CONNECTED, or the token is refused', () => {
      const gone = harness([self('DISCONNECTED')]);
      persist(gone);
      expect(restore(gone)).toEqual({ kind: 'failed', failure: {} });
      expect(gone.store.get(cloudKeyNames.jwt)).toBeNull();
      const refused = harness([is('GET', '/CV/members/ME', () => httpJson(401, { status: 401 }))]);
      persist(refused);
      expect(restore(refused)).toMatchObject({ kind: 'failed', failure: { status: 401 } });
      expect(refused.store.get(cloudKeyNames.jwt)).toBeNull();
    });

    it('failed with the keys kept on a network failure or a socket that does not open', () => {
      const offline = harness([is('GET', '/CV/members/ME', () => httpJson(0))]);
      persist(offline);
      expect(restore(offline)).toMatchObject({ kind: 'failed', failure: { status: 0 } });
      expect(offline.store.get(cloudKeyNames.jwt)).toBe('J');
      const noSocket = harness([self('CONNECTED')]);
      persist(noSocket);
      let outcome: RestoreOutcome | undefined;
      noSocket.run(() => {
        noSocket.at(0, () => noSocket.cloud.restore({}).subscribe((o) => (outcome = o)));
        noSocket.at(2, () => noSocket.sockets.current.events.next({ type: 'error' }));
      });
      expect(outcome).toMatchObject({ kind: 'failed', failure: { status: 0 } });
      expect(noSocket.store.get(cloudKeyNames.jwt)).toBe('J');
    });

    it('a replay that fails closes the reopened stream (keys kept on a server error)', () => {
      const h = harness([self('CONNECTED'), startsWith('GET', '/CV/messages', () => httpJson(503, {}))]);
      persist(h);
      expect(restore(h, 2)).toMatchObject({ kind: 'failed', failure: { status: 503 } });
      expect(h.sockets.current.closed).toBe(true);
      expect(h.store.get(cloudKeyNames.jwt)).toBe('J');
    });

    it('restored: reopens the stored stream, replays the last page chronologically with restoring: true, then pages history to the end', () => {
      const pages: Route = startsWith('GET', '/CV/messages', (request) => {
        if (request.url.endsWith('?sortOrder=descending&maxResults=2')) {
          return httpJson(200, { entities: [wireMessage('m4', 'AG'), wireMessage('m3', 'AG')], next: '/api/v2/webchat/guest/conversations/CV/messages?before=m3' });
        }
        if (request.url.includes('before=m3')) return httpJson(200, { entities: [wireMessage('m2', 'AG'), wireMessage('m1', 'AG', '', 'member-join')], next: '/x' });
        if (request.url.includes('before=m1')) return httpJson(200, { entities: [] });
        return undefined;
      });
      const h = harness([self('CONNECTED'), pages, is('GET', '/CV/members', () => httpJson(200, { entities: [{ id: 'AG', role: 'AGENT', displayName: 'Kim' }, { id: 'ME', role: 'CUSTOMER' }] }))], { maxMessagePageSize: 2 });
      persist(h, 0);
      const outcome = restore(h, 3);
      if (outcome?.kind !== 'restored') throw new Error(`not restored: ${JSON.stringify(outcome)}`);
      expect(outcome.async).toBe(false);
      expect(outcome.batch).toMatchObject({ restoring: true });
      expect(outcome.batch!.items.map((i) => [i.key, i.message.index, i.message.from.name])).toEqual([
        ['m3', 1, 'Kim'],
        ['m4', 2, 'Kim'],
      ]);
      expect(h.store.get(cloudKeyNames.lastMessageId)).toBe('m4');
      const history: unknown[] = [];
      h.run(() => {
        h.at(0, () => outcome.session.fetchHistory!().subscribe((o) => history.push(o)));
        h.at(1, () => outcome.session.fetchHistory!().subscribe((o) => history.push(o)));
        h.at(2, () => outcome.session.fetchHistory!().subscribe((o) => history.push(o)));
      });
      expect(history[0]).toMatchObject({ ok: true, body: { batch: { oldMessages: true, items: [expect.objectContaining({ key: 'm1' }), expect.objectContaining({ key: 'm2' })] } } });
      expect(history.slice(1)).toEqual([
        { ok: true, verdict: 'ok', body: { end: true } },
        { ok: true, verdict: 'ok', body: { end: true } },
      ]);
      const urls = h.platform.requests.map((r) => r.url.replace(root, ''));
      expect(urls).toContain('/CV/messages?before=m1&sortOrder=descending&maxResults=2');
      expect(urls.filter((u) => u.includes('before=m1'))).toHaveLength(1);
    });
  });

  it('end deletes the own member; typing posts only on start (no stop call)', () => {
    const h = harness([createOk, is('DELETE', '/CV/members/ME', () => httpJson(204)), is('POST', '/CV/members/ME/typing', () => httpJson(200, { id: 'ty' }))]);
    const results: unknown[] = [];
    h.run(() => {
      const { state } = startAndReceive(h);
      h.at(2, () => state.session!.typing(true, 'pre').subscribe((o) => results.push(o)));
      h.at(3, () => state.session!.typing(false, '').subscribe((o) => results.push(o)));
      h.at(4, () => state.session!.end().subscribe((o) => results.push(o)));
    });
    expect(results).toEqual([
      { ok: true, verdict: 'ok', body: { id: 'ty' } },
      { ok: true, verdict: 'ok', body: {} },
      { ok: true, verdict: 'ok', body: {} },
    ]);
    expect(h.platform.requests.map((r) => `${r.method} ${r.url.replace(root, '')}`)).toEqual(['POST ', 'GET /CV/members/ME', 'POST /CV/members/ME/typing', 'DELETE /CV/members/ME']);
  });
});
