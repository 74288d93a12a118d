import { firstValueFrom } from 'rxjs';
import type { CloudSessionData, GmsSessionData, SessionData } from '../../lib/model/results';
import { memoryStorage } from '../../lib/storage/memoryStorage';
import type { KeyValueStorage } from '../../lib/platform/platform';
import { nodeService } from '../nodeService';
import { remotePlayground } from '../remotePlayground';
import type { RemotePlayground } from '../remotePlayground';
import type { BenchContext, FigureResult, Row } from '../report';
import { ms, ratio } from '../report';
import { median } from '../stats';
import { playgroundConfig, storeSessionId } from '../../spec/helpers/playgroundConfig';
import type { PlaygroundTransport } from '../../spec/helpers/playgroundConfig';
import { waitFor } from '../waitFor';

/** The goal: 10,000 messages restored in under this. */
const goalMs = 150;
/** A restore of 100k messages moves ~20 MB through xhr2: the 3 s GMS default would cut it off. */
const ajaxTimeout = 120_000;

/** One seeded chat: the storage a page would keep between navigations, and the server-side identity. */
interface SeededChat {
  storage: KeyValueStorage;
  sessionData: SessionData;
  size: number;
}

/**
 * Figure 3: time to restore a transcript of 1,000, 10,000 and 100,000 messages from the playground
 * over loopback — a new service instance on the storage of the previous page life, from creation
 * to the `messageReceived` with `restoring: true` that carries all of them (Genesys Cloud with
 * `pagination: false`, so every page is read). The playground runs in its own process, so the
 * bench process's CPU time is the client's alone. The comparison is the bare wire: the same
 * requests with Node's fetch and `JSON.parse`, nothing else, alternated run by run with the
 * restores. In Node the service's requests go through xhr2 (the XMLHttpRequest rxjs/ajax needs
 * there), a cost a browser does not pay: the ratio over the floor is an upper bound. Growth = figure(10×) / figure(1×):
 * 10 is linear.
 */
export async function restoreCost(context: BenchContext, transports: readonly PlaygroundTransport[] = ['gms-v2', 'purecloud-v2']): Promise<FigureResult> {
  const sizes = context.quick ? [1_000, 10_000] : [1_000, 10_000, 100_000];
  // 100k cloud messages are 1,000 sequential pages (≈ 13 s here): two runs keep the full pass near 4 minutes.
  const runsFor = (transport: PlaygroundTransport, size: number) => (size >= 100_000 ? (transport === 'purecloud-v2' ? 2 : 3) : size >= 10_000 ? 5 : 7) - (context.quick ? 2 : 0);
  const rows: Row[] = [];
  const data: Record<string, unknown> = {};
  const playground = await remotePlayground({ agent: 'manual' });
  try {
    for (const transport of transports) {
      let previous: { wall: number; cpu: number } | undefined;
      for (const size of sizes) {
        const chat = await seedChat(playground, transport, size);
        // Untimed first: one restore and one bare read of this very chat (JIT, the server's caches,
        // the keep-alive connection), so the timed runs of both start warm.
        if (size < 100_000 || !previous) {
          await timeRestore(playground, transport, chat);
          await bareWire(playground, transport, chat);
        }
        const runs = runsFor(transport, size);
        // The bare wire of 100k cloud messages walks 1,000 pages: one run says enough.
        const wireRuns = size >= 100_000 ? 1 : runs;
        const cpu: number[] = [];
        const restoreMs: number[] = [];
        const wireMs: number[] = [];
        for (let run = 0; run < runs; run++) {
          // The order alternates run by run, so neither always runs second on a warmer server.
          const restoreOnce = async () => {
            const { wall, cpuMs } = await timeRestore(playground, transport, chat);
            restoreMs.push(wall);
            cpu.push(cpuMs);
          };
          const wireOnce = async () => {
            if (run < wireRuns) wireMs.push(await bareWire(playground, transport, chat));
          };
          if (run % 2 === 0) {
            await restoreOnce();
            await wireOnce();
          } else {
            await wireOnce();
            await restoreOnce();
          }
        }
        const wire = { median: median(wireMs) };
        const current = { wall: median(restoreMs), cpu: median(cpu) };
        data[`${transport}_${size}`] = { restoreMs, clientCpuMs: cpu, wireMs };
        context.log(`restore ${transport} ${size}: ${ms(current.wall)} (client CPU ${ms(current.cpu)}, bare wire ${ms(wire.median)})`);
        const growth = previous ? `growth ×${(current.wall / previous.wall).toFixed(1)} (client CPU ×${(current.cpu / previous.cpu).toFixed(1)}) · ` : '';
        rows.push({
          figure: '3',
          what: `Restore ${size.toLocaleString('en')} msgs, ${transport}`,
          value: `${ms(current.wall)} (client CPU ${ms(current.cpu)})`,
          floor: `fetch + JSON.parse ${ms(wire.median)}`,
          ratio: ratio(current.wall, wire.median),
          comparison: `${growth}Node pays xhr2 (the platform's XMLHttpRequest here), which a browser does not`,
          ...(size === 10_000 ? { goal: `< ${goalMs} ms`, met: current.wall < goalMs } : {}),
        });
        previous = current;
      }
    }
  } finally {
    await playground.close();
  }
  return { id: 'restoreCost', rows, data };
}

