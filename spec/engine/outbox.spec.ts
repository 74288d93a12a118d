import { TestScheduler } from 'rxjs/testing';
import { createWebChatService } from '../../lib/createWebChatService';
import { fakeTransport } from '../../lib/testing/fakeTransport';
import type { FakeTransport } from '../../lib/testing/fakeTransport';
import { memoryStorage } from '../../lib/storage/memoryStorage';
import type { WebChatConfig } from '../../lib/model/config';
import { OutboxRejections, sendQueueTimedOut } from '../../lib/model/outbox';
import type { WebChatService } from '../../lib/service/WebChatService';
import type { Verdict } from '../../lib/transports/transport';

type Tools = { chat: WebChatService; transport: FakeTransport; storage: ReturnType<typeof memoryStorage> };
type Script = (at: (ms: number, act: () => void) => void, page: (storage?: ReturnType<typeof memoryStorage>) => Tools, log: (line: string) => void) => void;

/** Runs `script` in virtual time; `page()` opens a service over the fake transport (a second call: the next page, same storage). */
function run(config: Partial<WebChatConfig>, script: Script, until = 400000): string[] {
  const scheduler = new TestScheduler((a, b) => expect(a).toEqual(b));
  const lines: string[] = [];
  const pages: Tools[] = [];
  scheduler.run(() => {
    const log = (line: string) => lines.push(`${scheduler.now()} ${line}`);
    const page = (storage = memoryStorage()): Tools => {
      const transport = fakeTransport();
      const chat = createWebChatService({ dataURL: 'https://gms.example/genesys/2/chat/x', sendQueueTimeout: 60000, ...config }, { transport: transport.factory, storage, scheduler });
      pages.push({ chat, transport, storage });
      return { chat, transport, storage };
    };
    script((ms, act) => void scheduler.schedule(act, ms), page, log);
    scheduler.schedule(() => pages.forEach((p) => p.chat.destroy()), until);
  });
  return lines;
}

const health = (tools: Tools, verdict: Verdict) => tools.transport.signals.next({ type: 'health', verdict });
const sent = (tools: Tools) => tools.transport.calls.filter((c) => c.method === 'sendMessage').map((c) => (c.args[0] as { message: string }).message);
const track = (log: (line: string) => void, name: string, call: { subscribe: (o: { next?: (v: unknown) => void; error: (e: unknown) => void }) => unknown }) =>
  call.subscribe({ next: () => log(`${name} ok`), error: (e) => log(`${name} rejected ${typeof e === 'string' ? e : JSON.stringify(e)}`) });
const statuses = (tools: Tools) => tools.chat.state.outbox.map((e) => `${e.text}:${e.status}${e.failure ? `(${e.failure})` : ''}`).join(' ');

