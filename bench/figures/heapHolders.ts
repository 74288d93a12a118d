import { firstValueFrom, timeout } from 'rxjs';
import type { WebChatService } from '../../lib/service/WebChatService';
import { settledHeap } from '../collectGarbage';
import { heapByConstructor, heapGrowth } from '../heapByConstructor';
import { nodeService } from '../nodeService';
import { remotePlayground } from '../remotePlayground';
import type { BenchContext, FigureResult, Row } from '../report';
import { kb } from '../report';
import { playgroundConfig } from '../../spec/helpers/playgroundConfig';
import type { PlaygroundTransport } from '../../spec/helpers/playgroundConfig';

/** How many kinds of object each transport's row names. */
const shown = 8;

/**
 * Figure 6b (diagnostic, for issue 15's heap goal): what an idle session's heap is made of. Heap
 * snapshots of this process by kind ({@link heapByConstructor}) before and after N started idle
 * sessions (after a warm-up of 20 that come and go), the difference over N: the largest kinds per
 * session, with their count. A diagnosis, not a cost: its floor is figure 6's.
 */
export async function heapHolders(context: BenchContext, transports: readonly PlaygroundTransport[] = ['gms-v2', 'purecloud-v2']): Promise<FigureResult> {
  const sessions = context.quick ? 100 : 300;
  const rows: Row[] = [];
  const data: Record<string, unknown> = { sessions };
  const playground = await remotePlayground({ agent: 'manual' });
  try {
    for (const transport of transports) {
      const start = async (count: number) => {
        const chats: WebChatService[] = [];
        for (let i = 0; i < count; i += 25) {
          const batch = Array.from({ length: Math.min(25, count - i) }, () => nodeService(playgroundConfig(transport, playground.url)));
          chats.push(...batch);
          await Promise.all(batch.map((chat) => firstValueFrom(chat.startChat({ nickname: 'Ada' }).pipe(timeout(30_000)))));
        }
        return chats;
      };
      const warm = await start(20);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      for (const chat of warm) chat.destroy();
      const heapBefore = settledHeap();
      const before = heapByConstructor();
      // A snapshot stops this process for a while: let the event loop see the sockets the server closed meanwhile.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const chats = await start(sessions);
      try {
        await new Promise((resolve) => setTimeout(resolve, context.quick ? 2_000 : 5_000));
        const perSession = (settledHeap() - heapBefore) / sessions;
        const growth = heapGrowth(before, heapByConstructor(), sessions);
        await new Promise((resolve) => setTimeout(resolve, 300));
        data[transport] = { perSession, kinds: growth.slice(0, 40) };
        context.log(`heap holders ${transport}: ${kb(perSession)}/session; ${growth.slice(0, shown).map((k) => `${k.kind} ${kb(k.size)} (${k.count.toFixed(0)})`).join(', ')}`);
        rows.push({
          figure: '6b',
          what: `Heap of an idle session by kind, ${transport} (${sessions} sessions)`,
          value: `${kb(perSession)}/session`,
          comparison: growth
            .slice(0, shown)
            .map((k) => `${k.kind.replace(/^object:/, '')} ${kb(k.size)} ×${k.count.toFixed(0)}`)
            .join(' · '),
        });
      } finally {
        for (const chat of chats) chat.destroy();
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  } finally {
    await playground.close();
  }
  return { id: 'heapHolders', rows, data };
}
