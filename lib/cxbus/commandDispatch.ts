import { timer } from 'rxjs';
import type { Observable, SchedulerLike, Subscription } from 'rxjs';
import type { Logger } from '../platform/platform';
import { Rejections, pluginNotReady } from '../model/rejections';
import { createDeferred } from './deferred';
import type { BusPromise, Deferred } from './deferred';
import type { BeforeHook, CommandEnvelope, CommandHandler } from './types';

/** Command routing of the bus (`cxbus.md` §6, §7). */
export interface CommandDispatch {
  command(commander: string, command: unknown, options: unknown): BusPromise;
  registerCommand(namespace: string, name: string, fn: CommandHandler): void;
  /** The short names registered for `namespace`, in registration order. */
  commands(namespace: string): string[];
  before(command: string, fn: BeforeHook): void;
  /** Marks `namespace` ready and replays its buffered commands in order. */
  ready(namespace: string): void;
}

export interface CommandDispatchDeps {
  scheduler: SchedulerLike;
  now(): number;
  logger: Logger;
  /** `commandTimeout` (ms), read per command; a non-positive or non-finite value waits forever. */
  commandTimeout(): number;
  isRegistered(namespace: string): boolean;
  /** Lazy-loads a missing plugin: emits `true` when its script loaded, `false` when it failed; `undefined` = no loader. */
  load(namespace: string): Observable<boolean> | undefined;
}

interface Waiting {
  envelope: CommandEnvelope;
  timeout?: Subscription;
}

/**
 * Creates the command side of the bus.
 *
 * `command()` normalizes the name (a dot-less name takes the caller's namespace; anything but
 * `Plugin.cmd` rejects `Command does not exist`), runs the `before` hooks synchronously (a
 * non-object result vetoes), then runs the handler in a later macrotask, or buffers the command
 * until the target calls `ready()`. Product (`cxbus.md` §6): nothing hangs — an unknown command
 * rejects `Command does not exist`, a target that is not ready within `commandTimeout` rejects
 * `Plugin '<NS>' did not become ready within <N> ms`, a throwing handler rejects with the throw.
 *
 * ```
 * command('Late.go')  : c-------------
 * Late.ready()        : -----r--------
 * handler runs        : ------h-------   (buffered, then replayed in order)
 * command('Never.go') : c-------------
 * commandTimeout      : |--- N ms ---x   rejects pluginNotReady('Never', N)
 * ```
 *
 * @example
 * const dispatch = commandDispatch({ scheduler: asyncScheduler, now: Date.now, logger, commandTimeout: () => 30000, isRegistered, load: () => undefined });
 * dispatch.registerCommand('Echo', 'say', (e) => e.deferred.resolve(e.data));
 * dispatch.ready('Echo');
 * dispatch.command('MyPlugin', 'Echo.say', { text: 'hi' }).done((data) => …);
 */
