import { NEVER, firstValueFrom } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { createGmsTransport } from '../../../lib/transports/gms-v2/createGmsTransport';
import { resolveConfig } from '../../../lib/service/resolveConfig';
import { createSessionStore } from '../../../lib/storage/sessionStore';
import { fakePlatform, httpJson } from '../../../lib/testing/fakePlatform';
import type { HttpRequest } from '../../../lib/platform/platform';
import type { WebChatConfig, MainConfig } from '../../../lib/model/config';

const created = { statusCode: 0, chatId: 'C1', userId: 'U1', secureKey: 'K1', alias: '117', messages: [{ index: 1, type: 'ParticipantJoined', utcTime: 1, from: { nickname: 'Ada', participantId: 1, type: 'Client' } }] };

function setup(webchat: WebChatConfig, main: MainConfig = {}) {
  const resolution = resolveConfig({ dataURL: 'https://gms.example/genesys/2/chat/cs', ...webchat }, main);
  if (!resolution.ok) throw new Error(resolution.rejection);
  const platform = fakePlatform({ http: (r: HttpRequest) => httpJson(200, r.url.endsWith('/cs/') || r.url.endsWith('/cs') ? created : { statusCode: 0, messages: [] }) });
  const store = createSessionStore(platform.storage, { deploymentID: main.deploymentID });
  return { transport: createGmsTransport({ config: resolution.config, platform, store }), platform, store };
}

const fields = (request: HttpRequest) => (request.body?.kind === 'form' ? Object.fromEntries(request.body.fields) : {});
const request = { form: { nickname: 'Ada', firstname: 'Ada', lastname: 'L', email: 'ada@example.com', subject: 'Billing' }, userData: { TimeZone: -480, o: { a: 1 } }, interactionData: {} };

describe('createGmsTransport: what goes on the wire (wire-gms-v2 §1–§3, §6.1)', () => {
  it('posts Request Chat to dataURL/ with the form mapping, empty identity and userData[k]', async () => {
    const { transport, platform } = setup({ endpoint: 'ep' }, { lang: 'fr' });
    const outcome = await firstValueFrom(transport.start(request));
    expect(outcome.ok).toBe(true);
    const [create] = platform.requests;
    expect(create).toMatchObject({ method: 'POST', url: 'https://gms.example/genesys/2/chat/cs/', timeout: 3000, withCredentials: false });
    expect(fields(create)).toEqual({
      nickname: 'Ada', firstName: 'Ada', lastName: 'L', emailAddress: 'ada@example.com', subject: 'Billing', text: '',
      userId: '', secureKey: '', alias: '', endpoint: 'ep',
      'userData[GCTI_LanguageCode]': 'fr', 'userData[TimeZone]': '-480', 'userData[o]': '{"a":1}',
    });
  });

  it('honours enableUrlTrailingSlash: false, apikey, enableCustomHeader and xhrFields', async () => {
    const { transport, platform } = setup(
      { enableUrlTrailingSlash: false, apikey: 'k-123', enableCustomHeader: true, xhrFields: { withCredentials: true }, ajaxTimeout: 5000 },
      { header: { Authorization: 'Bearer abc' } },
    );
    await firstValueFrom(transport.start(request));
    expect(platform.requests[0]).toMatchObject({
      url: 'https://gms.example/genesys/2/chat/cs', headers: { apikey: 'k-123', Authorization: 'Bearer abc' }, withCredentials: true, timeout: 5000,
    });
  });

  it('persists the session under the prefixed keys and sends the identity triple on later calls', async () => {
    const { transport, platform } = setup({}, { deploymentID: 'dep1' });
    const outcome = await firstValueFrom(transport.start(request));
    if (!outcome.ok) throw new Error('start failed');
    const keys = Object.keys((platform.storage as unknown as { dump(): Record<string, string> }).dump());
    expect(keys).toEqual(expect.arrayContaining(['dep1._genesys.widgets.webchat.state.session', 'dep1._genesys.widgets.webchat.state.keys', 'dep1._genesys.widgets.webchat.state.ping']));
    await firstValueFrom(outcome.body.session.sendMessage({ message: 'hi', parentMessageID: 'm-7' }));
    const send = platform.requests[platform.requests.length - 1];
    expect(send.url).toBe('https://gms.example/genesys/2/chat/cs/C1/send');
    expect(fields(send)).toMatchObject({ userId: 'U1', secureKey: 'K1', alias: '117', message: 'hi', messageType: 'text', eventAttributes: '{"general-properties":{"related-event-id":"m-7"}}' });
    outcome.body.session.forget();
    expect(transport.persisted()).toEqual({ exists: false, fresh: false });
  });

  it('refuses a start while another tab holds a fresh start lock (§14.2)', async () => {
    const { transport, store, platform } = setup({});
    store.set('chatStartLock', String(platform.now() - 500));
    await expect(firstValueFrom(transport.start(request))).resolves.toEqual({ ok: false, failure: { statusCode: 1 }, verdict: 'refused' });
    expect(platform.requests).toHaveLength(0);
  });
});

