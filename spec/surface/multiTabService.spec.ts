import { defer, finalize, map } from 'rxjs';
import type { Observable } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { createWebChatService } from '../../lib/createWebChatService';
import { noLeadingTab } from '../../lib/model/rejections';
import type { WebChatConfig } from '../../lib/model/config';
import type { WebChatEvent } from '../../lib/model/events';
import type { WebChatService } from '../../lib/service/WebChatService';
import { memoryStorage } from '../../lib/storage/memoryStorage';
import { multiTabName } from '../../lib/surface/tabLeadership';
import { fakeTabs } from '../../lib/testing/fakeTabs';
import type { FakeTabs } from '../../lib/testing/fakeTabs';
import { fakeBatch, fakeMessage, fakeTransport } from '../../lib/testing/fakeTransport';
import type { FakeTransport } from '../../lib/testing/fakeTransport';
import type { RestoreOutcome, StartOutcome, TransportSession } from '../../lib/transports/transport';

const dataURL = 'https://gms.example/genesys/2/chat/x';
const lockName = multiTabName('_genesys.widgets.webchat.state.', 'gms-v2', dataURL);

/** One tab: its service, its own transport (its would-be connection), and what it published. */
interface Tab {
  chat: WebChatService;
  transport: FakeTransport;
  events: string[];
  /** Every event with its payload, as JSON: tabs are compared on these. */
  payloads: string[];
  messages: string[];
}

/**
 * A browser of tabs in virtual time: one fake lock manager and channel, one storage (the session
 * cookie every tab reads), and a log of every poller's start (`+n`) and stop (`-n`).
 */
function browser(scheduler: TestScheduler, config: Partial<WebChatConfig> = {}) {
  const tabs: FakeTabs = fakeTabs(scheduler);
  const storage = memoryStorage();
  const pollers: string[] = [];
  const open = (): Tab => {
    const n = pollers.length + Math.random();
    const transport = counted(fakeTransport(), () => n, pollers);
    const chat = createWebChatService({ dataURL, ...config }, { transport: transport.factory, storage, scheduler, tabs: tabs.tab() });
    const tab: Tab = { chat, transport, events: [], payloads: [], messages: [] };
    chat.events$.subscribe((e) => {
      if (e.event === 'ajaxResponse') return;
      tab.events.push(label(e));
      tab.payloads.push(JSON.stringify(e));
    });
    chat.messages$.subscribe((m) => tab.messages.push(`${m.index} ${m.text}`));
    return tab;
  };
  return { tabs, open, pollers };
}

function label(e: WebChatEvent): string {
  if (e.event === 'messageReceived') return `messageReceived ${e.data.messages.map((m) => m.index).join(',')}${e.data.restoring ? ' restoring' : ''}`;
  return e.event;
}

/** Logs when the transport's session starts and stops receiving (its poller). */
function counted(transport: ReturnType<typeof fakeTransport>, id: () => number, log: string[]) {
  const wrap = (session: TransportSession): TransportSession => ({
    ...session,
    receive: (control$) =>
      defer(() => {
        log.push(`+${transport.calls.length}`);
        return session.receive(control$).pipe(finalize(() => log.push('-')));
      }),
  });
  const { start, restore } = transport;
  transport.start = (request) =>
    (start(request) as Observable<StartOutcome>).pipe(map((o) => (o.ok ? ({ ...o, body: { ...o.body, session: wrap(o.body.session) } } as StartOutcome) : o)));
  transport.restore = (options) =>
    restore(options).pipe(map((o: RestoreOutcome) => ('session' in o ? ({ ...o, session: wrap(o.session) } as RestoreOutcome) : o)));
  void id;
  return transport;
}

const run = (script: (scheduler: TestScheduler) => void) => {
  const scheduler = new TestScheduler((a, b) => expect(a).toEqual(b));
  scheduler.run(() => script(scheduler));
};

describe('multiTabService (issue 13): one chat, many tabs, one connection', () => {
  it('elects the first tab; a start from a follower runs in the leader and every tab publishes the same events', () => {
    run((scheduler) => {
      const b = browser(scheduler);
      const [one, two, three] = [b.open(), b.open(), b.open()];
      let answer: unknown;
      scheduler.schedule(() => two.chat.startChat({ nickname: 'Ada' }).subscribe((value) => (answer = value)), 10);
      scheduler.schedule(() => one.transport.signals.next({ type: 'batch', batch: fakeBatch([fakeMessage(2, 'ParticipantJoined', 'Agent'), fakeMessage(3, 'Message', 'Agent', 'hi')]) }), 20);
      scheduler.schedule(() => {
        expect(b.tabs.holder(lockName)).toBe(1);
        expect(one.transport.calls.map((c) => c.method)).toEqual(['start']);
        expect(two.transport.calls).toEqual([]);
        expect(three.transport.calls).toEqual([]);
        expect(answer).toEqual(expect.objectContaining({}));
        expect(one.events).toEqual(['capabilitiesChanged', 'ready', 'started', 'agentConnected', 'messageReceived 2,3']);
        expect(two.payloads).toEqual(one.payloads);
        expect(three.payloads).toEqual(one.payloads);
        expect(three.messages).toEqual(['2 ', '3 hi']);
        expect(three.chat.state.sessionActive).toBe(true);
        expect(b.pollers).toEqual(['+1']);
        for (const tab of [one, two, three]) tab.chat.destroy();
      }, 100);
    });
  });
});
