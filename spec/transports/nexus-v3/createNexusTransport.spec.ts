import { EMPTY, Observable, Subject, firstValueFrom, map, switchMap, timer } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import type { WebChatConfig } from '../../../lib/model/config';
import { refusal } from '../../../lib/model/capabilities';
import { webChatCommandNames } from '../../../lib/model/commands';
import { Rejections } from '../../../lib/model/rejections';
import type { HttpRequest, HttpResponse } from '../../../lib/platform/platform';
import { createNexusTransport } from '../../../lib/transports/nexus-v3/createNexusTransport';
import type { NexusMessage } from '../../../lib/transports/nexus-v3/nexusWire';
import { processBatch } from '../../../lib/pipeline/messagePipeline';
import type { PipelineContext } from '../../../lib/pipeline/messagePipeline';
import type { Outcome, ReceiveControl, ReceiveSignal, RestoreOutcome, StartOutcome, Transport, TransportSession } from '../../../lib/transports/transport';
import { memoryStorage } from '../../../lib/storage/memoryStorage';
import { fakePlatform, httpJson } from '../../../lib/testing/fakePlatform';
import type { FakePlatform } from '../../../lib/testing/fakePlatform';
import { formOf, nexusConfig, queryOf, storeOf } from './nexusTestKit';
import { fakeToken, ids, token1 } from '../../fixtures/nexusTokens';

const base = 'https://host/nexus/v3/chat/sessions';
const jane = { nickname: 'Jane', participantId: 'P1', type: 'Customer' };
const kim = { nickname: 'Kim', participantId: 'A1', type: 'Agent' };
/** A Text message; a number `seq` is written as the wire writes indexes, `"<seq>-0"` (§7); a string is used as-is. */
const text = (seq: number | string, body: string, from = kim): NexusMessage => ({
  index: typeof seq === 'number' ? `${seq}-0` : seq,
  type: 'Text',
  text: body,
  utcTime: 1000 + Number.parseInt(String(seq), 10),
  from,
});
const messages = (list: NexusMessage[], chatEnded = false) => httpJson(200, { data: { messages: list, chatEnded } });
const invalidSession = httpJson(404, { status: { code: 'INVALID_SESSION', message: 'Session not found' } });
const created = (token = token1) => httpJson(200, { status: { code: 0, message: 'OK' }, data: { clientToken: token, entity: { id: ids.sessionId } } });

/** A scripted Nexus server: poll replies are taken from `polls` in order (then empty pages). */
interface Script {
  create?: (request: HttpRequest) => HttpResponse;
  polls?: Array<HttpResponse | ((request: HttpRequest) => HttpResponse)>;
  other?: (request: HttpRequest) => HttpResponse | undefined;
  /** ms each request takes (virtual time). */
  latency?: number;
}

function setup(script: Script, transportConfig: Partial<NonNullable<WebChatConfig['transport']>> = {}, top: Partial<WebChatConfig> = {}, scheduler?: TestScheduler) {
  const polls = [...(script.polls ?? [])];
  const handler = (request: HttpRequest) => {
    const answer = (): HttpResponse => {
      const custom = script.other?.(request);
      if (custom) return custom;
      if (request.method === 'POST' && request.url === base) return script.create ? script.create(request) : created();
      if (request.method === 'GET' && request.url.includes('/messages?')) {
        const next = polls.shift() ?? messages([]);
        return typeof next === 'function' ? next(request) : next;
      }
      return httpJson(200, { data: {} });
    };
    return script.latency ? timer(script.latency, scheduler).pipe(map(answer)) : answer();
  };
  const platform: FakePlatform = fakePlatform({ http: handler, ...(scheduler ? { scheduler } : {}) });
  const store = storeOf(platform);
  const transport = createNexusTransport({ config: nexusConfig(transportConfig, top), platform, store });
  return { platform, transport, store };
}

async function start(transport: Transport): Promise<TransportSession> {
  const outcome: StartOutcome = await firstValueFrom(transport.start({ form: { firstname: 'Jane' }, userData: { a: '1' }, interactionData: {} }));
  if (!outcome.ok) throw new Error(`start failed: ${JSON.stringify(outcome.failure)}`);
  return outcome.body.session;
}

/** Starts a session in virtual time (for scripts with latency or timers, where `start` cannot be awaited). */
function startVirtual(transport: Transport, scheduler: TestScheduler): Extract<StartOutcome, { ok: true }> {
  const outcomes: StartOutcome[] = [];
  transport.start({ form: {}, userData: {}, interactionData: {} }).subscribe((o) => outcomes.push(o));
  scheduler.flush();
  const started = outcomes[0];
  if (!started?.ok) throw new Error('no start');
  return started;
}

/** Runs `receive` in virtual time for `ms` and returns the signals. */
function receiveFor(session: TransportSession, scheduler: TestScheduler, ms: number, controls: Array<[number, ReceiveControl]> = []): ReceiveSignal[] {
  const signals: ReceiveSignal[] = [];
  const control$ = new Subject<ReceiveControl>();
  const subscription = session.receive(control$).subscribe((s) => signals.push(s));
  for (const [at, c] of controls) scheduler.schedule(() => control$.next(c), at);
  scheduler.schedule(() => subscription.unsubscribe(), ms);
  scheduler.flush();
  return signals;
}

/** A virtual clock for the receive loop; flush() runs every timer (not only the first 750 frames). */
const virtual = () => {
  const scheduler = new TestScheduler((a, b) => expect(a).toEqual(b));
  scheduler.maxFrames = Number.POSITIVE_INFINITY;
  return scheduler;
};
/** What the engine refuses on this transport, from the §7 table (`model/capabilities.ts`). */
const unsupportedOn = (transport: Transport) =>
  Object.fromEntries(webChatCommandNames.flatMap((name) => {
    const text = refusal(transport.id, name, transport.capabilities);
    return text ? [[name, text]] : [];
  }));

const batches = (signals: ReceiveSignal[]) =>
  signals.filter((s): s is Extract<ReceiveSignal, { type: 'batch' }> => s.type === 'batch').map((s) => s.batch.items.map((i) => i.message.text || i.message.type));

