import type { Observable } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { createWebChatService } from '../../lib/createWebChatService';
import type { WebChatConfig } from '../../lib/model/config';
import { OutboxRejections, sendQueueTimedOut } from '../../lib/model/outbox';
import type { OutboxEntry } from '../../lib/model/outbox';
import type { WebChatService } from '../../lib/service/WebChatService';
import { memoryStorage } from '../../lib/storage/memoryStorage';
import { multiTabName } from '../../lib/surface/tabLeadership';
import { fakeTabs } from '../../lib/testing/fakeTabs';
import { fakeTransport } from '../../lib/testing/fakeTransport';
import type { FakeTransport } from '../../lib/testing/fakeTransport';
import type { RestoreOutcome } from '../../lib/transports/transport';

const dataURL = 'https://gms.example/genesys/2/chat/x';
const lockName = multiTabName('_genesys.widgets.webchat.state.', 'gms-v2', dataURL);

interface Tab {
  chat: WebChatService;
  transport: FakeTransport;
}

/**
 * Tabs of one browser in virtual time (one lock manager, one channel, one storage), a chat started
 * by tab 1, which leads; `log` lines carry the virtual time.
 */
function run(script: (at: (ms: number, act: () => void) => void, open: () => Tab, log: (line: string) => void, holder: () => number | undefined) => void, config: Partial<WebChatConfig> = {}): string[] {
  const scheduler = new TestScheduler((a, b) => expect(a).toEqual(b));
  const lines: string[] = [];
  scheduler.run(() => {
    const tabs = fakeTabs(scheduler);
    const storage = memoryStorage();
    const opened: Tab[] = [];
    const open = (): Tab => {
      const transport = fakeTransport();
      const chat = createWebChatService({ dataURL, sendQueueTimeout: 60000, ...config }, { transport: transport.factory, storage, scheduler, tabs: tabs.tab() });
      opened.push({ chat, transport });
      return { chat, transport };
    };
    script((ms, act) => void scheduler.schedule(act, ms), open, (line) => lines.push(`${scheduler.now()} ${line}`), () => tabs.holder(lockName));
    scheduler.schedule(() => opened.forEach((tab) => tab.chat.destroy()), 400000);
  });
  return lines;
}

const sent = (tab: Tab) => tab.transport.calls.filter((c) => c.method === 'sendMessage').map((c) => (c.args[0] as { message: string }).message);
const shown = (outbox: readonly OutboxEntry[]) => outbox.map((e) => `${e.text}:${e.status}${e.failure ? `(${e.failure})` : ''}`).join(' ');
const track = (log: (line: string) => void, name: string, call: Observable<unknown>) =>
  call.subscribe({ next: (v) => log(`${name} ok ${JSON.stringify(v)}`), error: (e: unknown) => log(`${name} rejected ${typeof e === 'string' ? e : JSON.stringify(e)}`) });
const down = (tab: Tab) => tab.transport.signals.next({ type: 'health', verdict: 'networkDown' });
const up = (tab: Tab) => tab.transport.signals.next({ type: 'health', verdict: 'ok' });

/**
 * Three tabs, tab 1 leading a chat; tabs 2 and 3 would restore it offline (a GMS `statusCode: 1`: the
 * next leader's connection is down too). At 20 the connection drops, at 30 tab `caller` sends `hi`
 * (queued in tab 1's outbox), at 40 tab 1 closes: tab 2 leads.
 */
function queuedAtHandOver(at: (ms: number, act: () => void) => void, open: () => Tab, log: (line: string) => void, caller = 3): Tab[] {
  const tabs = [open(), open(), open()];
  const [one, two, three] = tabs;
  at(10, () => one.chat.startChat({ nickname: 'Ada' }).subscribe());
  for (const tab of [two, three]) {
    tab.transport.persistedState = { exists: true, fresh: true };
    tab.transport.restoreWith = { kind: 'restoredOffline' } as RestoreOutcome;
  }
  at(20, () => down(one));
  at(30, () => track(log, 'hi', tabs[caller - 1].chat.sendMessage({ message: 'hi' })));
  at(40, () => one.chat.destroy());
  return tabs;
}
/** The outboxes of tabs 2 and 3 and what tabs 1 and 2 sent. */
const where = ([one, two, three]: Tab[]) => `[${shown(two.chat.state.outbox)}] [${shown(three.chat.state.outbox)}] sent [${sent(one)}] [${sent(two)}]`;