describe('createGmsTransport: a send without a GMS answer (contract §6.4)', () => {
  const yes = (index: number) => ({ index, type: 'Message', utcTime: index, text: 'yes', from: { nickname: 'Ada', participantId: 1, type: 'Client' } });

  /** Starts, then sends 'yes' twice: the first is answered without `nextPosition` (GMS may omit it), the second gets a 503; the transcript read answers `read`. */
  async function sendYesTwice(read: object[]) {
    const resolution = resolveConfig({ dataURL: 'https://gms.example/genesys/2/chat/cs' }, {});
    if (!resolution.ok) throw new Error(resolution.rejection);
    const answers = [httpJson(200, { statusCode: 0, messages: [] }), httpJson(503, undefined)];
    const platform = fakePlatform({
      http: (r: HttpRequest) =>
        r.url.endsWith('/cs/') ? httpJson(200, created) : r.url.endsWith('/send') ? answers.shift()! : httpJson(200, { statusCode: 0, messages: read }),
    });
    const transport = createGmsTransport({ config: resolution.config, platform, store: createSessionStore(platform.storage, {}) });
    const started = await firstValueFrom(transport.start(request));
    if (!started.ok) throw new Error('start failed');
    const first = await firstValueFrom(started.body.session.sendMessage({ message: 'yes' }));
    const second = await firstValueFrom(started.body.session.sendMessage({ message: 'yes' }));
    return [first, second].map((o) => (o.ok ? 'ok' : (o.failure as { errorReason?: string }).errorReason));
  }

  it('does not take the message of an earlier send of the same text, answered but not polled yet, for this one', async () => {
    await expect(sendYesTwice([yes(2)])).resolves.toEqual(['ok', 'MessageNotDelivered']);
  });

  it('finds this send’s message when the transcript holds both', async () => {
    await expect(sendYesTwice([yes(2), yes(3)])).resolves.toEqual(['ok', 'ok']);
  });
});

describe('createGmsTransport: the session owns its poll cadence (contract §11.1)', () => {
  /** The times of the refreshes in 8 s of a session, with a send at `sendAt` (none when undefined). */
  function refreshTimes(sendAt?: number): number[] {
    const scheduler = new TestScheduler((a, b) => expect(a).toEqual(b));
    const times: number[] = [];
    scheduler.run(() => {
      const resolution = resolveConfig({ dataURL: 'https://gms.example/genesys/2/chat/cs', pollRateMin: 500, pollRateMult: 2, pollRateMax: 3000 });
      if (!resolution.ok) throw new Error(resolution.rejection);
      const platform = fakePlatform({
        scheduler,
        http: (r: HttpRequest) => {
          if (r.url.endsWith('/refresh')) times.push(scheduler.now());
          return httpJson(200, r.url.endsWith('/cs/') ? created : { statusCode: 0, messages: [] });
        },
      });
      const transport = createGmsTransport({ config: resolution.config, platform, store: createSessionStore(platform.storage, {}) });
      transport.start(request).subscribe((outcome) => {
        if (!outcome.ok) throw new Error('start failed');
        const { session } = outcome.body;
        const receiving = session.receive(NEVER).subscribe();
        if (sendAt !== undefined) scheduler.schedule(() => void session.sendMessage({ message: 'hi' }).subscribe(), sendAt);
        scheduler.schedule(() => receiving.unsubscribe(), 8000);
      });
    });
    return times;
  }

  it("owns its health: each answered request's verdict follows its body on the receive stream, a poll's own health after it", () => {
    const scheduler = new TestScheduler((a, b) => expect(a).toEqual(b));
    const log: string[] = [];
    scheduler.run(() => {
      const resolution = resolveConfig({ dataURL: 'https://gms.example/genesys/2/chat/cs', pollRateMin: 500 });
      if (!resolution.ok) throw new Error(resolution.rejection);
      const platform = fakePlatform({
        scheduler,
        http: (r: HttpRequest) => httpJson(r.url.endsWith('/send') ? 400 : 200, r.url.endsWith('/cs/') ? created : { statusCode: 0, messages: [] }),
      });
      const transport = createGmsTransport({ config: resolution.config, platform, store: createSessionStore(platform.storage, {}) });
      transport.responses$.subscribe((body) => log.push(`body${'secureKey' in body ? '+key' : ''}`));
      transport.start(request).subscribe((outcome) => {
        if (!outcome.ok) throw new Error('start failed');
        const { session } = outcome.body;
        const receiving = session.receive(NEVER).subscribe((signal) => log.push(signal.type === 'response' || signal.type === 'health' ? `${signal.type}:${signal.verdict}` : signal.type));
        scheduler.schedule(() => void session.sendMessage({ message: 'hi' }).subscribe(), 200);
        scheduler.schedule(() => receiving.unsubscribe(), 1000);
      });
    });
    // The start's answer comes before any session; the poll at 0 answers at once (the fake http is synchronous: its
    // signals come before the session's stream listens); the refused send at 200; the next poll: body, response, health.
    expect(log).toEqual(['body', 'polling', 'body', 'body', 'response:refused', 'body', 'response:ok', 'health:ok']);
  });

  it('grows the gap from pollRateMin while nothing is sent', () => {
    expect(refreshTimes()).toEqual([0, 500, 1500, 3500, 6500]);
  });

  it('goes back to pollRateMin after a send, without the engine asking', () => {
    // The send at 4000 re-plans from step 0: 3500 + 500 is due, so a poll at once; the gap grows again from there.
    expect(refreshTimes(4000)).toEqual([0, 500, 1500, 3500, 4000, 5000, 7000]);
  });
});
