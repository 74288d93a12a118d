import type { BusPromise, Deferred } from './deferred';

/**
 * The shapes of the CXBus-compatible bus (`cxbus.md`): what subscribers and command handlers
 * receive, the plugin interface `registerPlugin` returns, and `window.CXBus` itself.
 */

/** What a subscriber receives, as its one argument (`cxbus.md` §4). `data` is `{}` when nothing was published. */
export interface BusEvent<D = unknown> {
  time: number;
  publisher: string;
  event: string;
  data: D;
}

/** What a command handler receives (`cxbus.md` §5). The handler MUST settle `deferred`. */
export interface CommandEnvelope<D = Record<string, unknown>> {
  time: number;
  /** The caller's namespace; private commands compare it (§8). */
  commander: string;
  /** The full name, `Plugin.command`. */
  command: string;
  deferred: Deferred;
  /** The options after the `before` hooks; `{}` when omitted. */
  data: D;
}

/** A subscriber of `subscribe(event, fn)`: gets the published event. */
export type EventCallback = (event: BusEvent) => unknown;
/** A command handler of `registerCommand(name, fn)`: gets the envelope (options, deferred, commander) and settles the deferred. */
export type CommandHandler = (envelope: CommandEnvelope) => unknown;
/** Gets the options object and MUST return it (possibly changed); anything but an object vetoes (§7). */
export type BeforeHook = (options: Record<string, unknown>) => unknown;

/** One entry of a plugin's data store (`cxbus.md` §10). */
export interface DataEntry<T = unknown> {
  last: T | undefined;
  value: T;
  time: number;
}

/** `registry()`: every plugin's registered events and commands (§3). */
export type BusRegistry = Record<string, { events: string[]; commands: string[] }>;

/** The interface `registerPlugin(name)` returns (`cxbus.md` §3). */
export interface PluginInterface {
  /** Publishes `<own namespace>.<evt>` to the current subscribers; `true`. */
  publish(evt: string, data?: unknown): boolean;
  /** As `publish`, and keeps `data` as the sticky copy replayed to later subscribers. */
  republish(evt: string, data?: unknown): boolean;
  /** As `publish`, logged only when someone listens (noisy events). */
  publishDirect(evt: string, data?: unknown): boolean;
  /** Exact full name, no wildcards. Returns the name (also valid for `unsubscribe`), or `false`. */
  subscribe(event: string, fn: EventCallback): string | false;
  /** Removes this plugin's callbacks for `event` (all of them, or just `fn`). */
  unsubscribe(event: string, fn?: EventCallback): boolean;
  /** Sends a command; a dot-less name gets this plugin's namespace. Never hangs (§6, product). */
  command<T = unknown>(command: string, options?: unknown): BusPromise<T>;
  /** Adds a global `before` hook for a full command name. */
  before(command: string, fn: BeforeHook): boolean;
  /** Registers `<own namespace>.<name>`; the last registration wins. */
  registerCommand(name: string, fn: CommandHandler): boolean;
  /** Registry metadata only. */
  registerEvents(names: string | readonly string[]): void;
  /** Marks the plugin ready and replays its buffered commands in order. Does not publish anything. */
  ready(): void;
  /** `data(key, value)` sets, `data(key)` gets (`'Other.key'` reads another plugin), `data()` is the store. */
  data(): Record<string, DataEntry>;
  data(key: string, value?: unknown): unknown;
  namespace(): string;
  registry(): BusRegistry;
  /** `{event: [subscriber namespaces]}` for every event of this namespace. */
  subscribers(): Record<string, string[]>;
}

/** `CXBus.configure(opts)` (`cxbus.md` §11). */
export interface BusConfig {
  debug: boolean;
  async: boolean;
  log: boolean;
  logStore: boolean;
  loadPlugins?: unknown;
  pluginsPath: string;
  pluginFilenameFormat: string;
  pluginMap: Record<string, string | false>;
  unlocked: boolean;
  /** Product: how long a command waits for its target to become ready (§6 step 5). */
  commandTimeout: number;
}

/** What `registerMaster()` hands out once (the App takes it). */
export interface BusMaster {
  lock(): void;
  unlock(): void;
  config(options: Partial<BusConfig>): void;
}

/** `window.CXBus` (`cxbus.md` §2, every 9.0.018 method). */
export interface CXBus {
  registerPlugin(name: unknown): PluginInterface | false;
  registerMaster(): BusMaster | undefined;
  loadPlugin(name: string): BusPromise;
  loadFile(url: string): BusPromise;
  loadModule(name: string): BusPromise;
  registerModule(name: string, factory: unknown): boolean;
  configure(options?: Partial<BusConfig>): void;
  command<T = unknown>(command: string, options?: unknown): BusPromise<T>;
  subscribe(event: string, fn: EventCallback): string | false;
  data(): Record<string, DataEntry>;
  data(key: string, value?: unknown): unknown;
  /** Present only after `configure({unlocked: true})` (a debugging backdoor). */
  getPluginInterface?: (name: string) => PluginInterface | undefined;
}