export function commandDispatch(deps: CommandDispatchDeps): CommandDispatch {
  const handlers = new Map<string, Map<string, CommandHandler>>();
  const hooks = new Map<string, BeforeHook[]>();
  const readySet = new Set<string>();
  const waiting = new Map<string, Waiting[]>();
  const loading = new Set<string>();

  const later = (fn: () => void) => deps.scheduler.schedule(fn);

  const run = (envelope: CommandEnvelope) =>
    later(() => {
      const { deferred, command } = envelope;
      const [namespace, name] = command.split('.');
      const handler = handlers.get(namespace)?.get(name);
      if (!handler) {
        deferred.reject(Rejections.noCommand);
        return;
      }
      try {
        handler(envelope);
      } catch (error) {
        // cxbus.md §6 (product): the shipped bus left the caller pending forever.
        deps.logger.error(`[CXBus] the handler of ${command} threw`, error);
        deferred.reject(error);
      }
    });

  const applyHooks = (command: string, options: unknown): Record<string, unknown> | undefined => {
    let data: unknown = options === undefined || options === null ? {} : options;
    if (!isObject(data)) return undefined;
    for (const hook of hooks.get(command) ?? []) {
      try {
        data = hook(data as Record<string, unknown>);
      } catch (error) {
        // cxbus.md §7 (product): a throwing hook is a veto.
        deps.logger.error(`[CXBus] a before hook of ${command} threw`, error);
        return undefined;
      }
      if (!isObject(data)) return undefined;
    }
    return data as Record<string, unknown>;
  };

  const wait = (namespace: string, envelope: CommandEnvelope) => {
    const entry: Waiting = { envelope };
    const ms = deps.commandTimeout();
    if (ms > 0 && Number.isFinite(ms)) {
      entry.timeout = timer(ms, deps.scheduler).subscribe(() => {
        dequeue(namespace, entry);
        envelope.deferred.reject(pluginNotReady(namespace, ms));
      });
    }
    waiting.set(namespace, [...(waiting.get(namespace) ?? []), entry]);
    // The shipped bus's warning says the same at length (cxbus.md §6 step 5).
    deps.logger.debug(`[CXBus] ${namespace} not ready: ${envelope.command} buffered`);
    if (!deps.isRegistered(namespace) && !loading.has(namespace)) lazyLoad(namespace);
  };

  const lazyLoad = (namespace: string) => {
    const load$ = deps.load(namespace);
    if (!load$) return; // No loader: wait for registration + ready, bounded by commandTimeout (§6 step 6).
    loading.add(namespace);
    load$.subscribe((ok) => {
      loading.delete(namespace);
      if (ok) return; // Buffered commands run when the loaded plugin calls ready(); befores are not re-run.
      for (const entry of waiting.get(namespace) ?? []) {
        entry.timeout?.unsubscribe();
        entry.envelope.deferred.reject(Rejections.loadFailed);
      }
      waiting.delete(namespace);
    });
  };

  const dequeue = (namespace: string, entry: Waiting) => {
    const rest = (waiting.get(namespace) ?? []).filter((e) => e !== entry);
    if (rest.length) waiting.set(namespace, rest);
    else waiting.delete(namespace);
  };

  return {
    command(commander, command, options) {
      const deferred: Deferred = createDeferred({ logger: deps.logger });
      const name = typeof command === 'string' && !command.includes('.') ? `${commander}.${command}` : command;
      const parts = typeof name === 'string' ? name.split('.') : [];
      if (parts.length !== 2 || !parts[0] || !parts[1]) {
        // cxbus.md §6 step 1 (product): the shipped bus never settled a malformed name.
        later(() => deferred.reject(Rejections.noCommand));
        return deferred.promise();
      }
      const full = name as string;
      const data = applyHooks(full, options);
      if (!data) {
        later(() => deferred.reject(Rejections.beforeVeto));
        return deferred.promise();
      }
      const envelope: CommandEnvelope = { time: deps.now(), commander, command: full, deferred, data };
      deps.logger.debug(`[CXBus] ${commander} → ${full}`);
      const namespace = parts[0];
      if (readySet.has(namespace) || namespace === commander) run(envelope);
      else wait(namespace, envelope);
      return deferred.promise();
    },
    registerCommand(namespace, name, fn) {
      const table = handlers.get(namespace) ?? new Map<string, CommandHandler>();
      table.set(name, fn);
      handlers.set(namespace, table);
    },
    commands: (namespace) => [...(handlers.get(namespace)?.keys() ?? [])],
    before(command, fn) {
      hooks.set(command, [...(hooks.get(command) ?? []), fn]);
    },
    ready(namespace) {
      readySet.add(namespace);
      const entries = waiting.get(namespace) ?? [];
      waiting.delete(namespace);
      for (const entry of entries) {
        entry.timeout?.unsubscribe();
        run(entry.envelope);
      }
    },
  };
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}
