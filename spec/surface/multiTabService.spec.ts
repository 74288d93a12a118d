import { BehaviorSubject, defer, finalize, map } from 'rxjs';
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
function browser(scheduler: TestScheduler, config: Partial<WebChatConfig> = {}, channelDelay = 0) {
  const tabs: FakeTabs = fakeTabs(scheduler, { channelDelay });
  const storage = memoryStorage();
  const pollers: string[] = [];
  let opened = 0;
  const open = (pageActive$?: Observable<boolean>): Tab => {
    const n = ++opened;
    const transport = counted(fakeTransport(), n, pollers);
    const chat = createWebChatService({ dataURL, ...config }, { transport: transport.factory, storage, scheduler, tabs: tabs.tab(), ...(pageActive$ ? { pageActive$ } : {}) });
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
function counted(transport: ReturnType<typeof fakeTransport>, tab: number, log: string[]) {
  const wrap = (session: TransportSession): TransportSession => ({
    ...session,
    receive: (control$) =>
      defer(() => {
        log.push(`+${tab}`);
        return session.receive(control$).pipe(finalize(() => log.push(`-${tab}`)));
      }),
  });
  const { start, restore } = transport;
  transport.start = (request) =>
    (start(request) as Observable<StartOutcome>).pipe(map((o) => (o.ok ? ({ ...o, body: { ...o.body, session: wrap(o.body.session) } } as StartOutcome) : o)));
  transport.restore = (options) =>
    restore(options).pipe(map((o: RestoreOutcome) => ('session' in o ? ({ ...o, session: wrap(o.session) } as RestoreOutcome) : o)));
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

  /** Tabs 1–3 on a chat with messages 2 and 3, tab 1 leading; storage holds the session for a restore. */
  const chatInThreeTabs = (scheduler: TestScheduler, channelDelay = 0) => {
    const b = browser(scheduler, {}, channelDelay);
    const tabs = [b.open(), b.open(), b.open()];
    const [one] = tabs;
    const history = [fakeMessage(2, 'ParticipantJoined', 'Agent'), fakeMessage(3, 'Message', 'Agent', 'hi')];
    scheduler.schedule(() => one.chat.startChat({ nickname: 'Ada' }).subscribe(), 10);
    scheduler.schedule(() => one.transport.signals.next({ type: 'batch', batch: fakeBatch(history) }), 20);
    for (const tab of tabs.slice(1)) {
      // What a reload would read back: the whole transcript, plus message 4 that came during the hand-over.
      tab.transport.persistedState = { exists: true, fresh: true };
      tab.transport.restoreWith = { kind: 'restored', async: false, batch: fakeBatch([...history, fakeMessage(4, 'Message', 'Agent', 'still there?')], { restoring: true }) } as RestoreOutcome;
    }
    return { b, tabs };
  };

  it('hands over when the leader goes: the next tab restores after the old poller stopped, and publishes only what is new, once', () => {
    run((scheduler) => {
      const { b, tabs } = chatInThreeTabs(scheduler);
      const [one, two, three] = tabs;
      const states: string[] = [];
      three.chat.state$.subscribe((state) => states.push(state.sessionState));
      let before = 0;
      scheduler.schedule(() => {
        before = three.events.length;
        one.chat.destroy();
      }, 50);
      scheduler.schedule(() => {
        expect(b.tabs.holder(lockName)).toBe(2);
        expect(b.pollers).toEqual(['+1', '-1', '+2']);
        expect(two.transport.calls.map((c) => c.method)).toEqual(['restore']);
        expect(three.transport.calls).toEqual([]);
        expect(two.events.slice(before)).toEqual(['messageReceived 4 restoring']);
        expect(two.payloads).toEqual(three.payloads);
        expect(two.messages).toEqual(['2 ', '3 hi', '4 still there?']);
        expect(three.messages).toEqual(two.messages);
        // The followers never saw the new leader's restore pass through idle and restoring.
        expect(states.slice(states.indexOf('active'))).not.toContain('restoring');
        expect(states.slice(states.indexOf('active'))).not.toContain('idle');
        expect(three.chat.state.sessionActive).toBe(true);
      }, 100);
      scheduler.schedule(() => three.chat.sendMessage({ message: 'yes' }).subscribe(), 110);
      scheduler.schedule(() => three.chat.endChat().subscribe(), 120);
      scheduler.schedule(() => {
        expect(two.transport.calls.map((c) => c.method)).toEqual(['restore', 'sendMessage', 'end', 'forget']);
        expect(one.transport.calls.map((c) => c.method)).toEqual(['start']);
        for (const tab of [two, three]) {
          expect(tab.events).toContain('ended');
          expect(tab.chat.state.sessionActive).toBe(false);
        }
        expect(b.pollers).toEqual(['+1', '-1', '+2', '-2']);
        two.chat.destroy();
        three.chat.destroy();
      }, 200);
    });
  });

  it.each([
    ['before', 0],
    ['after', 1],
  ])('a message the old leader relayed as it went, heard %s the lock passed, is not published again by the new leader', (_when, channelDelay) => {
    run((scheduler) => {
      const { tabs } = chatInThreeTabs(scheduler, channelDelay);
      const [one, two, three] = tabs;
      let before = 0;
      scheduler.schedule(() => {
        before = two.events.length;
        // Message 4 reaches the old leader, which relays it and closes in the same moment; the restore replays it.
        one.transport.signals.next({ type: 'batch', batch: fakeBatch([fakeMessage(4, 'Message', 'Agent', 'still there?')]) });
        one.chat.destroy();
      }, 50);
      scheduler.schedule(() => {
        for (const tab of [two, three]) {
          // Relayed (heard first) or replayed by the restore (the fake restores at once): once either way.
          expect(tab.events.slice(before)).toEqual([expect.stringMatching(/^messageReceived 4( restoring)?$/)]);
          expect(tab.messages).toEqual(['2 ', '3 hi', '4 still there?']);
        }
        two.chat.destroy();
        three.chat.destroy();
      }, 100);
    });
  });

  it('a tab that joins a running chat restores it from the leader: restored, the transcript once, state at once, getTranscript', () => {
    run((scheduler) => {
      const { b, tabs } = chatInThreeTabs(scheduler);
      let late!: Tab;
      let transcript: unknown;
      scheduler.schedule(() => (late = b.open()), 50);
      scheduler.schedule(() => late.chat.getTranscript().subscribe((t) => (transcript = t.messages.map((m) => m.text))), 60);
      scheduler.schedule(() => {
        expect(late.events).toEqual(['capabilitiesChanged', 'ready', 'restored', 'messageReceived 2,3 restoring']);
        expect(late.messages).toEqual(['2 ', '3 hi']);
        expect(late.chat.state.sessionActive).toBe(true);
        expect(transcript).toEqual(['', 'hi']);
        expect(late.transport.calls).toEqual([]);
        for (const tab of [...tabs, late]) tab.chat.destroy();
      }, 100);
    });
  });

  it('a command in a follower with no leader answering rejects with noLeadingTab after leaderAnswerTimeout', () => {
    run((scheduler) => {
      const tabs = fakeTabs(scheduler);
      // A tab holds the lead but runs no chat (it hangs): nobody takes the command.
      tabs.tab().lock(lockName, () => undefined);
      const chat = createWebChatService({ dataURL }, { transport: fakeTransport().factory, storage: memoryStorage(), scheduler, tabs: tabs.tab() });
      let outcome: unknown;
      scheduler.schedule(() => chat.sendMessage({ message: 'hi' }).subscribe({ error: (e) => (outcome = [scheduler.now(), e]) }), 10);
      scheduler.schedule(() => {
        expect(outcome).toEqual([5010, noLeadingTab('sendMessage', 5000)]);
        chat.destroy();
      }, 6000);
    });
  });

  it('a command posted while no tab leads runs once, in the tab that takes the lead next', () => {
    run((scheduler) => {
      const { tabs } = chatInThreeTabs(scheduler);
      const [one, two, three] = tabs;
      let answer: unknown;
      scheduler.schedule(() => {
        one.chat.destroy();
        // Posted in the gap: tab 1 is gone, tab 2 does not lead yet.
        three.chat.sendMessage({ message: 'during' }).subscribe((value) => (answer = value));
      }, 50);
      scheduler.schedule(() => {
        expect(two.transport.calls.filter((c) => c.method === 'sendMessage')).toHaveLength(1);
        expect(three.transport.calls).toEqual([]);
        expect(answer).toEqual({});
        two.chat.destroy();
        three.chat.destroy();
      }, 100);
    });
  });

  it('with multiTab: false every tab runs its own connection, as before', () => {
    run((scheduler) => {
      const b = browser(scheduler, { multiTab: false });
      const [one, two] = [b.open(), b.open()];
      scheduler.schedule(() => two.chat.startChat({ nickname: 'Ada' }).subscribe(), 10);
      scheduler.schedule(() => {
        expect(b.tabs.holder(lockName)).toBeUndefined();
        expect(two.transport.calls.map((c) => c.method)).toEqual(['start']);
        expect(one.transport.calls).toEqual([]);
        expect(one.events).toEqual(['capabilitiesChanged', 'ready']);
        one.chat.destroy();
        two.chat.destroy();
      }, 100);
    });
  });

  it('with sleepEnabled the chat sleeps when no tab is active, not when the leading tab is hidden', () => {
    run((scheduler) => {
      const b = browser(scheduler, { sleepEnabled: true });
      const visible = [new BehaviorSubject(true), new BehaviorSubject(false)];
      const [one, two] = visible.map((active) => b.open(active));
      scheduler.schedule(() => two.chat.startChat({ nickname: 'Ada' }).subscribe(), 10);
      scheduler.schedule(() => {
        visible[1].next(true);
        visible[0].next(false);
      }, 20);
      scheduler.schedule(() => expect(one.events).not.toContain('sleeping'), 1500);
      // No tab active from 2000: the chat sleeps after the grace (1000 ms), and wakes when a tab shows it.
      scheduler.schedule(() => visible[1].next(false), 2000);
      scheduler.schedule(() => expect(one.events).not.toContain('sleeping'), 2999);
      scheduler.schedule(() => expect(one.events).toContain('sleeping'), 3001);
      scheduler.schedule(() => visible[1].next(true), 4000);
      scheduler.schedule(() => {
        const sleepWake = (tab: Tab) => tab.events.filter((e) => e === 'sleeping' || e === 'waking');
        expect(sleepWake(one)).toEqual(['sleeping', 'waking']);
        expect(sleepWake(two)).toEqual(['sleeping', 'waking']);
        expect(one.transport.calls.map((c) => c.method)).toEqual(['start']);
        one.chat.destroy();
        two.chat.destroy();
      }, 4100);
    });
  });
});
