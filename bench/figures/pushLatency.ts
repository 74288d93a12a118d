import { firstValueFrom } from 'rxjs';
import WebSocket from 'ws';
import type { CloudSessionData } from '../../lib/model/results';
import type { WebChatService } from '../../lib/service/WebChatService';
import { startPlayground } from '../../playground/server/index';
import type { Playground } from '../../playground/server/index';
import { nodeService } from '../nodeService';
import type { BenchContext, FigureResult } from '../report';
import { ms, ratio } from '../report';
import { percentile } from '../stats';
import { playgroundConfig, storeSessionId } from '../../spec/helpers/playgroundConfig';
import { waitFor } from '../waitFor';

/** Deliveries that warm up a path (the first agent message also looks its member up) and are not counted. */
const warmUp = 10;
/** No sample may take longer than this. */
const sampleLimitMs = 5_000;
/** Issue 15's goal for the service's p50. */
const goalP50 = 0.5;

/** One side of the comparison: its conversation and how it reports a line delivered. */
interface Listener {
  id: string;
  listen(text: string, delivered: (at: number) => void): () => void;
}

/**
 * Figure 4: server frame written → `messageReceived` delivered, Genesys Cloud over a loopback
 * WebSocket. The playground runs in this process, so one clock times both ends: the agent's line
 * is written to the socket synchronously inside `agent.say()`, and the time is taken again in the
 * `messageReceived` subscriber. The floor is a bare `ws` client (receive, `JSON.parse`, match) on
 * the event stream of a second conversation: both are open at once, each sample times one line on
 * each, and which goes first alternates sample by sample, so both see the same machine. Each
 * side's first lines are a warm-up and are not counted. Medians (p50) and p99.
 */
export async function pushLatency(context: BenchContext): Promise<FigureResult> {
  const samples = context.quick ? 100 : 500;
  const playground = await startPlayground({ agent: 'manual' });
  const chat = nodeService(playgroundConfig('purecloud-v2', playground.url));
  const other = nodeService(playgroundConfig('purecloud-v2', playground.url));
  let socket: WebSocket | undefined;
  try {
    const [id, otherId] = await Promise.all([joinedChat(playground, chat), joinedChat(playground, other)]);
    // The floor's conversation: its service goes, a bare socket reads the same event stream.
    const socketUrl = String((other.state.sessionData as CloudSessionData).WebSocketUrl);
    other.destroy();
    const bare = new WebSocket(socketUrl);
    socket = bare;
    await new Promise<void>((resolve, reject) => {
      bare.once('open', () => resolve());
      bare.once('error', reject);
    });
    const serviceSide: Listener = {
      id,
      listen: (text, delivered) => {
        const subscription = chat.on('messageReceived').subscribe((e) => {
          if (e.messages.some((m) => m.text === text)) delivered(performance.now());
        });
        return () => subscription.unsubscribe();
      },
    };
    const bareSide: Listener = {
      id: otherId,
      listen: (text, delivered) => {
        const listener = (data: WebSocket.RawData) => {
          const frame = JSON.parse(data.toString()) as { eventBody?: { body?: string } };
          if (frame.eventBody?.body === text) delivered(performance.now());
        };
        bare.on('message', listener);
        return () => bare.off('message', listener);
      },
    };
    const service: number[] = [];
    const floor: number[] = [];
    for (let n = 0; n < warmUp + samples; n++) {
      const pair: Array<[Listener, number[]]> = n % 2 === 0 ? [[serviceSide, service], [bareSide, floor]] : [[bareSide, floor], [serviceSide, service]];
      for (const [side, into] of pair) {
        const latency = await once(playground, side, n);
        if (n >= warmUp) into.push(latency);
      }
      await new Promise((resolve) => setTimeout(resolve, 2 + Math.random() * 8));
    }
    const p50 = percentile(service, 50);
    const p99 = percentile(service, 99);
    const bare50 = percentile(floor, 50);
    const bare99 = percentile(floor, 99);
    context.log(`push latency: service p50 ${ms(p50)} p99 ${ms(p99)}; bare ws p50 ${ms(bare50)} p99 ${ms(bare99)}`);
    return {
      id: 'pushLatency',
      rows: [
        { figure: '4', what: 'Push latency p50, purecloud-v2 (frame → messageReceived)', value: ms(p50), floor: `bare ws ${ms(bare50)}`, ratio: ratio(p50, bare50), goal: `≤ ${ms(goalP50)}`, met: p50 <= goalP50 },
        { figure: '4', what: 'Push latency p99, purecloud-v2', value: ms(p99), floor: `bare ws ${ms(bare99)}`, ratio: ratio(p99, bare99) },
      ],
      data: { samples, serviceMs: service, bareWsMs: floor },
    };
  } finally {
    socket?.terminate();
    chat.destroy();
    other.destroy();
    await playground.close();
  }
}

/** Starts `chat`, waits for its socket and has the agent join; resolves the playground's session id. */
async function joinedChat(playground: Playground, chat: WebChatService): Promise<string> {
  await firstValueFrom(chat.startChat({ nickname: 'Ada' }));
  const id = storeSessionId(chat.state.sessionData as CloudSessionData);
  // Routing starts once the socket is attached (wire-purecloud-v2 §9): then the agent can join.
  await until(() => playground.store.get(id)?.routable === true, 5_000, 'the guest socket');
  const joined = waitFor(chat.on('agentConnected'), () => true, 5_000, 'agentConnected');
  playground.agent.join(id, { name: 'Dana' });
  await joined;
  return id;
}

/**
 * One agent line on `side`'s conversation, timed from just before `agent.say()` (which writes the
 * frame) to the moment the side reports it delivered.
 */
async function once(playground: Playground, side: Listener, n: number): Promise<number> {
  const text = `ping ${n} ${Math.random()}`;
  let stop = () => undefined as void;
  const delivered = new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`line ${n} not delivered within ${sampleLimitMs} ms`)), sampleLimitMs);
    stop = side.listen(text, (at) => {
      clearTimeout(timer);
      resolve(at);
    });
  });
  const written = performance.now();
  playground.agent.say(side.id, text);
  try {
    return (await delivered) - written;
  } finally {
    stop();
  }
}

/** Resolves once `check()` holds, checking every 10 ms; rejects after `ms`. */
async function until(check: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