describe('createNexusTransport', () => {
  describe('capabilities and unsupported commands (contract §3, §7)', () => {
    it('is sync without transport.async: no history, and the v3 rejection texts', () => {
      const { transport } = setup({});
      expect(transport.id).toBe('nexus-v3');
      expect(transport.capabilities).toEqual({ async: false, asyncClose: 'hideChat', pagination: false, fileUpload: true });
      expect(transport.botEvents).toBe(false);
      expect(unsupportedOn(transport)).toEqual({
        sendCustomNotice: "This transport doesn't support sendCustomNotice command.",
        resetPollExceptions: "This transport doesn't support resetPollExceptions command.",
        downloadFile: "This transport doesn't support downloadFile command.",
        getFileLimits: "This transport doesn't support getFileLimits command.",
        fetchHistory: 'Fetching history messages applies only to Asynchronous chat',
      });
    });

    it('is async with transport.async enabled and both callbacks', () => {
      const { transport } = setup({}, { async: { enabled: true, getSessionData: () => undefined, setSessionData: () => undefined } });
      expect(transport.capabilities).toEqual({ async: true, asyncClose: 'endChat', pagination: true, fileUpload: true });
      expect(unsupportedOn(transport).fetchHistory).toBeUndefined();
      expect(unsupportedOn(transport).sendCustomNotice).toBe(Rejections.noticeUnsupported);
    });

    it('has no keys in emptySessionData, as the shipped client reads a v3 session that is not there (issue 10 item 5)', () => {
      expect(setup({}).transport.emptySessionData()).toEqual({});
    });
  });

  describe('start', () => {
    it('posts the create form and resolves the session from the decoded clientToken, persisting the sync keys', async () => {
      const { transport, platform, store } = setup({});
      const session = await start(transport);
      const create = platform.requests[0];
      expect(create.headers).toEqual({ 'x-api-key': 'K' });
      expect(formOf(create)).toMatchObject({ 'data[firstName]': 'Jane', 'data[nickname]': 'Jane', 'data[endpoint]': 'EP', 'data[stream]': 'live', 'data[userData][a]': '1' });
      expect(session.sessionData()).toEqual({ ...ids, token: token1 });
      expect(store.get('pureengage-v3-rest.session')).toBe('sess-1');
      expect(store.get('pureengage-v3-rest.keys')).toBe(token1);
      expect(transport.persisted()).toEqual({ exists: true, fresh: true });
    });

    it('pushes every answered response to responses$', async () => {
      const { transport } = setup({});
      const seen: unknown[] = [];
      transport.responses$.subscribe((r) => seen.push(r));
      await start(transport);
      expect(seen).toEqual([expect.objectContaining({ data: expect.anything() })]);
    });

    it('fails a reply without data.clientToken (StartFailed)', async () => {
      const { transport } = setup({ create: () => httpJson(200, { data: { entity: {} } }) });
      const outcome = await firstValueFrom(transport.start({ form: {}, userData: {}, interactionData: {} }));
      expect(outcome).toMatchObject({ ok: false, verdict: 'refused', failure: { errors: [{ code: 'StartFailed' }] } });
    });

    it('rejects a wrong x-api-key with an AjaxFailure carrying the v3 error code', async () => {
      const refused = httpJson(401, { status: { code: 'INVALID_CONTACT_CENTER', message: 'bad key' } });
      const { transport } = setup({ create: () => refused });
      const outcome = await firstValueFrom(transport.start({ form: {}, userData: {}, interactionData: {} }));
      expect(outcome).toEqual({
        ok: false,
        verdict: 'refused',
        failure: {
          status: 401,
          statusText: 'error',
          responseJSON: refused.json,
          errors: [{ code: 'pureengage-v3-rest-INVALID_CONTACT_CENTER', text: 'bad key', response: refused.json }],
        },
      });
    });

    it('reports a network failure as networkDown with status 0', async () => {
      const { transport } = setup({ create: () => httpJson(0, undefined) });
      const outcome = await firstValueFrom(transport.start({ form: {}, userData: {}, interactionData: {} }));
      expect(outcome).toEqual({ ok: false, verdict: 'networkDown', failure: { status: 0, statusText: 'error' } });
    });
  });

  describe('receive', () => {
    it('polls without a cursor, emits normalized batches keyed by index, then persists the last raw index', async () => {
      const scheduler = virtual();
      const { transport, platform, store } = setup({ polls: [messages([{ index: '1-0', type: 'ParticipantJoined', from: jane }, text('2-0', 'hi')])] }, {}, {}, scheduler);
      const session = await start(transport);
      const signals = receiveFor(session, scheduler, 100);
      expect(signals.slice(0, 3)).toEqual([
        { type: 'polling', active: true },
        { type: 'health', verdict: 'ok' },
        {
          type: 'batch',
          batch: {
            items: [
              // Keyed by the raw index, ordered by position in the reply; the public index is the shipped client's number.
              expect.objectContaining({ key: '1-0', order: 0, message: expect.objectContaining({ index: 10, id: '1-0', type: 'ParticipantJoined', from: { id: 'P1', type: 'Client', name: 'Jane' } }) }),
              expect.objectContaining({ key: '2-0', order: 1, message: expect.objectContaining({ index: 20, type: 'Message', id: '2-0', text: 'hi' }) }),
            ],
          },
        },
      ]);
      expect(queryOf(platform.requests[1])).not.toHaveProperty('index');
      expect(store.get('pureengage-v3-rest.index')).toBe('2-0');
    });

    it('a first poll that fails before anything was seen resumes from the start (index=0): the server may have moved its cursor past messages nobody got', () => {
      const scheduler = virtual();
      const garbled: HttpResponse = { status: 200, statusText: 'OK', json: undefined, text: '{"data":{"messages":[{"ind', headers: {} };
      const { transport, platform } = setup({ polls: [garbled, messages([text(1, 'a'), text(2, 'b')]), messages([])] }, { pollTimeout: 1000 }, {}, scheduler);
      const started = startVirtual(transport, scheduler);
      const signals = receiveFor(started.body.session, scheduler, 2500);
      const polls = platform.requests.filter((r) => r.url.includes('/messages?'));
      expect(polls.slice(0, 3).map((r) => queryOf(r).index)).toEqual([undefined, '0', undefined]);
      expect(batches(signals)).toEqual([['a', 'b']]);
    });

    it('waits pollTimeout after each poll ends, slows ×1.2 per failure (not for 429, whose Retry-After wins), resumes from the last index', () => {
      const scheduler = virtual();
      const { transport, platform } = setup(
        {
          latency: 100,
          polls: [
            messages([text(1, 'a')]),
            httpJson(503, undefined),
            httpJson(0, undefined),
            httpJson(429, undefined, { 'retry-after': '5' }),
            messages([text(1, 'a'), text(2, 'b')]),
            messages([]),
          ],
        },
        { pollTimeout: 1000 },
        {},
        scheduler,
      );
      const started = startVirtual(transport, scheduler);
      const t0 = scheduler.now();
      const signals = receiveFor(started.body.session, scheduler, 20000);
      const polls = platform.requests.map((r, i) => ({ r, t: platform.times[i] - t0 })).filter(({ r }) => r.url.includes('/messages?'));
      // each poll takes 100 ms; failures grow the gap 1000 → 1200 → 1440; the 429 is not counted but its Retry-After (5 s) wins
      expect(polls.slice(0, 6).map((p) => p.t)).toEqual([0, 1100, 2400, 3940, 9040, 10140]);
      expect(polls.slice(0, 6).map((p) => queryOf(p.r).index)).toEqual([undefined, undefined, '1-0', '1-0', '1-0', undefined]);
      expect(signals.filter((s) => s.type === 'health').map((s) => (s as { verdict: string }).verdict).slice(0, 6)).toEqual([
        'ok', 'serverError', 'networkDown', 'serverError', 'ok', 'ok',
      ]);
      expect(batches(signals)).toEqual([['a'], ['a', 'b']]);
    });

    it('treats the index as opaque (wire §7): odd shapes and a bare number keep the server’s order through the pipeline, and the resume sends the last new one raw', () => {
      const scheduler = virtual();
      const bare: NexusMessage = { index: 12, type: 'Text', text: 'c', utcTime: 1012, from: kim };
      const { transport, platform } = setup(
        {
          polls: [
            messages([text('9-0', 'a'), text('10-0', 'b'), bare, text('7-2', 'd')]),
            httpJson(503, undefined),
            // The resume repeats the last message; "1-10" and "11-0" are two messages (the shipped replace("-", "") gives 110 for both).
            messages([text('7-2', 'd'), text('1-10', 'e'), text('11-0', 'f')]),
            httpJson(503, undefined),
            messages([]),
          ],
        },
        { pollTimeout: 1000 },
        {},
        scheduler,
      );
      const started = startVirtual(transport, scheduler);
      const signals = receiveFor(started.body.session, scheduler, 6000);
      const polls = platform.requests.filter((r) => r.url.includes('/messages?'));
      expect(polls.slice(0, 5).map((r) => queryOf(r).index)).toEqual([undefined, undefined, '7-2', undefined, '11-0']);
      const delivered = signals.filter((s): s is Extract<ReceiveSignal, { type: 'batch' }> => s.type === 'batch').map((s) => s.batch);
      expect(delivered.map((b) => b.items.map((i) => i.key))).toEqual([['9-0', '10-0', '12', '7-2'], ['7-2', '1-10', '11-0']]);
      const context: PipelineContext = { seen: new Set(), prefilters: () => [], preprocessors: () => [], logger: platform.logger };
      const published = delivered.map((b) => processBatch(b, context).messages.map((m) => m.text));
      expect(published).toEqual([['a', 'b', 'c', 'd'], ['e', 'f']]);
    });

    it('carries the v3 error of a poll failure naming a code on its health signal, once per run of that failure (wire §9)', () => {
      const scheduler = virtual();
      const busy = httpJson(503, { status: { code: 'SERVICE_UNAVAILABLE', message: 'try later' } });
      const odd = httpJson(200, { status: { code: 'STRANGE', message: 'hm' } });
      const limited = httpJson(429, { status: { code: 'TOO_MANY', message: 'slow down' } });
      const { transport } = setup(
        { polls: [busy, busy, httpJson(0, undefined), busy, odd, busy, limited, messages([]), busy, httpJson(500, undefined)] },
        { pollTimeout: 100 },
        {},
        scheduler,
      );
      const started = startVirtual(transport, scheduler);
      const health = receiveFor(started.body.session, scheduler, 20000).filter((s): s is Extract<ReceiveSignal, { type: 'health' }> => s.type === 'health');
      const v3 = (reply: HttpResponse, code: string, text: string) => ({ errors: [{ code: `pureengage-v3-rest-${code}`, text, response: reply.json }] });
      // A repeat while backing off (also across a network failure) says nothing new; another code does;
      // a 429 is no error; a good poll re-arms; a failure without a Nexus code is no v3 error.
      expect(health.slice(0, 10).map((s) => [s.verdict, s.error])).toEqual([
        ['serverError', v3(busy, 'SERVICE_UNAVAILABLE', 'try later')],
        ['serverError', undefined],
        ['networkDown', undefined],
        ['serverError', undefined],
        ['refused', v3(odd, 'STRANGE', 'hm')],
        ['serverError', v3(busy, 'SERVICE_UNAVAILABLE', 'try later')],
        ['serverError', undefined],
        ['ok', undefined],
        ['serverError', v3(busy, 'SERVICE_UNAVAILABLE', 'try later')],
        ['serverError', undefined],
      ]);
      expect(health.slice(10).every((s) => s.verdict === 'ok' && !('error' in s))).toBe(true);
    });

    it('emits the last batch then ended on chatEnded, and stops polling', async () => {
      const scheduler = virtual();
      const { transport, platform } = setup({ polls: [messages([text(3, 'bye')], true)] }, {}, {}, scheduler);
      const session = await start(transport);
      const signals = receiveFor(session, scheduler, 20000);
      expect(signals.map((s) => s.type)).toEqual(['polling', 'health', 'batch', 'ended']);
      expect(platform.requests.filter((r) => r.url.includes('/messages?'))).toHaveLength(1);
    });

    it('turns INVALID_SESSION into sessionLost with the v3 error, clears the keys and stops', async () => {
      const scheduler = virtual();
      const { transport, store } = setup({ polls: [invalidSession] }, {}, {}, scheduler);
      const session = await start(transport);
      const signals = receiveFor(session, scheduler, 20000);
      expect(signals).toEqual([
        { type: 'polling', active: true },
        { type: 'health', verdict: 'sessionLost' },
        {
          type: 'sessionLost',
          response: invalidSession.json,
          error: { errors: [{ code: 'pureengage-v3-rest-INVALID_SESSION', text: 'Session not found', response: invalidSession.json }] },
        },
      ]);
      expect(store.get('pureengage-v3-rest.keys')).toBeNull();
      expect(transport.persisted().exists).toBe(false);
    });

    it('inlines content images as data: URLs fetched with the session headers, keeping the url when the fetch fails', async () => {
      const scheduler = virtual();
      const png = new Blob([Uint8Array.from([137, 80, 78, 71])], { type: 'image/png' });
      const { transport, platform } = setup(
        {
          polls: [
            messages([
              { ...text(1, 'label'), content: [{ type: 'image', mime: 'image/png', url: '/sessions/sess-1/images/img-1' }] },
              { ...text(2, 'broken'), content: [{ type: 'image', mime: 'image/png', url: '/sessions/sess-1/images/missing' }] },
            ]),
          ],
          other: (r) =>
            r.url.endsWith('/img-1') ? { status: 200, statusText: 'OK', json: undefined, blob: png, headers: {} } : r.url.endsWith('/missing') ? httpJson(404, undefined) : undefined,
        },
        {},
        {},
        scheduler,
      );
      const session = await start(transport);
      const signals: ReceiveSignal[] = [];
      const subscription = session.receive(new Subject()).subscribe((s) => signals.push(s));
      await new Promise((resolve) => setImmediate(resolve));
      subscription.unsubscribe();
      const items = signals.find((s): s is Extract<ReceiveSignal, { type: 'batch' }> => s.type === 'batch')?.batch.items ?? [];
      expect(items.map((i) => i.message.content)).toEqual([
        [{ type: 'image', mime: 'image/png', url: 'data:image/png;base64,iVBORw==' }],
        [{ type: 'image', mime: 'image/png', url: '/sessions/sess-1/images/missing' }],
      ]);
      const imageRequest = platform.requests.find((r) => r.url.endsWith('/img-1'));
      expect(imageRequest).toMatchObject({ url: 'https://host/nexus/v3/chat/sessions/sess-1/images/img-1', headers: { 'x-api-key': 'K', 'x-nexus-client-key': token1 } });
    });
  });

  describe('cross-tab poll guard (wire §10, contract §11.2)', () => {
    const pending = '_genesys.widgets.chatPollPending';

    /** Nexus over the virtual clock in run mode: start (10 ms), then receive; `probe` records the stamp at the given frames. */
    function guarded(scheduler: TestScheduler, probes: number[]) {
      const { transport, platform } = setup({ latency: 10 }, { pollTimeout: 100 }, { ajaxTimeout: 1000 }, scheduler);
      const seen: Record<number, string | null | undefined> = {};
      for (const at of probes) scheduler.schedule(() => (seen[at] = platform.storage.get(pending)), at);
      const signals$ = (control$: Observable<ReceiveControl> = new Subject<ReceiveControl>()) =>
        transport.start({ form: {}, userData: {}, interactionData: {} }).pipe(switchMap((o) => (o.ok ? o.body.session.receive(control$) : EMPTY)));
      const polledAt = () => platform.requests.map((r, i) => [r, platform.times[i]] as const).filter(([r]) => r.url.includes('/messages?')).map(([, t]) => t);
      return { platform, seen, signals$, polledAt };
    }
    // r: the poll's answer as any request's (`response`, after its ajaxResponse), then h: the poll's own health.
    const marks = { a: { type: 'polling', active: true }, r: { type: 'response', verdict: 'ok' }, h: { type: 'health', verdict: 'ok' } };

    it('skips a turn while another tab’s stamp is younger than ajaxTimeout (a stale one is ignored), stamps its own poll and removes the stamp when the poll ends', () => {
      const scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
      scheduler.run(({ expectObservable, flush }) => {
        const { platform, seen, signals$, polledAt } = guarded(scheduler, [115, 125, 200, 325, 335]);
        // Another tab polled 950 ms before: at 10 (age 960) this tab skips; at 110 (1060) the stamp is stale.
        platform.storage.set(pending, '-950');
        // A second tab polls from 150 to 250: the turn at 220 is skipped, the one at 320 polls.
        scheduler.schedule(() => platform.storage.set(pending, '150'), 150);
        scheduler.schedule(() => platform.storage.remove(pending), 250);
        expectObservable(signals$(), '^ 399ms !').toBe('10ms a 109ms (rh) 206ms (rh)', marks);
        flush();
        expect(polledAt()).toEqual([110, 320]);
        expect(seen).toEqual({ 115: '110', 125: null, 200: '150', 325: '320', 335: null });
      });
    });

    it('keeps the stamp in crossTabStorage (localStorage in a browser) when the platform has one, not in the session storage', () => {
      const scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
      scheduler.run(({ flush }) => {
        const { platform, polledAt, signals$ } = guarded(scheduler, []);
        const shared = memoryStorage();
        platform.crossTabStorage = shared;
        shared.set(pending, '-950');
        const seen: Array<[string | null | undefined, string | null | undefined]> = [];
        scheduler.schedule(() => seen.push([shared.get(pending), platform.storage.get(pending)]), 115);
        const subscription = signals$().subscribe();
        scheduler.schedule(() => subscription.unsubscribe(), 200);
        flush();
        // Another tab's stamp (-950) held the turn at 10 (age 960 < 1000); this tab's own poll at 110 stamped the shared storage only.
        expect(polledAt()[0]).toBe(110);
        expect(seen).toEqual([['110', null]]);
      });
    });

    it('removes its stamp when the poll is aborted, and answers a poll command with busy while another tab polls', () => {
      const scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
      scheduler.run(({ expectObservable, hot, flush }) => {
        const { platform, seen, signals$, polledAt } = guarded(scheduler, [15, 17, 125]);
        const replies: Array<[number, unknown]> = [];
        const reply = (outcome: unknown) => replies.push([scheduler.now(), outcome]);
        scheduler.schedule(() => platform.storage.set(pending, '120'), 120);
        const control$ = hot<ReceiveControl>('----------------s 113ms p', { s: { type: 'stop' }, p: { type: 'pollNow', reply } });
        expectObservable(signals$(control$), '^ 199ms !').toBe('10ms a 5ms b', { ...marks, b: { type: 'polling', active: false } });
        flush();
        // The first poll (10..20) is cut at 16 by stop: its stamp goes with it.
        expect(polledAt()).toEqual([10]);
        expect(seen).toEqual({ 15: '10', 17: null, 125: '120' });
        expect(replies).toEqual([[130, 'busy']]);
      });
    });
  });

  describe('session commands', () => {
    it('sends text, typing with the preview, userData, and ends with DELETE', async () => {
      const { transport, platform } = setup({});
      const session = await start(transport);
      await expect(firstValueFrom(session.sendMessage({ message: 'Where is my parcel?' }))).resolves.toMatchObject({ ok: true });
      await firstValueFrom(session.typing(true, 'Hel'));
      await firstValueFrom(session.typing(false, 'Hello'));
      await firstValueFrom(session.updateUserData!({ orderId: 'A-991' }));
      await expect(firstValueFrom(session.end())).resolves.toEqual({ ok: true, body: { data: {} }, verdict: 'ok' });
      const [, send, typingOn, typingOff, userData, end] = platform.requests;
      expect(formOf(send)).toMatchObject({ 'data[type]': 'Text', 'data[text]': 'Where is my parcel?' });
      expect(formOf(typingOn)).toMatchObject({ 'data[type]': 'TypingStarted', 'data[text]': 'Hel' });
      expect(formOf(typingOff)).toMatchObject({ 'data[type]': 'TypingStopped', 'data[text]': 'Hello' });
      expect(userData).toMatchObject({ method: 'PUT', url: `${base}/sess-1/userdata` });
      expect(formOf(userData)).toMatchObject({ 'data[orderId]': 'A-991' });
      expect(end).toMatchObject({ method: 'DELETE', url: `${base}/sess-1/participants/P1` });
      for (const request of platform.requests.slice(1)) expect(request.headers?.['x-nexus-client-key']).toBe(token1);
    });

    it.each([
      ['top-level chatEnded: 1 (shipped client)', { chatEnded: 1 }],
      ['data.chatEnded: true', { data: { chatEnded: true } }],
    ])('ends the session when a send reply has %s', async (_, body) => {
      const scheduler = virtual();
      const { transport } = setup({ other: (r) => (r.method === 'POST' && r.url.endsWith('/messages') ? httpJson(200, body) : undefined) }, {}, {}, scheduler);
      const session = await start(transport);
      const signals: ReceiveSignal[] = [];
      session.receive(new Subject()).subscribe((s) => signals.push(s));
      await firstValueFrom(session.sendMessage({ message: 'x' }));
      expect(signals.map((s) => s.type)).toContain('ended');
    });

    it('makes INVALID_SESSION on a send a sessionLost on receive, and rejects the send', async () => {
      const scheduler = virtual();
      const { transport } = setup({ other: (r) => (r.method === 'POST' && r.url.endsWith('/messages') ? invalidSession : undefined) }, {}, {}, scheduler);
      const session = await start(transport);
      const signals: ReceiveSignal[] = [];
      session.receive(new Subject()).subscribe((s) => signals.push(s));
      const outcome = await firstValueFrom(session.sendMessage({ message: 'x' }));
      expect(outcome).toMatchObject({ ok: false, verdict: 'sessionLost' });
      expect(signals.filter((s) => s.type === 'sessionLost')).toHaveLength(1);
    });

    describe('a send without a Nexus answer is settled from the transcript, never resent (contract §6.4, §13.4)', () => {
      const mine = (index: number, body: string) => text(index, body, jane);
      const timedOut: HttpResponse = { status: 0, statusText: 'timeout', json: undefined, headers: {} };

      /** Start, one poll (`first`), stop the loop, then send `message` answered by `sendReply`; later GETs answer `reads`. */
      function sendUnknown(message: string, sendReply: HttpResponse, first: NexusMessage[], reads: HttpResponse[]) {
        const scheduler = virtual();
        const { transport, platform } = setup(
          { polls: [messages(first), ...reads], other: (r) => (r.method === 'POST' && r.url.endsWith('/messages') ? sendReply : undefined) },
          {},
          {},
          scheduler,
        );
        const started = startVirtual(transport, scheduler);
        const control$ = new Subject<ReceiveControl>();
        const signals: ReceiveSignal[] = [];
        started.body.session.receive(control$).subscribe((s) => signals.push(s));
        control$.next({ type: 'stop' });
        const sentAt = scheduler.now();
        const outcomes: unknown[] = [];
        started.body.session.sendMessage({ message }).subscribe((o) => outcomes.push(o));
        scheduler.flush();
        const after = platform.requests.map((r, i) => ({ r, t: platform.times[i] - sentAt })).slice(platform.requests.findIndex((r) => r.method === 'POST' && r.url.endsWith('/messages')));
        return { outcomes, signals, sends: after.filter(({ r }) => r.method === 'POST').length, reads: after.filter(({ r }) => r.method === 'GET') };
      }

      it('resolves when a read from the index before the send holds the customer’s message; its messages reach receive (after a timeout, the read waits ajaxTimeout)', () => {
        const read = messages([text(1, 'hello'), mine(2, 'Where is my parcel?')]);
        const { outcomes, signals, sends, reads } = sendUnknown('Where is my parcel?', timedOut, [text(1, 'hello')], [read]);
        expect(outcomes).toEqual([{ ok: true, verdict: 'ok', body: read.json }]);
        expect(sends).toBe(1);
        expect(reads.map(({ r, t }) => [queryOf(r).index, t])).toEqual([['1-0', 9000]]);
        expect(batches(signals)).toEqual([['hello'], ['hello', 'Where is my parcel?']]);
      });

      it('rejects MessageNotDelivered when the read does not hold it (an earlier identical message is not this send)', () => {
        const { outcomes, sends, reads } = sendUnknown('again', httpJson(503, undefined), [mine(1, 'again')], [messages([mine(1, 'again')])]);
        expect(outcomes).toEqual([{ ok: false, verdict: 'serverError', failure: { status: 503, statusText: 'error', errorReason: 'MessageNotDelivered' } }]);
        expect(sends).toBe(1);
        expect(reads.map(({ t }) => t)).toEqual([0]);
      });

      /** Two sends of `message`: the first answered 200 (its message not polled yet), the second 503; later GETs answer `reads`. */
      function sendTwice(message: string, reads: HttpResponse[]) {
        const scheduler = virtual();
        const replies = [httpJson(200, { data: { chatEnded: false } }), httpJson(503, undefined)];
        const { transport } = setup({ polls: [messages([text(1, 'hello')]), ...reads], other: (r) => (r.method === 'POST' && r.url.endsWith('/messages') ? replies.shift() : undefined) }, {}, {}, scheduler);
        const started = startVirtual(transport, scheduler);
        const control$ = new Subject<ReceiveControl>();
        started.body.session.receive(control$).subscribe();
        control$.next({ type: 'stop' });
        const outcomes: Array<{ ok: boolean; errorReason?: unknown }> = [];
        const record = (o: Outcome) => outcomes.push(o.ok ? { ok: true } : { ok: false, errorReason: o.failure.errorReason });
        started.body.session.sendMessage({ message }).subscribe(record);
        started.body.session.sendMessage({ message }).subscribe(record);
        scheduler.flush();
        return outcomes;
      }

      it('an earlier send of the same text, answered but not polled yet, is not taken for this one', () => {
        expect(sendTwice('yes', [messages([text(1, 'hello'), mine(2, 'yes')])])).toEqual([{ ok: true }, { ok: false, errorReason: 'MessageNotDelivered' }]);
        expect(sendTwice('yes', [messages([text(1, 'hello'), mine(2, 'yes'), mine(3, 'yes')])])).toEqual([{ ok: true }, { ok: true }]);
      });

      it('pauses the poll loop around the read: a poll in flight is aborted (both move the server cursor), later polls name their index', () => {
        const scheduler = virtual();
        const { transport, platform } = setup(
          {
            latency: 10,
            polls: [messages([text(1, 'hello')]), messages([text(1, 'hello'), mine(2, 'x')]), messages([mine(2, 'x')])],
            other: (r) => (r.method === 'POST' && r.url.endsWith('/messages') ? httpJson(503, undefined) : undefined),
          },
          { pollTimeout: 100 },
          {},
          scheduler,
        );
        const started = startVirtual(transport, scheduler);
        const signals: ReceiveSignal[] = [];
        const outcomes: Outcome[] = [];
        const subscription = started.body.session.receive(new Subject<ReceiveControl>()).subscribe((s) => signals.push(s));
        // Polls: 10..20, then 120..130; the send at 112 is refused at 122, so its read starts while that poll is on the wire.
        scheduler.schedule(() => started.body.session.sendMessage({ message: 'x' }).subscribe((o) => outcomes.push(o)), 112 - scheduler.now());
        scheduler.schedule(() => subscription.unsubscribe(), 260 - scheduler.now());
        scheduler.flush();
        const gets = platform.requests.map((r, i) => [r, platform.times[i]] as const).filter(([r]) => r.method === 'GET').map(([r, t]) => [t, queryOf(r).index ?? null]);
        // The aborted poll may still reach the server and move its cursor: every later poll names its index.
        expect(gets).toEqual([[10, null], [120, null], [122, '1-0'], [132, '2-0'], [242, '2-0']]);
        expect(outcomes).toMatchObject([{ ok: true }]);
        expect(batches(signals)).toEqual([['hello'], ['hello', 'x'], ['x']]);
      });

      it('rejects MessageDeliveryUnknown when the transcript cannot be read three times (backing off from pollTimeout)', () => {
        const down = httpJson(0, undefined);
        const { outcomes, sends, reads } = sendUnknown('lost?', down, [text(1, 'hello')], [down, down, down]);
        expect(outcomes).toEqual([{ ok: false, verdict: 'networkDown', failure: { status: 0, statusText: 'error', errorReason: 'MessageDeliveryUnknown' } }]);
        expect(sends).toBe(1);
        // backoff with random 0.5: 3000 × 0.75, then 6000 × 0.75
        expect(reads.map(({ t }) => t)).toEqual([0, 2250, 6750]);
      });

      it('does not read when Nexus answered (a refusal naming a code)', () => {
        const refused = httpJson(400, { status: { code: 'INVALID_MESSAGE', message: 'no' } });
        const { outcomes, reads } = sendUnknown('bad', refused, [text(1, 'hello')], []);
        expect(outcomes).toMatchObject([{ ok: false, verdict: 'refused', failure: { status: 400, errors: [{ code: 'pureengage-v3-rest-INVALID_MESSAGE' }] } }]);
        expect(reads).toEqual([]);
      });
    });

    it('does not call a 404 on the end request a loss', async () => {
      const scheduler = virtual();
      const { transport } = setup({ other: (r) => (r.method === 'DELETE' ? invalidSession : undefined) }, {}, {}, scheduler);
      const session = await start(transport);
      const signals: ReceiveSignal[] = [];
      session.receive(new Subject()).subscribe((s) => signals.push(s));
      await firstValueFrom(session.end());
      expect(signals.map((s) => s.type)).not.toContain('sessionLost');
    });

    it('uploads an image and rejects a refused one with the server code', async () => {
      const refused = httpJson(400, { status: { code: 'INVALID_FILE_TYPE', message: 'only images' } });
      const { transport, platform } = setup({ other: (r) => (r.url.endsWith('/images') ? (formOf(r) && r.body?.kind === 'multipart' && (r.body.files[0].fileName === 'a.txt') ? refused : httpJson(200, { data: { id: 'img-2' } })) : undefined) });
      const session = await start(transport);
      await expect(firstValueFrom(session.sendFile!(new Blob(['x']), 'a.png'))).resolves.toMatchObject({ ok: true, body: { data: { id: 'img-2' } } });
      const failed = await firstValueFrom(session.sendFile!(new Blob(['x']), 'a.txt'));
      expect(failed).toMatchObject({ ok: false, verdict: 'refused', failure: { status: 400, errors: [{ code: 'pureengage-v3-rest-INVALID_FILE_TYPE' }] } });
      expect(platform.requests.at(-1)?.body).toMatchObject({ kind: 'multipart', files: [{ name: 'file', fileName: 'a.txt' }] });
    });

    it('forgets the sync keys', async () => {
      const { transport, store } = setup({});
      const session = await start(transport);
      session.forget();
      expect(store.get('pureengage-v3-rest.session')).toBeNull();
      expect(transport.persisted().exists).toBe(false);
    });
  });

  describe('sync restore (wire §11.1)', () => {
    const persisted = (store: ReturnType<typeof storeOf>, ping?: number) => {
      store.set('pureengage-v3-rest.session', 'sess-1');
      store.set('pureengage-v3-rest.keys', token1);
      store.set('pureengage-v3-rest.index', '2-0');
      if (ping !== undefined) store.set('pureengage-v3-rest.ping', String(ping));
    };

    it('is none without keys', async () => {
      await expect(firstValueFrom(setup({}).transport.restore({}))).resolves.toEqual({ kind: 'none' });
    });

    it('times out (keys cleared, no request) when the last contact is older than restoreTimeout', async () => {
      const { transport, store, platform } = setup({});
      persisted(store, platform.now() - 60000);
      expect(transport.persisted()).toEqual({ exists: true, fresh: false });
      await expect(firstValueFrom(transport.restore({}))).resolves.toEqual({ kind: 'timeout' });
      expect(platform.requests).toHaveLength(0);
      expect(store.get('pureengage-v3-rest.keys')).toBeNull();
    });

    it('replays the whole transcript with count=10000 flagged restoring, then polls from the last index', async () => {
      const scheduler = virtual();
      const { transport, store, platform } = setup({ polls: [messages([text(1, 'a'), text(2, 'b')])] }, {}, {}, scheduler);
      persisted(store, platform.now());
      const outcome = (await firstValueFrom(transport.restore({}))) as Extract<RestoreOutcome, { kind: 'restored' }>;
      expect(outcome).toMatchObject({ kind: 'restored', async: false, batch: { restoring: true } });
      expect(outcome.batch?.items.map((i) => [i.key, i.message.restoring])).toEqual([['1-0', true], ['2-0', true]]);
      expect(queryOf(platform.requests[0])).toMatchObject({ count: '10000' });
      expect(platform.requests[0].headers?.['x-nexus-client-key']).toBe(token1);
      receiveFor(outcome.session, scheduler, 10);
      expect(queryOf(platform.requests[1])).toMatchObject({ index: '2-0' });
    });

    it('fails and clears the keys on INVALID_SESSION (no sessionLost: nothing was active)', async () => {
      const { transport, store, platform } = setup({ polls: [invalidSession] });
      persisted(store, platform.now());
      const outcome = await firstValueFrom(transport.restore({}));
      expect(outcome).toMatchObject({ kind: 'failed', failure: { status: 404 } });
      expect(outcome).not.toHaveProperty('sessionLost');
      expect(store.get('pureengage-v3-rest.keys')).toBeNull();
    });

    it('fails but keeps the keys on a network failure', async () => {
      const { transport, store, platform } = setup({ polls: [httpJson(0, undefined)] });
      persisted(store, platform.now());
      await expect(firstValueFrom(transport.restore({}))).resolves.toMatchObject({ kind: 'failed', failure: { status: 0 } });
      expect(store.get('pureengage-v3-rest.keys')).toBe(token1);
    });
  });

  describe('async mode (contract §14.5, wire §11.2)', () => {
    function asyncSetup(stored: unknown, script: Script = {}, scheduler?: TestScheduler) {
      const calls = { get: [] as unknown[], set: [] as unknown[], del: [] as unknown[] };
      const async = {
        enabled: true,
        getSessionData: (data: unknown, cookie: unknown, options: unknown) => void calls.get.push([data, cookie, options]),
        setSessionData: (open: boolean) => (calls.set.push(open), stored),
        deleteSessionData: (lost: unknown) => void calls.del.push(lost),
      };
      return { ...setup(script, { async, maxMessagePageSize: 16 }, {}, scheduler), calls };
    }
    const token2 = fakeToken({ ...ids, transportId: 'tr-2' });

    it('hands {messageIndex: null, token} to getSessionData after start, and persists no cookie keys', async () => {
      const { transport, calls, store } = asyncSetup(undefined);
      await start(transport);
      expect(calls.get).toEqual([[{ messageIndex: null, token: token1 }, store.cookie, store.cookieOptions]]);
      expect(store.get('pureengage-v3-rest.keys')).toBeNull();
      expect(transport.persisted().exists).toBe(false);
    });

    it('calls getSessionData with the last raw index after every delivered batch', async () => {
      const scheduler = virtual();
      const { transport, calls } = asyncSetup(undefined, { polls: [messages([text(1, 'a'), text(2, 'b')])] }, scheduler);
      const session = await start(transport);
      receiveFor(session, scheduler, 10);
      expect(calls.get.at(-1)).toEqual([{ messageIndex: '2-0', token: token1 }, expect.anything(), expect.anything()]);
    });

    it('does not call getSessionData for polls that bring nothing', () => {
      const scheduler = virtual();
      const { transport, calls } = asyncSetup(undefined, { polls: [messages([]), messages([])] }, scheduler);
      const outcomes: StartOutcome[] = [];
      transport.start({ form: {}, userData: {}, interactionData: {} }).subscribe((o) => outcomes.push(o));
      if (!outcomes[0].ok) throw new Error('no start');
      receiveFor(outcomes[0].body.session, scheduler, 7000);
      expect(calls.get).toHaveLength(1);
    });

    it('restores: setSessionData token → create with x-nexus-client-key → count=maxMessagePageSize → restored {async: true}', async () => {
      const { transport, calls, platform } = asyncSetup(JSON.stringify({ token: token1, messageIndex: '3-0' }), {
        create: () => created(token2),
        polls: [messages([text(2, 'b'), text(3, 'c')])],
      });
      const outcome = await firstValueFrom(transport.restore({ async: true }));
      expect(outcome).toMatchObject({ kind: 'restored', async: true, batch: { restoring: true } });
      expect(calls.set).toEqual([false]);
      expect(platform.requests[0]).toMatchObject({ method: 'POST', url: base, headers: { 'x-api-key': 'K', 'x-nexus-client-key': token1 } });
      expect(formOf(platform.requests[0])).toMatchObject({ 'data[endpoint]': 'EP' });
      expect(platform.requests[1].headers?.['x-nexus-client-key']).toBe(token2);
      expect(queryOf(platform.requests[1])).toMatchObject({ count: '16' });
      expect((outcome as Extract<RestoreOutcome, { kind: 'restored' }>).session.sessionData()).toEqual({ ...ids, transportId: 'tr-2', token: token2 });
      expect(calls.get.at(-1)).toEqual([{ messageIndex: '3-0', token: token2 }, expect.anything(), expect.anything()]);
    });

    it('restores with restore({sessionData}) without asking setSessionData', async () => {
      const { transport, calls, platform } = asyncSetup(undefined, { create: () => created(token2) });
      await expect(firstValueFrom(transport.restore({ sessionData: token1 }))).resolves.toMatchObject({ kind: 'restored' });
      expect(calls.set).toEqual([]);
      expect(platform.requests[0].headers?.['x-nexus-client-key']).toBe(token1);
    });

    it('is none when nothing is stored', async () => {
      const { transport, platform } = asyncSetup(null);
      await expect(firstValueFrom(transport.restore({ async: true }))).resolves.toEqual({ kind: 'none' });
      expect(platform.requests).toHaveLength(0);
    });

    it('on 401 during the restore: deleteSessionData, then failed with sessionLost', async () => {
      const rejected = httpJson(401, { status: { code: 'INVALID_SESSION', message: 'unknown token' } });
      const { transport, calls } = asyncSetup({ token: token1 }, { create: () => rejected });
      const outcome = await firstValueFrom(transport.restore({ async: true }));
      expect(outcome).toMatchObject({
        kind: 'failed',
        failure: { status: 401 },
        sessionLost: { response: rejected.json, error: { errors: [{ code: 'pureengage-v3-rest-INVALID_SESSION' }] } },
      });
      expect(calls.del).toEqual([{ sessionData: { ...ids, token: token1 }, response: rejected.json }]);
    });

    it('on a lost session while polling: deleteSessionData once, sessionLost', async () => {
      const scheduler = virtual();
      const { transport, calls } = asyncSetup(undefined, { polls: [invalidSession] }, scheduler);
      const session = await start(transport);
      const signals = receiveFor(session, scheduler, 100);
      session.forget();
      expect(signals.map((s) => s.type)).toContain('sessionLost');
      expect(calls.del).toEqual([{ sessionData: { ...ids, token: token1 }, response: invalidSession.json }]);
    });

    it('startChat with a stored token the server no longer knows: deleteSessionData, then a fresh create', async () => {
      let creates = 0;
      const { transport, calls, platform } = asyncSetup({ token: token2 }, {
        create: (r) => (creates++, r.headers?.['x-nexus-client-key'] ? httpJson(401, { status: { code: 'INVALID_SESSION' } }) : created()),
      });
      const session = await start(transport);
      expect(creates).toBe(2);
      expect(platform.requests[1].headers).not.toHaveProperty('x-nexus-client-key');
      expect(calls.del).toHaveLength(1);
      expect(session.sessionData()).toMatchObject({ token: token1 });
    });

    describe('fetchHistory (wire §11.3)', () => {
      async function restoredWith(pages: HttpResponse[]) {
        const scheduler = virtual();
        const env = asyncSetup({ token: token1 }, { polls: pages }, scheduler);
        const outcome = (await firstValueFrom(env.transport.restore({ async: true }))) as Extract<RestoreOutcome, { kind: 'restored' }>;
        return { ...env, scheduler, session: outcome.session };
      }

      it('pages older messages ending at the oldest index, dropping that boundary message', async () => {
        const { session, platform } = await restoredWith([messages([text(20, 't'), text(21, 'u')]), messages([text(18, 'r'), text(19, 's'), text(20, 't')])]);
        const outcome = await firstValueFrom(session.fetchHistory!());
        expect(queryOf(platform.requests.at(-1))).toMatchObject({ index: '20-0', count: '16' });
        if (!outcome.ok || 'end' in outcome.body) throw new Error('expected a page');
        expect(outcome.body.batch.oldMessages).toBe(true);
        expect(outcome.body.batch.items.map((i) => i.key)).toEqual(['18-0', '19-0']);
        expect(outcome.body.response).toEqual({ data: { messages: expect.any(Array), chatEnded: false } });
      });

      it('says end when only the boundary message (or nothing) comes back', async () => {
        const { session } = await restoredWith([messages([text(1, 'a')]), messages([text(1, 'a')])]);
        await expect(firstValueFrom(session.fetchHistory!())).resolves.toEqual({ ok: true, body: { end: true }, verdict: 'ok' });
      });

      it('says end when no message was ever seen', async () => {
        const { session, platform } = await restoredWith([messages([])]);
        const before = platform.requests.length;
        await expect(firstValueFrom(session.fetchHistory!())).resolves.toMatchObject({ body: { end: true } });
        expect(platform.requests).toHaveLength(before);
      });

      it('pauses polling around the request and resumes with index=', async () => {
        const { session, platform, scheduler } = await restoredWith([
          messages([text(5, 'e')]),
          messages([text(6, 'f')]),
          messages([text(4, 'd'), text(5, 'e')]),
        ]);
        const t0 = scheduler.now();
        const subscription = session.receive(new Subject()).subscribe();
        const pages: unknown[] = [];
        scheduler.schedule(() => session.fetchHistory!().subscribe((o) => pages.push(o)), 500);
        scheduler.schedule(() => subscription.unsubscribe(), 5000);
        scheduler.flush();
        const after = platform.requests.slice(2).map((r, i) => [platform.times[i + 2] - t0, queryOf(r).index, queryOf(r).count]);
        expect(after).toEqual([
          [0, '5-0', undefined], // the first poll after a restore resumes from the replay's last index
          [500, '5-0', '16'], // history: the page ending at the oldest index seen
          [500, '6-0', undefined], // polling resumes at once, from the last index
          [3500, undefined, undefined],
        ]);
        expect(pages).toHaveLength(1);
      });
    });
  });
});
