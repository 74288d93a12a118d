import { Observable, asyncScheduler } from 'rxjs';
import { Rejections } from '../model/rejections';
import { busLogger } from './busLogger';
import { defaultBusConfig } from './busOptions';
import type { BusOptions } from './busOptions';
import { commandDispatch } from './commandDispatch';
import { dataStore } from './dataStore';
import { pluginData } from './pluginData';
import type { DataStore } from './dataStore';
import { createDeferred } from './deferred';
import type { BusPromise, Deferred } from './deferred';
import { eventHub } from './eventHub';
import type { PublishMode } from './eventHub';
import { loaderTexts, scriptLoader } from './scriptLoader';
import type { BusConfig, BusMaster, BusRegistry, CXBus, PluginInterface } from './types';

export { defaultBusConfig } from './busOptions';
export type { BusOptions } from './busOptions';

interface Plugin {
  iface: PluginInterface;
  events: Set<string>;
  store: DataStore;
}

/**
 * Creates a CXBus-compatible bus: the object a page knows as `window.CXBus` (`cxbus.md` §2), with
 * the plugin interface of §3, the event delivery of §4 and the command dispatch of §6–7. The bus
 * registers itself as plugin `CXBus`, so `CXBus.command` has `commander: "CXBus"`.
 *
 * Product differences, all additive: no command hangs (`Command does not exist`, `commandTimeout`),
 * `then` chains, `unsubscribe(evt, fn)` removes one callback, throwing subscribers and handlers are
 * caught (`cxbus.md` §3, §4, §6, §9).
 *
 * @example
 * const bus = createBus({ logger: console, document });
 * const plugin = bus.registerPlugin('MyPlugin') as PluginInterface;
 * plugin.subscribe('WebChatService.messageReceived', (e) => render(e.data.messages));
 * plugin.command('WebChatService.startChat', { nickname: 'Ada' }).done(onStarted).fail(onFailed);
 *
 * @param options `scheduler`, `logger`, `document`, initial `config`.
 */