describe('multi-tab and the outbox (issues 13 and 14): the outbox lives with the leader', () => {
  it("a follower's send while the connection is down waits in the leader's outbox, shows in every tab, goes once when the connection is back and resolves with the leader's answer", () => {
    const followerSaw: string[] = [];
    const lines = run((at, open, log) => {
      const [one, two] = [open(), open()];
      two.chat.outbox$.subscribe((outbox) => followerSaw.push(shown(outbox)));
      at(10, () => one.chat.startChat({ nickname: 'Ada' }).subscribe());
      at(20, () => down(one));
      at(30, () => track(log, 'hi', two.chat.sendMessage({ message: 'hi' })));
      at(40, () => log(`leader [${shown(one.chat.state.outbox)}] follower [${shown(two.chat.state.outbox)}] sent [${sent(one)}] [${sent(two)}]`));
      at(5000, () => up(one));
      at(5010, () => log(`leader [${shown(one.chat.state.outbox)}] follower [${shown(two.chat.state.outbox)}] sent [${sent(one)}] [${sent(two)}]`));
    });
    expect(lines).toEqual(['40 leader [hi:queued] follower [hi:queued] sent [] []', '5000 hi ok {}', '5010 leader [] follower [] sent [hi] []']);
    expect(followerSaw).toEqual(['', 'hi:queued', 'hi:sending', 'hi:sent', '']);
  });

  it.each([
    ['a follower', 3],
    ['the tab that takes the lead', 2],
  ])("hand-over while %s has a send queued: the next leader restores it from storage, sends it once when the connection is back, and the caller's command resolves", (_who, caller) => {
    const lines = run((at, open, log, holder) => {
      const tabs = queuedAtHandOver(at, open, log, caller);
      const [, two, three] = tabs;
      at(50, () => log(`leader ${holder()} ${where(tabs)}`));
      at(60, () => down(two));
      at(5000, () => up(two));
      at(5010, () => log(where(tabs)));
    });
    // Resolved, once sent, with no body: the old leader's transport answer went with it.
    expect(lines).toEqual(['50 leader 2 [hi:queued] [hi:queued] sent [] []', '5000 hi ok undefined', '5010 [] [] sent [] [hi]']);
  });

  it('hand-over while queued, and the connection stays down: the follower\'s command rejects with the sendQueueTimeout text (not commandTimedOut, not destroyed)', () => {
    const lines = run((at, open, log) => {
      const [one, two] = [open(), open()];
      at(10, () => one.chat.startChat({ nickname: 'Ada' }).subscribe());
      two.transport.persistedState = { exists: true, fresh: true };
      two.transport.restoreWith = { kind: 'restoredOffline' } as RestoreOutcome;
      at(20, () => down(one));
      at(30, () => track(log, 'hi', two.chat.sendMessage({ message: 'hi' })));
      at(40, () => one.chat.destroy());
      at(60031, () => log(`[${shown(two.chat.state.outbox)}] sent [${sent(one)}] [${sent(two)}]`));
    });
    expect(lines).toEqual([`60030 hi rejected ${sendQueueTimedOut(60000)}`, '60031 [hi:failed(timeout)] sent [] []']);
  });

  it('hand-over while a follower\'s send is on its way: the next leader shows it failed (interrupted), never sends it again, and the command rejects with the documented text', () => {
    const lines = run((at, open, log) => {
      const [one, two] = [open(), open()];
      at(10, () => one.chat.startChat({ nickname: 'Ada' }).subscribe());
      two.transport.persistedState = { exists: true, fresh: true };
      two.transport.restoreWith = { kind: 'restored', async: false } as RestoreOutcome;
      at(20, () => one.transport.held.add('sendMessage'));
      at(30, () => track(log, 'hi', two.chat.sendMessage({ message: 'hi' })));
      at(40, () => log(`[${shown(two.chat.state.outbox)}] sent [${sent(one)}] [${sent(two)}]`));
      at(50, () => one.chat.destroy());
      at(60, () => log(`[${shown(two.chat.state.outbox)}] sent [${sent(one)}] [${sent(two)}]`));
    });
    expect(lines).toEqual(['40 [hi:sending] sent [hi] []', `50 hi rejected ${OutboxRejections.interrupted}`, '60 [hi:failed(interrupted)] sent [hi] []']);
  });

  it('hand-over while queued, then discardSend in the follower: the next leader drops it, the send is never delivered and the command rejects as discarded', () => {
    const lines = run((at, open, log) => {
      const tabs = queuedAtHandOver(at, open, log);
      const [, two, three] = tabs;
      at(50, () => three.chat.discardSend(three.chat.state.outbox[0].id).subscribe(() => log('discarded')));
      at(60, () => down(two));
      at(5000, () => up(two));
      at(5010, () => log(where(tabs)));
    });
    expect(lines).toEqual([`50 hi rejected ${OutboxRejections.discarded}`, '50 discarded', '5010 [] [] sent [] []']);
  });

  it('hand-over while queued, then the chat ends: the follower\'s command rejects with the chat-ended text', () => {
    const lines = run((at, open, log) => {
      const tabs = queuedAtHandOver(at, open, log);
      const [, two, three] = tabs;
      at(100, () => two.transport.signals.next({ type: 'ended' }));
      at(110, () => log(where(tabs)));
    });
    expect(lines).toEqual([`100 hi rejected ${OutboxRejections.ended}`, '110 [] [] sent [] []']);
  });

  it('retrySend and discardSend called in a follower run on the leader', () => {
    const lines = run((at, open, log) => {
      const [one, two] = [open(), open()];
      at(10, () => one.chat.startChat({ nickname: 'Ada' }).subscribe());
      at(20, () => down(one));
      at(30, () => ['late', 'never'].forEach((m) => track(log, m, one.chat.sendMessage({ message: m }))));
      at(60040, () => log(`follower [${shown(two.chat.state.outbox)}]`));
      at(60050, () => two.chat.discardSend(two.chat.state.outbox[1].id).subscribe({ next: () => log('discarded'), error: (e: unknown) => log(`discard rejected ${String(e)}`) }));
      at(60060, () => up(one));
      at(60070, () => track(log, 'retry', two.chat.retrySend(two.chat.state.outbox[0].id)));
      at(60080, () => log(`leader [${shown(one.chat.state.outbox)}] follower [${shown(two.chat.state.outbox)}] sent [${sent(one)}] [${sent(two)}]`));
    });
    expect(lines).toEqual([
      `60030 late rejected ${sendQueueTimedOut(60000)}`,
      `60030 never rejected ${sendQueueTimedOut(60000)}`,
      '60040 follower [late:failed(timeout) never:failed(timeout)]',
      '60050 discarded',
      '60070 retry ok {}',
      '60080 leader [] follower [] sent [late] []',
    ]);
  });
});
