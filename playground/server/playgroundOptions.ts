import type { FaultRule } from './faults';

/** How `startPlayground()` is configured; every field is optional. */
export interface PlaygroundOptions {
  /** Default 0: an ephemeral port (tests); `npm start` uses 8280. */
  port?: number;
  /** Default `'127.0.0.1'`. */
  host?: string;
  /** `'auto'` (default): a simulated agent joins and answers. `'manual'`: only the agent API acts. */
  agent?: 'auto' | 'manual';
  /** The Nexus `x-api-key`; default `'playground-key'`. */
  nexusApiKey?: string;
  /** When set, GMS requests need the header `apikey: <this>` (else HTTP 401 plain text). */
  gmsApiKey?: string;
  /** GMS: longest accepted `message` (send, customNotice) before error 204; default 4000. */
  gmsMaxMessageLength?: number;
  /** Auto agent: delay between a routable session and the agent's join; default 1000. */
  autoAgentDelayMs?: number;
  /** Auto agent: how long it "types" before each message; default 600. */
  autoAgentTypingMs?: number;
  /** Cloud socket heartbeat period; default 10000 (under the client's 14000 watchdog). */
  heartbeatIntervalMs?: number;
  /** Seed of the fault RNG; default 1. */
  seed?: number;
  /**
   * How many entries `requestLog` keeps (the oldest go first); default: all of them (tests and the
   * benchmarks count requests). `npm start` keeps the last 10000, so a long run does not grow it.
   */
  requestLogLimit?: number;
  /**
   * Default false. When true, each `requestLog` entry carries a `detail` (method, path, query, the
   * headers that matter, the parsed body, the answer), secrets replaced by `redactSecret()`
   * digests: what the wire fidelity specs compare with their fixtures.
   */
  recordRequests?: boolean;
  /** Fault rules active from the start. */
  faults?: FaultRule[];
  /** The repository root, to serve `dist/` and `playground/pages/`; default: found from the working directory. */
  staticRoot?: string;
  /** Where diagnostic lines go; default: nowhere. */
  log?: (line: string) => void;
}

export type ResolvedPlaygroundOptions = Required<Omit<PlaygroundOptions, 'gmsApiKey' | 'faults'>> & {
  gmsApiKey?: string;
  faults: FaultRule[];
};

/**
 * Applies the defaults of {@link PlaygroundOptions}.
 *
 * @param options What the caller gave.
 * @param findRoot Where the repository root is when `staticRoot` is not given.
 */
export function resolvePlaygroundOptions(options: PlaygroundOptions, findRoot: () => string): ResolvedPlaygroundOptions {
  return {
    port: options.port ?? 0,
    host: options.host ?? '127.0.0.1',
    agent: options.agent ?? 'auto',
    nexusApiKey: options.nexusApiKey ?? 'playground-key',
    ...(options.gmsApiKey !== undefined ? { gmsApiKey: options.gmsApiKey } : {}),
    gmsMaxMessageLength: options.gmsMaxMessageLength ?? 4000,
    autoAgentDelayMs: options.autoAgentDelayMs ?? 1000,
    autoAgentTypingMs: options.autoAgentTypingMs ?? 600,
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? 10000,
    seed: options.seed ?? 1,
    requestLogLimit: options.requestLogLimit ?? Infinity,
    recordRequests: options.recordRequests ?? false,
    faults: options.faults ?? [],
    staticRoot: options.staticRoot ?? findRoot(),
    log: options.log ?? (() => undefined),
  };
}
