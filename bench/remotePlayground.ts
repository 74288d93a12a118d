import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { PlaygroundOptions } from '../playground/server/index';

/** Chat-protocol requests counted in the playground's request log, in total and per `transport route`. */
export interface RequestCounts {
  total: number;
  byRoute: Record<string, number>;
}

/** What the bench asks the playground process. */
export type PlaygroundRequest =
  | { op: 'seed'; sessionId: string; count: number }
  | { op: 'requests'; since: number; until: number }
  | { op: 'forget' }
  | { op: 'close' };

/** A request on the IPC channel, with the id its reply carries. */
export type PlaygroundCall = PlaygroundRequest & { id: number };

export type PlaygroundReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

/** A playground running in another process (see `playgroundChild.ts`). */
export interface RemotePlayground {
  url: string;
  /** Appends `count` agent lines to a chat (the agent joins first); resolves the transcript length. */
  seed(sessionId: string, count: number): Promise<number>;
  /** Requests logged with `since <= time < until` (epoch ms; both processes read the same clock). */
  requests(since: number, until: number): Promise<RequestCounts>;
  /** Empties the request log. */
  forget(): Promise<void>;
  /** Closes the playground and waits for its process to exit (killed after 10 s). */
  close(): Promise<void>;
}

/**
 * Forks the playground into its own process, so the bench process holds only clients: its
 * `process.cpuUsage()` and heap are the client's.
 *
 * @example
 * const playground = await remotePlayground({ agent: 'manual' });
 * await playground.seed(sessionId, 10_000);
 * await playground.close();
 *
 * @param options The playground's options (JSON-serializable ones).
 */
export async function remotePlayground(options: PlaygroundOptions = {}): Promise<RemotePlayground> {
  const child = fork(fileURLToPath(new URL('./playgroundChild.mjs', import.meta.url)), [JSON.stringify(options)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let nextId = 1;
  child.on('message', (reply: PlaygroundReply) => {
    const waiter = pending.get(reply.id);
    pending.delete(reply.id);
    if (reply.ok) waiter?.resolve(reply.value);
    else waiter?.reject(new Error(reply.error));
  });
  child.on('exit', () => {
    for (const waiter of pending.values()) waiter.reject(new Error('the playground process exited'));
    pending.clear();
  });
  const answer = (id: number, ms: number) =>
    new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`the playground process did not answer within ${ms} ms`));
      }, ms);
      pending.set(id, {
        resolve: (value) => (clearTimeout(timer), resolve(value)),
        reject: (error) => (clearTimeout(timer), reject(error)),
      });
    });
  const call = (message: PlaygroundRequest, ms = 120_000): Promise<unknown> => {
    const id = nextId++;
    const answered = answer(id, ms);
    child.send({ ...message, id });
    return answered;
  };
  let url: string;
  try {
    url = String(await answer(0, 30_000));
  } catch (error) {
    child.kill();
    throw error;
  }
  return {
    url,
    seed: (sessionId, count) => call({ op: 'seed', sessionId, count }) as Promise<number>,
    requests: (since, until) => call({ op: 'requests', since, until }) as Promise<RequestCounts>,
    forget: async () => void (await call({ op: 'forget' })),
    close: () => closeChild(child, () => call({ op: 'close' }, 10_000)),
  };
}

async function closeChild(child: ChildProcess, close: () => Promise<unknown>): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await close();
  } catch {
    child.kill();
  }
  const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(killer);
}
