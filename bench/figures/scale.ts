import { firstValueFrom, timeout } from 'rxjs';
import WebSocket from 'ws';
import type { CloudSessionData, GmsSessionData, SessionData } from '../../lib/model/results';
import type { WebChatService } from '../../lib/service/WebChatService';
import { settledHeap } from '../collectGarbage';
import { nodeService } from '../nodeService';
import { remotePlayground } from '../remotePlayground';
import type { RemotePlayground } from '../remotePlayground';
import type { BenchContext, FigureResult, Row } from '../report';
import { kb, ms, ratio } from '../report';
import { playgroundConfig } from '../../spec/helpers/playgroundConfig';
import type { PlaygroundTransport } from '../../spec/helpers/playgroundConfig';

/** Starts in flight at once while sessions are opened. */
const startConcurrency = 25;
/** The GMS poll gap reaches pollRateMax (3 s) about 13 s after the start: wait that out before measuring. */
const rampMs = 14_000;
/** Issue 15's goal for an idle session's heap at 1,000 sessions. */
const goalKB = 20;

/** What one size of one transport measured. */
interface ScaleRun {
  sessions: number;
  heapPerSession: number;
  cpuMsPerMinute: number;
  serverRequestsPerMinute: number;
}

/** The identities of live server-side sessions, for the floor to reuse. */
type Started = SessionData[];

/**
 * Figure 6: N concurrent idle sessions in this process against the playground (in its own process,
 * so this process's CPU and heap are the clients'): heap per session (settled heap after the
 * starts minus before, over N) and the CPU time of an idle minute (measured over a window of real
 * time once the GMS poll ramp is over, scaled to 60 s), at two sizes to show the growth. The
 * server's request count over the same window confirms the sessions were really polling.
 *
 * Honest parts: an untimed warm-up run (small, short) precedes each transport, so the first size's
 * CPU is not the JIT's; the sizes run small-first for one transport and large-first for the next;
 * the floor at the large size is the same sessions held by the least a client can do — a bare
 * poller (`fetch` of GMS `refresh` every pollRateMax, one timer each) or a bare `ws` socket on the
 * Cloud event stream — measured the same way right after the service's run, on the same sessions.
 */
export async function scale(context: BenchContext, transports: readonly PlaygroundTransport[] = ['gms-v2', 'purecloud-v2']): Promise<FigureResult> {
  const sizes = context.quick ? [50, 200] : [100, 1_000];
  const windowMs = context.quick ? 4_000 : 20_000;
  const settleMs = context.quick ? 3_000 : rampMs;
  const rows: Row[] = [];
  const data: Record<string, unknown> = { windowMs };
  const playground = await remotePlayground({ agent: 'manual' });
  try {
    for (const [t, transport] of transports.entries()) {
      await scaleRun(playground, transport, context.quick ? 20 : 50, 2_000, 1_000);
      const order = t % 2 === 0 ? sizes : [...sizes].reverse();
      const runs: ScaleRun[] = [];
      let floor: ScaleRun | undefined;
      for (const sessions of order) {
        const keep: Started = [];
        const run = await scaleRun(playground, transport, sessions, windowMs, settleMs, sessions === sizes[sizes.length - 1] ? keep : undefined);
        runs.push(run);
        context.log(`scale ${transport} ×${sessions}: ${kb(run.heapPerSession)} heap/session, ${ms(run.cpuMsPerMinute)} CPU per idle minute, server saw ${Math.round(run.serverRequestsPerMinute)} requests/min`);
        if (keep.length > 0) {
          floor = await floorRun(playground, transport, keep, windowMs, settleMs);
          context.log(`scale floor ${transport} ×${sessions}: ${kb(floor.heapPerSession)} heap/session, ${ms(floor.cpuMsPerMinute)} CPU per idle minute, server saw ${Math.round(floor.serverRequestsPerMinute)} requests/min`);
        }
      }
      runs.sort((x, y) => x.sessions - y.sessions);
      data[transport] = { runs, floor };
      const [small, large] = runs;
      const floorName = transport === 'purecloud-v2' ? 'bare ws' : 'bare poller';
      for (const run of runs) {
        const growth = run === large ? ` · ×${(large.sessions / small.sessions).toFixed(0)} sessions: heap ×${(large.heapPerSession / small.heapPerSession).toFixed(2)}/session, CPU ×${(large.cpuMsPerMinute / small.cpuMsPerMinute).toFixed(1)}` : '';
        const withFloor = run === large && floor;
        rows.push({
          figure: '6',
          what: `${run.sessions.toLocaleString('en')} idle sessions, ${transport}${context.quick && transport === 'gms-v2' ? ' (quick: in the poll ramp)' : ''}`,
          value: `${kb(run.heapPerSession)} heap/session, CPU ${(run.cpuMsPerMinute / 1000).toFixed(2)} s/min (${((run.cpuMsPerMinute / 60_000) * 100).toFixed(1)}% of a core)`,
          ...(withFloor
            ? {
                floor: `${floorName}: ${kb(floor!.heapPerSession)}/session, CPU ${(floor!.cpuMsPerMinute / 1000).toFixed(2)} s/min`,
                ratio: `heap ${ratio(run.heapPerSession, floor!.heapPerSession)}, CPU ${ratio(run.cpuMsPerMinute, floor!.cpuMsPerMinute)}`,
              }
            : {}),
          comparison: `server saw ${Math.round(run.serverRequestsPerMinute).toLocaleString('en')} req/min${withFloor ? ` (floor's: ${Math.round(floor!.serverRequestsPerMinute).toLocaleString('en')})` : ''}${growth}`,
          ...(run === large ? { goal: `≤ ${goalKB} KB heap/session`, met: run.heapPerSession <= goalKB * 1024 } : {}),
        });
      }
    }
  } finally {
    await playground.close();
  }
  return { id: 'scale', rows, data };
}

/** Heap, CPU and the server's count of one window, once the clients were made (`before` = settled heap before them). */
async function measureWindow(playground: RemotePlayground, before: number, sessions: number, windowMs: number, settleMs: number): Promise<ScaleRun> {
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
}

/**
 * The heap once what the previous run let go is gone: destroyed sessions close their sockets and
 * requests over a few turns, so `before` waits for that (2 s), then collects.
 */
async function quietHeap(): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  return settledHeap();
}