export function createBus(options: BusOptions = {}): CXBus {
  const scheduler = options.scheduler ?? asyncScheduler;
  const now = () => scheduler.now();
  let config: BusConfig = { ...defaultBusConfig };
  const logger = busLogger(options.logger, () => config);
  const plugins = new Map<string, Plugin>();
  const modules = new Map<string, unknown>();
  const moduleWaiters = new Map<string, Deferred[]>();
  let locked = false;
  let masterTaken = false;

  const loader = scriptLoader(options.document, () => config);
  const hub = eventHub({ scheduler, now, async: () => config.async, logger });
  const dispatch = commandDispatch({
    scheduler,
    now,
    logger,
    commandTimeout: () => config.commandTimeout,
    isRegistered: (namespace) => plugins.has(namespace),
    load: (namespace) =>
      loader.pluginUrl(namespace) === undefined
        ? undefined
        : new Observable<boolean>((subscriber) => {
            bus.loadPlugin(namespace).always(function (this: BusPromise) {
              subscriber.next(this.isResolved());
              subscriber.complete();
            });
          }),
  });

  const deferred = () => createDeferred({ logger });
  /** Logs `line` with `value` (info), then hands the value on. */
  const logged = <T>(line: string, value: T): T => (logger.info(line, value), value);
  const rejected = (reason: unknown): BusPromise => {
    const d = deferred();
    scheduler.schedule(() => d.reject(reason));
    return d.promise();
  };
  /** Loads a script once (§6): rejects at once when it was loaded before. */
  const loadScript = (url: string): BusPromise => {
    if (loader.loaded(url)) return rejected(loaderTexts.loaded(url));
    const d = deferred();
    loader.load(url).subscribe((ok) => (ok ? d.resolve() : d.reject(Rejections.loadFailed)));
    return d.promise();
  };

  const registry = (): BusRegistry =>
    Object.fromEntries([...plugins].map(([name, p]) => [name, { events: [...p.events], commands: dispatch.commands(name) }]));

  const createPlugin = (name: string): PluginInterface => {
    // cxbus.md §3: the publisher's own namespace is always prepended.
    const publish = (evt: string, data: unknown, mode: PublishMode) => hub.publish(name, `${name}.${evt}`, data, mode);
    const emit = (mode: PublishMode) => (evt: string, data?: unknown) => {
      publish(evt, data, mode);
      return true;
    };
    const events = new Set<string>();
    const store = dataStore(publish, now);
    const iface: PluginInterface = {
      publish: emit('publish'),
      republish: emit('republish'),
      publishDirect: emit('publishDirect'),
      subscribe(event, fn) {
        if (typeof event !== 'string' || typeof fn !== 'function') return false;
        hub.subscribe(name, event, fn);
        return event;
      },
      unsubscribe: (event, fn) => hub.unsubscribe(name, event, fn),
      command: <T>(command: string, opts?: unknown) => dispatch.command(name, command, opts) as BusPromise<T>,
      before(command, fn) {
        if (typeof command !== 'string' || typeof fn !== 'function') return false;
        dispatch.before(command.includes('.') ? command : `${name}.${command}`, fn);
        return true;
      },
      registerCommand(command, fn) {
        if (typeof command !== 'string' || typeof fn !== 'function') return false;
        dispatch.registerCommand(name, command, fn);
        return true;
      },
      registerEvents(names) {
        for (const evt of typeof names === 'string' ? [names] : names) events.add(evt);
      },
      ready: () => dispatch.ready(name),
      data: pluginData(name, store, (plugin) => plugins.get(plugin)?.store),
      namespace: () => name,
      registry,
      subscribers: () => hub.subscribers(name),
    };
    // cxbus.md §3: built-in commands of every plugin.
    iface.registerCommand('COMMANDS', (e) => e.deferred.resolve(logged(`[CXBus] ${name} commands:`, dispatch.commands(name))));
    iface.registerCommand('EVENTS', (e) => e.deferred.resolve(logged(`[CXBus] ${name} events:`, [...events])));
    iface.registerCommand('LOAD', (e) => e.deferred.resolve());
    plugins.set(name, { iface, events, store });
    return iface;
  };

  const self = createPlugin('CXBus');
  self.ready();

  const bus: CXBus = {
    registerPlugin(name) {
      // cxbus.md §2: `false`, never a throw. A dotted name could never be commanded.
      if (typeof name !== 'string' || !name || name.includes('.') || plugins.has(name) || locked) return false;
      return createPlugin(name);
    },
    registerMaster(): BusMaster | undefined {
      if (masterTaken) return undefined;
      masterTaken = true;
      return { lock: () => void (locked = true), unlock: () => void (locked = false), config: (opts) => bus.configure(opts) };
    },
    loadPlugin(name) {
      const wanted = String(name).toLowerCase();
      if ([...plugins.keys()].some((p) => p.toLowerCase() === wanted)) return rejected(loaderTexts.registered(name));
      const url = loader.pluginUrl(name);
      return url === undefined ? rejected(Rejections.loadFailed) : loadScript(url);
    },
    loadFile(url) {
      return options.document ? loadScript(url) : rejected(Rejections.loadFailed);
    },
    loadModule(name) {
      const d = deferred();
      if (modules.has(name)) return d.resolve(modules.get(name)).promise();
      const url = `${config.pluginsPath}${name}.mod.js`;
      if (!options.document || !config.pluginsPath) return rejected(Rejections.loadFailed);
      moduleWaiters.set(name, [...(moduleWaiters.get(name) ?? []), d]);
      if (!loader.loaded(url)) {
        loader.load(url).subscribe(() => {
          // The module registers itself while its script runs, before `load` fires.
          for (const waiter of moduleWaiters.get(name) ?? []) waiter.reject(Rejections.loadFailed);
          moduleWaiters.delete(name);
        });
      }
      return d.promise();
    },
    registerModule(name, factory) {
      if (typeof name !== 'string' || modules.has(name)) return false;
      modules.set(name, factory);
      for (const waiter of moduleWaiters.get(name) ?? []) waiter.resolve(factory);
      moduleWaiters.delete(name);
      return true;
    },
    configure(opts = {}) {
      const next = { ...config, ...opts };
      // 9.0.018: a trailing `/` is added to pluginsPath.
      if (next.pluginsPath && !next.pluginsPath.endsWith('/')) next.pluginsPath += '/';
      if (typeof next.commandTimeout !== 'number') next.commandTimeout = defaultBusConfig.commandTimeout;
      next.pluginMap = { ...config.pluginMap, ...opts.pluginMap };
      config = next;
      if (config.unlocked) bus.getPluginInterface = (name) => plugins.get(name)?.iface;
      else delete bus.getPluginInterface;
    },
    command: (command, opts) => self.command(command, opts),
    subscribe: (event, fn) => self.subscribe(event, fn),
    data: self.data,
  };
  bus.configure(options.config);
  return bus;
}