describe('the outbox in virtual time (issue 14)', () => {
  it('online: a send goes at once, shows sending then sent, leaves the outbox and resolves (the transport resets its own cadence, issue 11)', () => {
    const seen: string[] = [];
    const lines = run({}, (at, page, log) => {
      const tools = page();
      tools.chat.outbox$.subscribe((o) => seen.push(o.map((e) => `${e.text}:${e.status}`).join(' ')));
      at(0, () => tools.chat.startChat({ nickname: 'Ada' }).subscribe());
      at(10, () => track(log, 'hi', tools.chat.sendMessage({ message: 'hi' })));
      at(20, () => log(`sent ${sent(tools).join(',')}`));
    });
    expect(lines).toEqual(['10 hi ok', '20 sent hi']);
    expect(seen).toEqual(['', 'hi:queued', 'hi:sending', 'hi:sent', '']);
  });

  it('disconnected: sends are queued, not sent; after reconnected they go once each, in order, and only then resolve', () => {
    const lines = run({}, (at, page, log) => {
      const tools = page();
      at(0, () => tools.chat.startChat({ nickname: 'Ada' }).subscribe());
      at(10, () => health(tools, 'networkDown'));
      at(20, () => ['one', 'two', 'three'].forEach((m) => track(log, m, tools.chat.sendMessage({ message: m }))));
      at(30, () => log(`sent [${sent(tools)}] ${statuses(tools)}`));
      at(5000, () => health(tools, 'ok'));
      at(5010, () => log(`sent [${sent(tools)}] outbox [${statuses(tools)}]`));
    });
    expect(lines).toEqual(['30 sent [] one:queued two:queued three:queued', '5000 one ok', '5000 two ok', '5000 three ok', '5010 sent [one,two,three] outbox []']);
  });

  it('chatServerWentOffline (serverOffline) queues too, until connectionRestored', () => {
    const lines = run({ pollExceptionLimit: 1 }, (at, page, log) => {
      const tools = page();
      at(0, () => tools.chat.startChat({ nickname: 'Ada' }).subscribe());
      at(10, () => [1, 2].forEach(() => health(tools, 'serverBusy')));
      at(20, () => track(log, 'wait', tools.chat.sendMessage({ message: 'wait' })));
      at(30, () => log(`${tools.chat.state.connectionState} sent [${sent(tools)}]`));
      at(40, () => health(tools, 'ok'));
    });
    expect(lines).toEqual(['30 serverOffline sent []', '40 wait ok']);
  });

  it('a server failing before the first send holds that send too (the outbox reads failures from the start, not from its first send)', () => {
    const lines = run({ pollExceptionLimit: 100 }, (at, page, log) => {
      const tools = page();
      at(0, () => tools.chat.startChat({ nickname: 'Ada' }).subscribe());
      at(10, () => health(tools, 'serverError'));
      at(20, () => track(log, 'held', tools.chat.sendMessage({ message: 'held' })));
      at(30, () => log(`${tools.chat.state.connectionState} sent [${sent(tools)}]`));
      at(5000, () => health(tools, 'serverError'));
      at(5010, () => log(`sent [${sent(tools)}]`));
    });
    // The second failure (at 5000) holds again for 10 s from then: the hold lets go at 15000.
    expect(lines).toEqual(['30 online sent []', '5010 sent []', '15000 held ok']);
  });

  it('still queued after sendQueueTimeout: rejects with the documented text, stays failed; retrySend sends it once the connection is back', () => {
    const lines = run({ sendQueueTimeout: 60000 }, (at, page, log) => {
      const tools = page();
      at(0, () => tools.chat.startChat({ nickname: 'Ada' }).subscribe());
      at(10, () => health(tools, 'networkDown'));
      at(100, () => track(log, 'late', tools.chat.sendMessage({ message: 'late' })));
      at(60101, () => log(statuses(tools)));
      at(70000, () => health(tools, 'ok'));
      at(70010, () => log(`sent [${sent(tools)}]`));
      at(70020, () => track(log, 'retry', tools.chat.retrySend(tools.chat.state.outbox[0].id)));
      at(70030, () => log(`sent [${sent(tools)}] outbox [${statuses(tools)}]`));
    });
    expect(lines).toEqual([`60100 late rejected ${sendQueueTimedOut(60000)}`, '60101 late:failed(timeout)', '70010 sent []', '70020 retry ok', '70030 sent [late] outbox []']);
  });

  it('the chat ends while sends wait: each rejects with the documented text, the outbox and its stored copy are emptied', () => {
    const lines = run({}, (at, page, log) => {
      const tools = page();
      at(0, () => tools.chat.startChat({ nickname: 'Ada' }).subscribe());
      at(10, () => health(tools, 'networkDown'));
      at(20, () => track(log, 'a', tools.chat.sendMessage({ message: 'a' })));
      at(30, () => log(`stored ${(tools.storage.get('_genesys.widgets.webchat.state.outbox') ?? null) !== null}`));
      at(40, () => tools.transport.signals.next({ type: 'ended' }));
      at(50, () => log(`outbox [${statuses(tools)}] stored ${tools.storage.get('_genesys.widgets.webchat.state.outbox') ?? 'none'} sent [${sent(tools)}]`));
    });
    expect(lines).toEqual(['30 stored true', `40 a rejected ${OutboxRejections.ended}`, '50 outbox [] stored none sent []']);
  });

  it('a failure with an error payload is an error event, then the rejection; the entry stays failed until discarded', () => {
    const lines = run({}, (at, page, log) => {
      const tools = page();
      tools.chat.on('error').subscribe(() => log('error event'));
      tools.transport.answer = (method) => (method === 'sendMessage' ? { ok: false, verdict: 'refused', failure: { errors: [{ code: 'MessageFailed' }] } } : { ok: true, body: {}, verdict: 'ok' });
      at(0, () => tools.chat.startChat({ nickname: 'Ada' }).subscribe());
      at(10, () => track(log, 'bad', tools.chat.sendMessage({ message: 'bad' })));
      at(20, () => log(statuses(tools)));
      at(30, () => track(log, 'discard', tools.chat.discardSend(tools.chat.state.outbox[0].id)));
      at(40, () => log(`outbox [${statuses(tools)}] sent [${sent(tools)}]`));
      at(50, () => track(log, 'discard again', tools.chat.discardSend('nope')));
    });
    expect(lines).toEqual(['10 error event', '10 bad rejected {"errors":[{"code":"MessageFailed"}]}', '20 bad:failed(rejected)', '30 discard ok', '40 outbox [] sent [bad]', `50 discard again rejected ${OutboxRejections.unknown}`]);
  });

  it('not delivered for certain (MessageNotDelivered): sent again after the retry wait; fate unknown: failed, never sent again', () => {
    const lines = run({}, (at, page, log) => {
      const tools = page();
      const failures = [{ errorReason: 'MessageNotDelivered' }, { errorReason: 'MessageDeliveryUnknown' }];
      tools.transport.answer = (method) => (method === 'sendMessage' && failures.length > 0 ? { ok: false, verdict: 'serverError', failure: failures.shift()! } : { ok: true, body: {}, verdict: 'ok' });
      at(0, () => tools.chat.startChat({ nickname: 'Ada' }).subscribe());
      at(10, () => track(log, 'x', tools.chat.sendMessage({ message: 'x' })));
      at(20, () => log(statuses(tools)));
      at(5000, () => log(`sent [${sent(tools)}] outbox [${statuses(tools)}]`));
    });
    expect(lines).toEqual(['20 x:queued', '2010 x rejected {"errorReason":"MessageDeliveryUnknown"}', '5000 sent [x,x] outbox [x:failed(rejected)]']);
  });

  it('a navigation during the outage keeps the queue: the next page restores it and sends it once the connection is back', () => {
    const lines = run({}, (at, page, log) => {
      const first = page();
      at(0, () => first.chat.startChat({ nickname: 'Ada' }).subscribe());
      at(10, () => health(first, 'networkDown'));
      at(20, () => ['one', 'two'].forEach((m) => track(log, m, first.chat.sendMessage({ message: m }))));
      at(30, () => first.chat.destroy());
      at(40, () => {
        const next = page(first.storage);
        next.transport.persistedState = { exists: true, fresh: true };
        next.transport.restoreWith = { kind: 'restoredOffline', session: undefined as never };
        // Times inside are from 40 on.
        at(20, () => log(`restored ${next.chat.state.sessionState} ${next.chat.state.connectionState} [${statuses(next)}] sent [${sent(next)}]`));
        // restoredOffline is serverOffline until the poll exceptions are reset (or a busy streak ends).
        at(30, () => next.chat.resetPollExceptions().subscribe());
        at(40, () => log(`sent [${sent(next)}] outbox [${statuses(next)}]`));
      });
    });
    expect(lines).toEqual([
      '30 one rejected WebChatService was destroyed',
      '30 two rejected WebChatService was destroyed',
      '60 restored active serverOffline [one:queued two:queued] sent []',
      '80 sent [one,two] outbox []',
    ]);
  });

  it('a send on its way when the page went away comes back failed (interrupted), never sent again on its own', () => {
    const lines = run({}, (at, page, log) => {
      const first = page();
      at(0, () => first.chat.startChat({ nickname: 'Ada' }).subscribe());
      at(10, () => first.transport.held.add('sendMessage'));
      at(20, () => first.chat.sendMessage({ message: 'maybe' }).subscribe({ error: () => undefined }));
      at(30, () => first.chat.destroy());
      at(40, () => {
        const next = page(first.storage);
        next.transport.persistedState = { exists: true, fresh: true };
        next.transport.restoreWith = { kind: 'restored', session: undefined as never, async: false };
        at(60, () => log(`${next.chat.state.sessionState} [${statuses(next)}] sent [${sent(next)}]`));
      });
    });
    expect(lines).toEqual(['100 active [maybe:failed(interrupted)] sent []']);
  });
});
