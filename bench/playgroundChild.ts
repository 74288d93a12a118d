import { startPlayground } from '../playground/server/index';
import type { PlaygroundOptions } from '../playground/server/index';
import type { PlaygroundCall, PlaygroundReply, RequestCounts } from './remotePlayground';

/**
 * The playground in a process of its own (forked by {@link remotePlayground}), so the bench process
 * measures the client alone (CPU, heap). Options come as JSON in argv[2]; calls come over IPC.
 */
async function run(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as PlaygroundOptions;
  const playground = await startPlayground(options);
  const reply = (message: PlaygroundReply) => process.send?.(message);

  const handle = async (call: PlaygroundCall): Promise<unknown> => {
    switch (call.op) {
      case 'seed': {
        // A chat of `count` agent lines (the agent joins first when nobody is there).
        if (playground.store.agents(call.sessionId).length === 0) playground.agent.join(call.sessionId, { name: 'Dana' });
        for (let n = 1; n <= call.count; n++) playground.agent.say(call.sessionId, `line ${n}: your parcel is on its way`);
        return playground.store.get(call.sessionId)?.transcript.length ?? 0;
      }
      case 'requests': {
        const counts: RequestCounts = { total: 0, byRoute: {} };
        for (const entry of playground.requestLog) {
          if (entry.time < call.since || entry.time >= call.until) continue;
          counts.total++;
          const route = `${entry.transport} ${entry.route}`;
          counts.byRoute[route] = (counts.byRoute[route] ?? 0) + 1;
        }
        return counts;
      }
      case 'forget':
        // Long scale runs would keep every log line: drop them once counted.
        playground.requestLog.length = 0;
        return true;
      case 'close':
        await playground.close();
        return true;
    }
  };

  process.on('message', (call: PlaygroundCall) => {
    handle(call).then(
      (value) => {
        reply({ id: call.id, ok: true, value });
        if (call.op === 'close') process.disconnect();
      },
      (error: unknown) => reply({ id: call.id, ok: false, error: String(error) }),
    );
  });
  reply({ id: 0, ok: true, value: playground.url });
}

void run();