/** A chat of `size` agent messages on the playground, whose page went away (the storage stays). */
async function seedChat(playground: RemotePlayground, transport: PlaygroundTransport, size: number): Promise<SeededChat> {
  const storage = memoryStorage();
  const chat = nodeService(playgroundConfig(transport, playground.url), { storage });
  let sessionData: SessionData;
  try {
    await firstValueFrom(chat.startChat({ nickname: 'Ada' }));
    sessionData = chat.state.sessionData;
  } finally {
    chat.destroy();
  }
  const id = storeSessionId(sessionData);
  await playground.seed(id, size);
  return { storage, sessionData, size };
}

/** Wall and client CPU milliseconds from a new service instance to its restore replay; checks that every message came back. */
async function timeRestore(playground: RemotePlayground, transport: PlaygroundTransport, chat: SeededChat): Promise<{ wall: number; cpuMs: number }> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const service = nodeService(playgroundConfig(transport, playground.url, { ajaxTimeout, transport: { pagination: false } }), { storage: chat.storage });
  try {
    const replay = await waitFor(service.on('messageReceived'), (e) => e.restoring, 60_000, `the ${transport} restore replay`);
    const wall = performance.now() - started;
    const used = process.cpuUsage(cpu);
    const lines = replay.messages.filter((m) => m.type === 'Message').length;
    if (lines !== chat.size) throw new Error(`${transport} restored ${lines} of ${chat.size} messages`);
    return { wall, cpuMs: (used.user + used.system) / 1000 };
  } finally {
    service.destroy();
  }
}

/** Milliseconds for the restore's requests with fetch + JSON.parse alone (the wire and the server). */
async function bareWire(playground: RemotePlayground, transport: PlaygroundTransport, chat: SeededChat): Promise<number> {
  const started = performance.now();
  let messages = 0;
  if (transport === 'gms-v2') {
    const data = chat.sessionData as GmsSessionData;
    const body = new URLSearchParams({ userId: data.userId ?? '', secureKey: data.secureKey ?? '', alias: data.alias ?? '', transcriptPosition: '1', message: '' });
    const response = await fetch(`${playgroundConfig('gms-v2', playground.url).dataURL}/${data.sessionID}/refresh`, { method: 'POST', body });
    const envelope = JSON.parse(await response.text()) as { messages?: Array<{ type?: string }> };
    messages = (envelope.messages ?? []).filter((m) => m.type === 'Message').length;
  } else {
    const data = chat.sessionData as CloudSessionData;
    const headers = { Authorization: `Bearer ${data.jwt}` };
    let next: string | undefined = `/api/v2/webchat/guest/conversations/${data.conversationId}/messages?sortOrder=ascending&maxResults=100`;
    for (let pages = 0; next && pages < 10_000; pages++) {
      const page = JSON.parse(await (await fetch(`${playground.url}${next}`, { headers })).text()) as { entities?: Array<{ bodyType?: string }>; next?: string };
      messages += (page.entities ?? []).filter((m) => m.bodyType === 'standard').length;
      next = page.next;
    }
    await (await fetch(`${playground.url}/api/v2/webchat/guest/conversations/${data.conversationId}/members`, { headers })).text();
  }
  if (messages !== chat.size) throw new Error(`bare ${transport} read ${messages} of ${chat.size} messages`);
  return performance.now() - started;
}