async function scaleRun(playground: RemotePlayground, transport: PlaygroundTransport, sessions: number, windowMs: number, settleMs: number, keep?: Started): Promise<ScaleRun> {
  const before = await quietHeap();
  const chats: WebChatService[] = [];
  try {
    for (let i = 0; i < sessions; i += startConcurrency) {
      const batch = Array.from({ length: Math.min(startConcurrency, sessions - i) }, () => nodeService(playgroundConfig(transport, playground.url)));
      chats.push(...batch);
      await Promise.all(batch.map((chat) => firstValueFrom(chat.startChat({ nickname: 'Ada' }).pipe(timeout(30_000)))));
    }
    const run = await measureWindow(playground, before, sessions, windowMs, settleMs);
    keep?.push(...chats.map((chat) => ({ ...chat.state.sessionData })));
    return run;
  } finally {
    for (const chat of chats) chat.destroy();
  }
}

/**
 * The floor: the same server sessions held by the least a client can do. GMS: one timer and one
 * `fetch` of `refresh` every pollRateMax (3 s), reading the body with `JSON.parse`. Cloud: one bare
 * `ws` socket on the session's event stream, parsing each frame.
 */
async function floorRun(playground: RemotePlayground, transport: PlaygroundTransport, sessions: Started, windowMs: number, settleMs: number): Promise<ScaleRun> {
  const before = await quietHeap();
  const stops: Array<() => void> = [];
  try {
    if (transport === 'purecloud-v2') {
      await Promise.all(
        sessions.map(
          (data) =>
            new Promise<void>((resolve, reject) => {
              const socket = new WebSocket(String((data as CloudSessionData).WebSocketUrl));
              socket.on('message', (frame) => JSON.parse(frame.toString()));
              socket.once('open', () => resolve());
              socket.once('error', reject);
              stops.push(() => socket.terminate());
            }),
        ),
      );
    } else {
      const dataURL = playgroundConfig('gms-v2', playground.url).dataURL;
      for (const data of sessions as GmsSessionData[]) {
        let timer: ReturnType<typeof setTimeout> | undefined;
        let stopped = false;
        const poll = async () => {
          const body = new URLSearchParams({ userId: data.userId ?? '', secureKey: data.secureKey ?? '', alias: data.alias ?? '', transcriptPosition: '1', message: '' });
          try {
            JSON.parse(await (await fetch(`${dataURL}/${data.sessionID}/refresh`, { method: 'POST', body })).text());
          } catch {
            // A floor that fails a poll just polls again.
          }
          if (!stopped) timer = setTimeout(poll, 3_000);
        };
        timer = setTimeout(poll, Math.random() * 3_000);
        stops.push(() => {
          stopped = true;
          clearTimeout(timer);
        });
      }
    }
    return await measureWindow(playground, before, sessions.length, windowMs, Math.min(settleMs, 4_000));
  } finally {
    for (const stop of stops) stop();
  }
}
