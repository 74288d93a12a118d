import { asyncScheduler, firstValueFrom, timeout } from 'rxjs';
import type { SchedulerLike } from 'rxjs';
import type { WebChatService } from '../../lib/service/WebChatService';
import { memoryStorage } from '../../lib/storage/memoryStorage';
import { fakeTabs } from '../../lib/testing/fakeTabs';
import { nodeService } from '../nodeService';
import { remotePlayground } from '../remotePlayground';
import type { RemotePlayground, RequestCounts } from '../remotePlayground';
import type { BenchContext, FigureResult, Row } from '../report';
import { playgroundConfig } from '../../spec/helpers/playgroundConfig';
import { WarpScheduler } from '../warpScheduler';

/**
 * Figure 7 (issue 13): one idle GMS chat open in 1 and in 5 tabs of one browser — requests per
 * steady minute at default settings (goal: the same, 20), and with `multiTab: false` for contrast —
 * then the hand-over: the leading tab closes and we time, in real time, until the next tab's first
 * request (its restore) and its first poll. The tabs are services in this process sharing one
 * storage and a simulated Web Locks + BroadcastChannel ({@link fakeTabs}); requests go over
 * loopback HTTP and are counted in the playground's log. Idle minutes are warped (see idleCost).
 */
export async function multiTab(context: BenchContext): Promise<FigureResult> {
  const factor = context.quick ? 30 : 15;
  const minuteMs = 60_000 / factor;
  const rows: Row[] = [];
  const data: Record<string, unknown> = { factor };
  const playground = await remotePlayground({ agent: 'manual' });
  try {
    for (const [count, multi] of [[1, true], [5, true], [5, false]] as const) {
      const steady = await idleMinute(playground, count, multi, factor, minuteMs);
      data[`${count} tabs${multi ? '' : ', multiTab false'}`] = steady;
      context.log(`${count} tab(s), multiTab ${multi}: ${JSON.stringify(steady.byRoute)}`);
      rows.push({
        figure: '7',
        what: `Idle GMS requests/min, ${count} tab${count > 1 ? 's' : ''}${multi ? '' : ' (multiTab: false)'}`,
        value: String(steady.total),
        ...(multi ? { goal: '≤ 20 (the same as 1 tab)', met: steady.total <= 21 } : { comparison: 'each tab polls' }),
      });
    }
    const handOver = await handOverTimes(playground);
    data.handOver = handOver;
    rows.push({ figure: '7', what: 'Hand-over: leader closes → next tab restores', value: `${handOver.restore} ms`, goal: '< 2000 ms', met: handOver.restore < 2000 });
    rows.push({ figure: '7', what: 'Hand-over: leader closes → next tab polls', value: `${handOver.poll} ms` });
  } finally {
    await playground.close();
  }
  return { id: 'multiTab', rows, data };
}

/** `count` tabs of one browser on one chat; the requests of its second (steady) idle minute. */
async function idleMinute(playground: RemotePlayground, count: number, multiTab: boolean, factor: number, minuteMs: number): Promise<RequestCounts> {
  const tabs = openTabs(playground, count, multiTab, new WarpScheduler(factor));
  try {
    await firstValueFrom(tabs[tabs.length - 1].startChat({ nickname: 'Ada' }).pipe(timeout(10_000)));
    // Without multi-tab the other tabs are pages opened on the chat: each restores it and polls.
    if (!multiTab) await Promise.all(tabs.slice(0, -1).map((tab) => firstValueFrom(tab.restore().pipe(timeout(10_000)))));
    const started = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 2 * minuteMs));
    return await playground.requests(started + minuteMs, started + 2 * minuteMs);
  } finally {
    for (const tab of tabs) tab.destroy();
  }
}

/** Three tabs in real time: the leader goes; ms until the playground sees the next tab's restore, then its poll. */
async function handOverTimes(playground: RemotePlayground): Promise<{ restore: number; poll: number }> {
  const tabs = openTabs(playground, 3, true, asyncScheduler);
  try {
    await firstValueFrom(tabs[2].startChat({ nickname: 'Ada' }).pipe(timeout(10_000)));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const closed = Date.now();
    tabs[0].destroy();
    let restore = -1;
    for (;;) {
      const seen = await playground.requests(closed, Date.now() + 1);
      const elapsed = Date.now() - closed;
      if (restore < 0 && seen.total > 0) restore = elapsed;
      // The restore is a refresh from position 1; the poll is the next one.
      if ((seen.byRoute['gms-v2 refresh'] ?? 0) >= 2) return { restore, poll: elapsed };
      if (elapsed > 10_000) throw new Error(`no poll 10 s after the leader closed: ${JSON.stringify(seen.byRoute)}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  } finally {
    for (const tab of tabs) tab.destroy();
  }
}

function openTabs(playground: RemotePlayground, count: number, multiTab: boolean, scheduler: SchedulerLike): WebChatService[] {
  const browser = fakeTabs(scheduler);
  const storage = memoryStorage();
  const config = { ...playgroundConfig('gms-v2', playground.url), multiTab };
  return Array.from({ length: count }, () => nodeService(config, { storage, scheduler, tabs: browser.tab() }));
}
