import { NEVER } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { commandSettleBound, createWebChatService } from '../../lib/createWebChatService';
import { commandTimedOut } from '../../lib/model/rejections';
import { memoryStorage } from '../../lib/storage/memoryStorage';
import { fakeTransport, type FakeTransport } from '../../lib/testing/fakeTransport';
import type { WebChatService } from '../../lib/service/WebChatService';

/** What settled when, in virtual ms: `"<ms> <label> ok|rejected <detail>"`. */
type Settled = string[];

/**
 * Runs `script` in virtual time against a service over the fake transport (ajaxTimeout 3000, so
 * the settle bound is 30 s) and returns when each tracked call settled.
 */
function inVirtualTime(script: (tools: { chat: WebChatService; transport: FakeTransport; at: (ms: number, act: () => void) => void; track: (label: string, call: import('rxjs').Observable<unknown>) => void }) => void, until = 100000) {
  const scheduler = new TestScheduler((a, b) => expect(a).toEqual(b));
  const settled: Settled = [];
  const events: string[] = [];
  let state = '';
  scheduler.run(() => {
    const transport = fakeTransport();
    const chat = createWebChatService({ dataURL: 'https://gms.example/genesys/2/chat/x', ajaxTimeout: 3000 }, { transport: transport.factory, storage: memoryStorage(), scheduler });
    chat.events$.subscribe((e) => events.push(`${scheduler.now()} ${e.event}`));
    const track = (label: string, call: import('rxjs').Observable<unknown>) =>
      call.subscribe({
        next: () => settled.push(`${scheduler.now()} ${label} ok`),
        error: (e: unknown) => settled.push(`${scheduler.now()} ${label} rejected ${JSON.stringify(e)}`),
      });
    script({ chat, transport, at: (ms, act) => void scheduler.schedule(act, ms), track });
    scheduler.schedule(() => {
      state = chat.state.sessionState;
      chat.destroy();
    }, until);
  });
  return { settled, events, state };
}

describe('every command settles within a bound (issue 6)', () => {
  it.each([
    ['sendMessage', { ajaxTimeout: 3000, fileUploadTimeout: 0, sendQueueTimeout: 0 }, 30000],
    // A send may wait in the outbox for sendQueueTimeout first (issue 14).
    ['sendMessage', { ajaxTimeout: 3000, fileUploadTimeout: 0, sendQueueTimeout: 180000 }, 210000],
    ['sendCustomNotice', { ajaxTimeout: 3000, fileUploadTimeout: 0, sendQueueTimeout: 5000 }, 35000],
    ['startChat', { ajaxTimeout: 12000, fileUploadTimeout: 0, sendQueueTimeout: 180000 }, 120000],
    ['sendFile', { ajaxTimeout: 3000, fileUploadTimeout: 0, sendQueueTimeout: 180000 }, 600000],
    ['sendFile', { ajaxTimeout: 3000, fileUploadTimeout: 20000, sendQueueTimeout: 180000 }, 200000],
    // A timer over 2^31 − 1 ms fires at once: a huge configured timeout is capped, not turned into none.
    ['sendMessage', { ajaxTimeout: 1e15, fileUploadTimeout: 0, sendQueueTimeout: 0 }, 2 ** 31 - 1],
  ] as const)('commandSettleBound(%s, %j) = %d ms', (name, config, bound) => {
    expect(commandSettleBound(name, config)).toBe(bound);
  });

  it('a start whose request never answers rejects CommandTimeout at 30 s, leaves the state idle, and the next start works', () => {
    const { settled, state } = inVirtualTime(({ chat, transport, at, track }) => {
      const start = transport.start;
      transport.start = () => NEVER;
      at(0, () => track('start 1', chat.startChat({ nickname: 'Ada' })));
      at(30001, () => {
        transport.start = start;
        track('start 2', chat.startChat({ nickname: 'Ada' }));
      });
    });
    expect(settled).toEqual([`30000 start 1 rejected ${JSON.stringify(commandTimedOut('startChat', 30000))}`, '30001 start 2 ok']);
    expect(state).toBe('active');
  });

  it('a send that hangs rejects at its bound and does not block the send lane behind it', () => {
    const { settled } = inVirtualTime(({ chat, transport, at, track }) => {
      at(0, () => chat.startChat({ nickname: 'Ada' }).subscribe());
      at(10, () => {
        transport.held.add('sendMessage');
        track('hung', chat.sendMessage({ message: 'one' }));
        track('queued', chat.sendMessage({ message: 'two' }));
      });
      at(20, () => transport.held.delete('sendMessage'));
    });
    // The lane runs one send at a time: the second waits for the first's bound, then goes through.
    expect(settled).toEqual([`30010 hung rejected ${JSON.stringify(commandTimedOut('sendMessage', 30000))}`, '30010 queued ok']);
  });

  it('an endChat whose request hangs still tears down locally when its bound cuts it (contract §6.3)', () => {
    const { settled, events, state } = inVirtualTime(({ chat, transport, at, track }) => {
      at(0, () => chat.startChat({ nickname: 'Ada' }).subscribe());
      at(10, () => {
        transport.held.add('end');
        track('end', chat.endChat());
      });
    });
    expect(settled).toEqual([`30010 end rejected ${JSON.stringify(commandTimedOut('endChat', 30000))}`]);
    expect(events.filter((e) => e.endsWith(' ended'))).toEqual(['30010 ended']);
    expect(state).toBe('idle');
  });
});
