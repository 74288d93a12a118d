/** @jest-environment jsdom */
import { createBus } from '../../lib/cxbus/createBus';
import { Rejections } from '../../lib/model/rejections';
import type { BusEvent } from '../../lib/cxbus/types';
import { busWith, macrotasks, outcome, recordingLogger, register } from './busHarness';

describe('createBus (cxbus.md §2, §10, §11)', () => {
  describe('window.CXBus surface', () => {
    it('has every 9.0.018 method', () => {
      const bus = createBus();
      for (const method of ['registerPlugin', 'registerMaster', 'loadPlugin', 'loadFile', 'loadModule', 'registerModule', 'configure', 'command', 'subscribe', 'data']) {
        expect(typeof (bus as unknown as Record<string, unknown>)[method]).toBe('function');
      }
    });

    it('returns the plugin interface with every §3 member from registerPlugin', () => {
      const plugin = createBus().registerPlugin('MyPlugin');
      for (const member of ['publish', 'republish', 'publishDirect', 'subscribe', 'unsubscribe', 'command', 'before', 'registerCommand', 'registerEvents', 'ready', 'data', 'namespace', 'registry', 'subscribers']) {
        expect(typeof (plugin as unknown as Record<string, unknown>)[member]).toBe('function');
      }
    });

    it('returns false (no throw) for a taken name, exact and case-sensitive', () => {
      const bus = createBus();
      expect(bus.registerPlugin('MyPlugin')).not.toBe(false);
      expect(bus.registerPlugin('MyPlugin')).toBe(false);
      expect(bus.registerPlugin('myplugin')).not.toBe(false);
    });

    it('returns false for a name that is not a string, and for the bus’s own name', () => {
      const bus = createBus();
      expect(bus.registerPlugin(42)).toBe(false);
      expect(bus.registerPlugin(undefined)).toBe(false);
      expect(bus.registerPlugin('CXBus')).toBe(false);
    });

    it('hands out registerMaster() once; its lock() blocks new registrations until unlock()', () => {
      const bus = createBus();
      const master = bus.registerMaster();
      expect(bus.registerMaster()).toBeUndefined();
      master!.lock();
      expect(bus.registerPlugin('Blocked')).toBe(false);
      master!.unlock();
      expect(bus.registerPlugin('Blocked')).not.toBe(false);
    });

    it('exposes getPluginInterface only with configure({unlocked: true})', () => {
      const bus = createBus();
      const plugin = register(bus, 'P');
      expect(bus.getPluginInterface).toBeUndefined();
      bus.configure({ unlocked: true });
      expect(bus.getPluginInterface!('P')).toBe(plugin);
      bus.configure({ unlocked: false });
      expect(bus.getPluginInterface).toBeUndefined();
    });
  });

  describe('data() (cxbus.md §10)', () => {
    it('sets with data(key, value) and returns the current value', () => {
      const { plugin } = busWith();
      expect(plugin.data('open', true)).toBe(true);
      expect(plugin.data('open')).toBe(true);
    });

    it('reads another plugin’s store with data("Other.key")', () => {
      const { bus, plugin } = busWith();
      register(bus, 'WebChat').data('open', false);
      expect(plugin.data('WebChat.open')).toBe(false);
    });

    it('returns the whole own store as {key: {last, value, time}} with data()', () => {
      const { plugin } = busWith();
      plugin.data('a', 1);
      plugin.data('a', 2);
      expect(plugin.data()).toEqual({ a: { last: 1, value: 2, time: expect.any(Number) } });
    });

    it('reads the bus’s own store through CXBus.data', () => {
      const bus = createBus();
      bus.data('k', 'v');
      expect(bus.data('k')).toBe('v');
      expect(bus.data('CXBus.k')).toBe('v');
    });

    it('publishes <NS>.data, <NS>.data.<key> and <NS>.data.<key>:<value> on a change', async () => {
      const { bus, plugin } = busWith();
      const service = register(bus, 'WebChatService');
      const seen: BusEvent[] = [];
      for (const name of ['WebChatService.data', 'WebChatService.data.sessionActive', 'WebChatService.data.sessionActive:true', "WebChatService.data.mode:'gms-v2'"]) {
        plugin.subscribe(name, (e) => seen.push(e));
      }
      service.data('sessionActive', true);
      service.data('mode', 'gms-v2');
      await macrotasks(6);
      expect(seen.map((e) => e.event)).toEqual([
        'WebChatService.data',
        'WebChatService.data.sessionActive',
        'WebChatService.data.sessionActive:true',
        'WebChatService.data',
        "WebChatService.data.mode:'gms-v2'",
      ]);
      expect(seen[1].data).toEqual({ last: undefined, value: true, time: expect.any(Number) });
      expect(seen[3].data).toEqual({ sessionActive: expect.objectContaining({ value: true }), mode: expect.objectContaining({ value: 'gms-v2' }) });
    });

    it('publishes nothing when the value did not change (loose comparison)', async () => {
      const { plugin } = busWith();
      plugin.data('n', 1);
      const fn = jest.fn();
      plugin.subscribe('MyPlugin.data.n', fn);
      plugin.data('n', 1);
      plugin.data('n', '1');
      await macrotasks(2);
      expect(fn).not.toHaveBeenCalled();
    });
  });

  describe('loaders (cxbus.md §2)', () => {
    it('rejects loadPlugin without a pluginsPath with the contract text', async () => {
      const bus = createBus({ document });
      expect(await outcome(bus.loadPlugin('WebChat'))).toEqual({ state: 'rejected', args: [Rejections.loadFailed] });
    });

    it('rejects loadPlugin, loadFile and loadModule without a DOM', async () => {
      const bus = createBus({ config: { pluginsPath: '/plugins' } });
      for (const p of [bus.loadPlugin('WebChat'), bus.loadFile('/x.js'), bus.loadModule('m')]) {
        expect((await outcome(p)).args).toEqual([Rejections.loadFailed]);
      }
    });

    it('injects <script src = pluginsPath + lower-cased name + ".min.js"> and resolves on load', async () => {
      const bus = createBus({ document, config: { pluginsPath: '/plugins' } });
      const promise = bus.loadPlugin('WebChat');
      const script = document.head.querySelector('script:last-of-type') as HTMLScriptElement;
      expect(script.getAttribute('src')).toBe('/plugins/webchat.min.js');
      script.dispatchEvent(new Event('load'));
      expect(await outcome(promise)).toEqual({ state: 'resolved', args: [undefined] });
    });

    it('uses pluginMap over pluginsPath, and a false entry blocks the plugin', async () => {
      const bus = createBus({ document, config: { pluginsPath: '/plugins/', pluginMap: { A: '/elsewhere/a.js', B: false } } });
      bus.loadPlugin('A');
      expect((document.head.querySelector('script:last-of-type') as HTMLScriptElement).getAttribute('src')).toBe('/elsewhere/a.js');
      expect((await outcome(bus.loadPlugin('B'))).args).toEqual([Rejections.loadFailed]);
    });

    it('rejects loadPlugin of a registered plugin (case-insensitive) and a second load of the same file', async () => {
      const bus = createBus({ document, config: { pluginsPath: '/p' } });
      register(bus, 'WebChatService');
      expect((await outcome(bus.loadPlugin('webchatservice'))).state).toBe('rejected');
      bus.loadPlugin('Once');
      expect((await outcome(bus.loadPlugin('Once'))).state).toBe('rejected');
    });

    it('rejects with the contract text when the script fails to load', async () => {
      const bus = createBus({ document });
      const promise = bus.loadFile('/missing.js');
      (document.head.querySelector('script:last-of-type') as HTMLScriptElement).dispatchEvent(new Event('error'));
      expect(await outcome(promise)).toEqual({ state: 'rejected', args: [Rejections.loadFailed] });
    });

    it('resolves loadModule with the factory the module registered', async () => {
      const bus = createBus({ document, config: { pluginsPath: '/p' } });
      const factory = () => 'module';
      const promise = bus.loadModule('tools');
      expect((document.head.querySelector('script:last-of-type') as HTMLScriptElement).getAttribute('src')).toBe('/p/tools.mod.js');
      bus.registerModule('tools', factory);
      expect(await outcome(promise)).toEqual({ state: 'resolved', args: [factory] });
    });

    it('lazy-loads the target of a command to an unregistered plugin, then runs it once the plugin is ready', async () => {
      const bus = createBus({ document, config: { pluginsPath: '/p' } });
      const caller = register(bus, 'Caller');
      const promise = caller.command('Lazy.hello', { n: 1 });
      const script = document.head.querySelector('script:last-of-type') as HTMLScriptElement;
      expect(script.getAttribute('src')).toBe('/p/lazy.min.js');
      const lazy = register(bus, 'Lazy');
      lazy.registerCommand('hello', (e) => e.deferred.resolve(e.data));
      lazy.ready();
      script.dispatchEvent(new Event('load'));
      expect(await outcome(promise)).toEqual({ state: 'resolved', args: [{ n: 1 }] });
    });

    it('rejects a command whose target failed to lazy-load with the contract text', async () => {
      const bus = createBus({ document, config: { pluginsPath: '/p' } });
      const promise = bus.command('Broken.hello');
      (document.head.querySelector('script:last-of-type') as HTMLScriptElement).dispatchEvent(new Event('error'));
      expect(await outcome(promise)).toEqual({ state: 'rejected', args: ['Could not load plugin file in given location. Check your plugins path option.'] });
    });
  });

  describe('configure (cxbus.md §11)', () => {
    it('adds a trailing / to pluginsPath', () => {
      const bus = createBus({ document });
      bus.configure({ pluginsPath: '/plugins' });
      bus.loadPlugin('X');
      expect((document.head.querySelector('script:last-of-type') as HTMLScriptElement).getAttribute('src')).toBe('/plugins/x.min.js');
    });

    it('logs debug lines only with debug: true, and nothing with log: false', () => {
      const logger = recordingLogger();
      const bus = createBus({ logger });
      const plugin = register(bus, 'P');
      plugin.publish('quiet');
      expect(logger.lines.filter((l) => l.level === 'debug')).toEqual([]);
      bus.configure({ debug: true });
      plugin.publish('loud');
      expect(logger.lines.some((l) => l.level === 'debug' && String(l.args[0]).includes('P.loud'))).toBe(true);
      bus.configure({ log: false });
      const before = logger.lines.length;
      plugin.publish('silenced');
      expect(logger.lines.length).toBe(before);
    });

    it('never logs event payloads or command options (they may hold secrets)', async () => {
      const logger = recordingLogger();
      const bus = createBus({ logger, config: { debug: true } });
      const plugin = register(bus, 'WebChatService');
      plugin.subscribe('WebChatService.started', () => {});
      plugin.publish('started', { secureKey: 'SECRET-KEY' });
      plugin.command('WebChatService.restore', { sessionData: 'SECRET-JWT' });
      plugin.ready();
      await macrotasks(2);
      expect(JSON.stringify(logger.lines)).not.toMatch(/SECRET/);
    });
  });
});
