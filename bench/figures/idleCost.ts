import { firstValueFrom, timeout } from 'rxjs';
import { nodeService } from '../nodeService';
import { remotePlayground } from '../remotePlayground';
import type { RemotePlayground, RequestCounts } from '../remotePlayground';
import type { BenchContext, FigureResult, Row } from '../report';
import { ratio } from '../report';
import { playgroundConfig } from '../../spec/helpers/playgroundConfig';
import type { PlaygroundTransport } from '../../spec/helpers/playgroundConfig';
import { WarpScheduler } from '../warpScheduler';

/** The playground's cloud heartbeat at its default, in (warped) client time. */
const heartbeatMs = 10_000;

/**
 * The floor of the steady state: what a bare client at the contract's defaults must send
 * (`contract.md` §11) — a poller that asks once per pollRateMax (GMS: 3 s) or 3 s after each poll
 * ends (Nexus: at most 20), a push client nothing. Counted from the contract, not measured: a bare
 * poller's count is its period by construction.
 */
const floorPerMinute: Record<PlaygroundTransport, { count: number; label: string }> = {
  'gms-v2': { count: 20, label: 'bare poller at pollRateMax 3 s: 20' },
  'gms-v2-cometd': { count: 0, label: 'bare Bayeux client: 0 chat requests (the /meta/connect is held)' },
  'nexus-v3': { count: 20, label: 'bare poller, 3 s after each poll: ≤ 20' },
  'purecloud-v2': { count: 0, label: 'bare ws: 0 (6 heartbeats/min come in)' },
};

/**
 * Figure 5: chat-protocol requests per minute of one idle session (started, nobody answers) per
 * transport at default settings, counted in the playground's request log (`socket` = an event
 * stream attach). Time is warped ({@link WarpScheduler}): the client's minute passes in
 * `60 / factor` real seconds while its requests go over real loopback HTTP; the playground's
 * heartbeat is sped up by the same factor so the socket watchdog sees its usual rhythm. Minute 1
 * includes the GMS fast-poll ramp (500 ms growing ×1.2 to 3 s); minute 2 is the steady state.
 */
export async function idleCost(context: BenchContext, transports: readonly PlaygroundTransport[] = ['gms-v2', 'nexus-v3', 'purecloud-v2']): Promise<FigureResult> {
  const factor = context.quick ? 30 : 15;
  const minuteMs = 60_000 / factor;
  const rows: Row[] = [];
  const data: Record<string, unknown> = { factor };
  const playground = await remotePlayground({ agent: 'manual', heartbeatIntervalMs: heartbeatMs / factor });
  try {
    for (const transport of transports) {
      const minutes = await idleMinutes(playground, transport, factor, minuteMs);
      if (!minutes) {
        rows.push({ figure: '5', what: `Idle requests/min, ${transport}`, value: 'n/a', comparison: 'the playground does not speak it yet' });
        continue;
      }
      data[transport] = minutes;
      context.log(`idle ${transport}: minute 1 ${JSON.stringify(minutes[0].byRoute)}, minute 2 ${JSON.stringify(minutes[1].byRoute)}`);
      rows.push({
        figure: '5',
        what: `Idle requests/min, ${transport} (minute 1 / steady)`,
        value: `${minutes[0].total} / ${minutes[1].total}`,
        floor: floorPerMinute[transport].label,
        ratio: floorPerMinute[transport].count > 0 ? ratio(minutes[1].total, floorPerMinute[transport].count) : minutes[1].total === 0 ? '= floor' : `+${minutes[1].total}`,
        comparison: describe(minutes[1]),
      });
    }
  } finally {
    await playground.close();
  }
  return { id: 'idleCost', rows, data };
}

/** The request counts of the first two idle minutes of one session, or `undefined` when it cannot start. */
async function idleMinutes(playground: RemotePlayground, transport: PlaygroundTransport, factor: number, minuteMs: number): Promise<[RequestCounts, RequestCounts] | undefined> {
  const chat = nodeService(playgroundConfig(transport, playground.url), { scheduler: new WarpScheduler(factor) });
  try {
    try {
      await firstValueFrom(chat.startChat({ nickname: 'Ada' }).pipe(timeout(10_000)));
    } catch {
      return undefined;
    }
    const started = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 2 * minuteMs));
    return [await playground.requests(started, started + minuteMs), await playground.requests(started + minuteMs, started + 2 * minuteMs)];
  } finally {
    chat.destroy();
  }
}

/** `12 refresh` or `1 socket`, the routes of a minute. */
function describe(counts: RequestCounts): string {
  const routes = Object.entries(counts.byRoute).map(([route, n]) => `${n} ${route.split(' ')[1]}`);
  return routes.length > 0 ? routes.join(', ') : 'no request';
}
