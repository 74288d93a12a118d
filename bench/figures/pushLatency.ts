import { firstValueFrom } from 'rxjs';
import WebSocket from 'ws';
import type { CloudSessionData } from '../../lib/model/results';
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

/**
 * Figure 4: server frame written → `messageReceived` delivered, Genesys Cloud over a loopback
 * WebSocket. The playground runs in this process, so one clock times both ends: the agent's line
 * is written to the socket synchronously inside `agent.say()`, and the time is taken again in the
 * `messageReceived` subscriber. One message at a time, with a short random pause in between. The
 * comparison is a bare `ws` client on the same event stream (receive, `JSON.parse`, match), run
 * after the service has gone so neither delays the other.
 */
export async function pushLatency(context: BenchContext): Promise<FigureResult> {
  const samples = context.quick ? 100 : 500;
  const playground = await startPlayground({ agent: 'manual' });
  try {
    const chat = nodeService(playgroundConfig('purecloud-v2', playground.url));
    let service: number[];
    let socketUrl: string;
    let id: string;
    try {
      await firstValueFrom(chat.startChat({ nickname: 'Ada' }));
      const data = chat.state.sessionData as CloudSessionData;
      socketUrl = String(data.WebSocketUrl);
      id = storeSessionId(data);
      // Routing starts once the socket is attached (wire-purecloud-v2 §9): then the agent can join.
      await until(() => playground.store.get(id)?.routable === true, 5_000, 'the guest socket');
      const joined = waitFor(chat.on('agentConnected'), () => true, 5_000, 'agentConnected');
      playground.agent.join(id, { name: 'Dana' });
      await joined;
      service = await measure(playground, id, samples, (text, delivered) => {
        const subscription = chat.on('messageReceived').subscribe((e) => {
          if (e.messages.some((m) => m.text === text)) delivered(performance.now());
        });
        return () => subscription.unsubscribe();
      });
    } finally {
      chat.destroy();
    }
    const socket = new WebSocket(socketUrl);
    let bare: number[];
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('open', () => resolve());
        socket.once('error', reject);
      });
      bare = await measure(playground, id, samples, (text, delivered) => {
        const listener = (data: WebSocket.RawData) => {
          const frame = JSON.parse(data.toString()) as { eventBody?: { body?: string } };
          if (frame.eventBody?.body === text) delivered(performance.now());
        };
        socket.on('message', listener);
        return () => socket.off('message', listener);
      });
    } finally {
      socket.terminate();
    }
    const p50 = percentile(service, 50);
    const p99 = percentile(service, 99);
    const bare50 = percentile(bare, 50);
    const bare99 = percentile(bare, 99);
    context.log(`push latency: service p50 ${ms(p50)} p99 ${ms(p99)}; bare ws p50 ${ms(bare50)} p99 ${ms(bare99)}`);
    return {
      id: 'pushLatency',
      rows: [
        { figure: '4', what: 'Push latency p50, purecloud-v2 (frame → messageReceived)', value: ms(p50), comparison: `${ratio(p50, bare50)} a bare ws client (${ms(bare50)})` },
        { figure: '4', what: 'Push latency p99, purecloud-v2', value: ms(p99), comparison: `${ratio(p99, bare99)} a bare ws client (${ms(bare99)})` },
      ],
      data: { samples, serviceMs: service, bareWsMs: bare },
    };
  } finally {
    await playground.close();
  }
}

/**
 * `count` agent lines, one at a time: each is timed from just before `agent.say()` (which writes
 * the frame) to the moment `listen` reports it delivered.
 */
async function measure(playground: Playground, id: string, count: number, listen: (text: string, delivered: (at: number) => void) => () => void): Promise<number[]> {
  const latencies: number[] = [];
  for (let n = 0; n < warmUp + count; n++) {
    const text = `ping ${n} ${Math.random()}`;
    let stop = () => undefined as void;
    const delivered = new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`line ${n} not delivered within ${sampleLimitMs} ms`)), sampleLimitMs);
      stop = listen(text, (at) => {
        clearTimeout(timer);
        resolve(at);
      });
    });
    const written = performance.now();
    playground.agent.say(id, text);
    try {
      const at = await delivered;
      if (n >= warmUp) latencies.push(at - written);
    } finally {
      stop();
    }
    await new Promise((resolve) => setTimeout(resolve, 2 + Math.random() * 8));
  }
  return latencies;
}

/** Resolves once `check()` holds, checking every 10 ms; rejects after `ms`. */
async function until(check: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
