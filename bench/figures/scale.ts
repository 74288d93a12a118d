import { firstValueFrom, timeout } from 'rxjs';
import type { WebChatService } from '../../lib/service/WebChatService';
import { settledHeap } from '../collectGarbage';
import { nodeService } from '../nodeService';
import { remotePlayground } from '../remotePlayground';
import type { RemotePlayground } from '../remotePlayground';
import type { BenchContext, FigureResult, Row } from '../report';
import { kb, ms } from '../report';
import { playgroundConfig } from '../../spec/helpers/playgroundConfig';
import type { PlaygroundTransport } from '../../spec/helpers/playgroundConfig';

/** Starts in flight at once while sessions are opened. */
const startConcurrency = 25;
/** The GMS poll gap reaches pollRateMax (3 s) about 13 s after the start: wait that out before measuring. */
const rampMs = 14_000;

/** What one size of one transport measured. */
interface ScaleRun {
  sessions: number;
  heapPerSession: number;
  cpuMsPerMinute: number;
  serverRequestsPerMinute: number;
}

/**
 * Figure 6: N concurrent idle sessions in this process against the playground (in its own process,
 * so this process's CPU and heap are the clients'): heap per session (settled heap after the
 * starts minus before, over N) and the CPU time of an idle minute (measured over a window of real
 * time once the GMS poll ramp is over, scaled to 60 s), at two sizes to show the growth. The
 * server's request count over the same window confirms the sessions were really polling.
 */
export async function scale(context: BenchContext, transports: readonly PlaygroundTransport[] = ['gms-v2', 'purecloud-v2']): Promise<FigureResult> {
  const sizes = context.quick ? [50, 200] : [100, 1_000];
  const windowMs = context.quick ? 4_000 : 20_000;
  const rows: Row[] = [];
  const data: Record<string, unknown> = { windowMs };
  const playground = await remotePlayground({ agent: 'manual' });
  try {
    for (const transport of transports) {
      const runs: ScaleRun[] = [];
      for (const sessions of sizes) {
        const run = await scaleRun(playground, transport, sessions, windowMs, context.quick ? 3_000 : rampMs);
        runs.push(run);
        context.log(`scale ${transport} ×${sessions}: ${kb(run.heapPerSession)} heap/session, ${ms(run.cpuMsPerMinute)} CPU per idle minute, server saw ${Math.round(run.serverRequestsPerMinute)} requests/min`);
      }
      data[transport] = runs;
      const [small, large] = runs;
      for (const run of runs) {
        const growth = run === large ? ` · ×${(large.sessions / small.sessions).toFixed(0)} sessions: heap ×${(large.heapPerSession / small.heapPerSession).toFixed(2)}/session, CPU ×${(large.cpuMsPerMinute / small.cpuMsPerMinute).toFixed(1)}` : '';
        rows.push({
          figure: '6',
          what: `${run.sessions.toLocaleString('en')} idle sessions, ${transport}${context.quick && transport === 'gms-v2' ? ' (quick: in the poll ramp)' : ''}`,
          value: `${kb(run.heapPerSession)} heap/session, CPU ${(run.cpuMsPerMinute / 1000).toFixed(2)} s/min (${((run.cpuMsPerMinute / 60_000) * 100).toFixed(1)}% of a core)`,
          comparison: `server saw ${Math.round(run.serverRequestsPerMinute).toLocaleString('en')} req/min${growth}`,
        });
      }
    }
  } finally {
    await playground.close();
  }
  return { id: 'scale', rows, data };
}

async function scaleRun(playground: RemotePlayground, transport: PlaygroundTransport, sessions: number, windowMs: number, settleMs: number): Promise<ScaleRun> {
  const before = settledHeap();
  const chats: WebChatService[] = [];
  try {
    for (let i = 0; i < sessions; i += startConcurrency) {
      const batch = Array.from({ length: Math.min(startConcurrency, sessions - i) }, () => nodeService(playgroundConfig(transport, playground.url)));
      chats.push(...batch);
      await Promise.all(batch.map((chat) => firstValueFrom(chat.startChat({ nickname: 'Ada' }).pipe(timeout(30_000)))));
    }
    await new Promise((resolve) => setTimeout(resolve, settleMs));
    const heapPerSession = (settledHeap() - before) / sessions;
    await playground.forget();
    const cpu = process.cpuUsage();
    const since = Date.now();
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    const used = process.cpuUsage(cpu);
    const until = Date.now();
    const requests = await playground.requests(since, until);
    const perMinute = 60_000 / (until - since);
    return { sessions, heapPerSession, cpuMsPerMinute: ((used.user + used.system) / 1000) * perMinute, serverRequestsPerMinute: requests.total * perMinute };
  } finally {
    for (const chat of chats) chat.destroy();
  }
}
