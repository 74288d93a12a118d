/** @jest-environment jsdom */
import { Rejections, pluginNotReady } from '../../lib/model/rejections';
import type { CommandEnvelope } from '../../lib/cxbus/types';
import { busWith, macrotasks, outcome, register } from './busHarness';

describe('bus commands (cxbus.md §5, §6)', () => {
  describe('envelope and routing', () => {
    it('gives the handler exactly {time, commander, command, deferred, data}', async () => {
      const { bus, plugin } = busWith();
      const target = register(bus, 'WebChatService');
      let envelope: CommandEnvelope | undefined;
      target.registerCommand('startChat', (e) => {
        envelope = e;
        e.deferred.resolve('ok');
      });
      target.ready();
      await outcome(plugin.command('WebChatService.startChat', { nickname: 'Ada' }));
      expect(Object.keys(envelope!).sort()).toEqual(['command', 'commander', 'data', 'deferred', 'time']);
      expect(envelope).toMatchObject({ commander: 'MyPlugin', command: 'WebChatService.startChat', data: { nickname: 'Ada' }, time: expect.any(Number) });
      expect(typeof envelope!.deferred.resolve).toBe('function');
    });

    it('passes {} when the options are omitted', async () => {
      const { plugin } = busWith();
      plugin.registerCommand('echo', (e) => e.deferred.resolve(e.data));
      plugin.ready();
      expect(await outcome(plugin.command('MyPlugin.echo'))).toEqual({ state: 'resolved', args: [{}] });
    });

    it('resolves the caller’s promise with every argument the handler resolves with', async () => {
      const { plugin } = busWith();
      plugin.registerCommand('two', (e) => e.deferred.resolve('a', 'b'));
      plugin.ready();
      expect(await outcome(plugin.command('MyPlugin.two'))).toEqual({ state: 'resolved', args: ['a', 'b'] });
    });

    it('uses commander "CXBus" for CXBus.command', async () => {
      const { bus, plugin } = busWith();
      plugin.registerCommand('who', (e) => e.deferred.resolve(e.commander));
      plugin.ready();
      expect((await outcome(bus.command('MyPlugin.who'))).args).toEqual(['CXBus']);
    });

    it('gives a dot-less command the caller’s namespace', async () => {
      const { plugin } = busWith();
      plugin.registerCommand('local', (e) => e.deferred.resolve(e.command));
      plugin.ready();
      expect((await outcome(plugin.command('local'))).args).toEqual(['MyPlugin.local']);
    });

    it('runs the handler in a later macrotask, never inside command()', async () => {
      const { plugin } = busWith();
      const handler = jest.fn((e: CommandEnvelope) => e.deferred.resolve());
      plugin.registerCommand('go', handler);
      plugin.ready();
      const promise = plugin.command('go');
      expect(handler).not.toHaveBeenCalled();
      await outcome(promise);
      expect(handler).toHaveBeenCalledTimes(1);
    });

    it('lets a plugin command itself before it is ready', async () => {
      const { plugin } = busWith();
      plugin.registerCommand('self', (e) => e.deferred.resolve('ran'));
      expect((await outcome(plugin.command('MyPlugin.self'))).args).toEqual(['ran']);
    });

    it('replaces a command on a second registerCommand (last wins) and returns true', async () => {
      const { plugin } = busWith();
      expect(plugin.registerCommand('v', (e) => e.deferred.resolve(1))).toBe(true);
      expect(plugin.registerCommand('v', (e) => e.deferred.resolve(2))).toBe(true);
      plugin.ready();
      expect((await outcome(plugin.command('v'))).args).toEqual([2]);
    });

    it('rejects with the thrown value when a handler throws (product)', async () => {
      const { plugin } = busWith();
      const error = new Error('handler bug');
      plugin.registerCommand('bad', () => { throw error; });
      plugin.ready();
      expect(await outcome(plugin.command('bad'))).toEqual({ state: 'rejected', args: [error] });
    });
  });

  describe('never hangs (product)', () => {
    it('rejects an unknown command on a ready plugin with "Command does not exist"', async () => {
      const { bus, plugin } = busWith();
      register(bus, 'WebChatService').ready();
      expect(await outcome(plugin.command('WebChatService.noSuchCommand'))).toEqual({ state: 'rejected', args: [Rejections.noCommand] });
    });

    it.each([['a.b.c'], ['.startChat'], ['WebChatService.'], [''], [42]])('rejects the malformed name %p with "Command does not exist"', async (name) => {
      const { plugin } = busWith();
      expect(await outcome(plugin.command(name as string))).toEqual({ state: 'rejected', args: [Rejections.noCommand] });
    });

    it('rejects a command to a plugin that never becomes ready after commandTimeout, with the plugin name and the timeout', async () => {
      const { bus, plugin } = busWith();
      bus.configure({ commandTimeout: 40 });
      register(bus, 'Sleepy');
      const started = Date.now();
      expect(await outcome(plugin.command('Sleepy.wake'))).toEqual({ state: 'rejected', args: [pluginNotReady('Sleepy', 40)] });
      expect(Date.now() - started).toBeGreaterThanOrEqual(35);
      expect(pluginNotReady('Sleepy', 40)).toBe("Plugin 'Sleepy' did not become ready within 40 ms");
    });

    it('rejects a command to a plugin that is never registered after commandTimeout (no loader)', async () => {
      const { bus, plugin } = busWith();
      bus.configure({ commandTimeout: 30 });
      expect(await outcome(plugin.command('Nobody.there'))).toEqual({ state: 'rejected', args: [pluginNotReady('Nobody', 30)] });
    });

    it('defaults commandTimeout to 30000 ms', () => {
      jest.useFakeTimers();
      try {
        const { bus, plugin } = busWith();
        register(bus, 'Sleepy');
        const promise = plugin.command('Sleepy.wake');
        jest.advanceTimersByTime(29999);
        expect(promise.state()).toBe('pending');
        jest.advanceTimersByTime(1);
        expect(promise.state()).toBe('rejected');
      } finally {
        jest.useRealTimers();
      }
    });
  });

  describe('buffering until ready()', () => {
    it('buffers commands to a registered-but-not-ready plugin and replays them in order on ready()', async () => {
      const { bus, plugin } = busWith();
      const target = register(bus, 'Late');
      const order: unknown[] = [];
      target.registerCommand('do', (e) => {
        order.push(e.data.n);
        e.deferred.resolve(e.data.n);
      });
      const calls = [1, 2, 3].map((n) => plugin.command('Late.do', { n }));
      await macrotasks(2);
      expect(order).toEqual([]);
      expect(calls.map((c) => c.state())).toEqual(['pending', 'pending', 'pending']);
      target.ready();
      await Promise.all(calls.map((c) => outcome(c)));
      expect(order).toEqual([1, 2, 3]);
    });

    it('runs commands sent before the plugin registered once it registers and calls ready()', async () => {
      const { bus, plugin } = busWith();
      const promise = plugin.command('Later.hello', { x: 1 });
      await macrotasks();
      const later = register(bus, 'Later');
      later.registerCommand('hello', (e) => e.deferred.resolve(e.data));
      later.ready();
      expect(await outcome(promise)).toEqual({ state: 'resolved', args: [{ x: 1 }] });
    });

    it('rejects a replayed unknown command with "Command does not exist" (product)', async () => {
      const { bus, plugin } = busWith();
      const target = register(bus, 'Late');
      const promise = plugin.command('Late.missing');
      target.ready();
      expect(await outcome(promise)).toEqual({ state: 'rejected', args: [Rejections.noCommand] });
    });

    it('does not publish <NS>.ready on ready()', async () => {
      const { bus, plugin } = busWith();
      const fn = jest.fn();
      plugin.subscribe('Late.ready', fn);
      register(bus, 'Late').ready();
      await macrotasks(2);
      expect(fn).not.toHaveBeenCalled();
    });
  });

  describe('before hooks (cxbus.md §7)', () => {
    it('lets a hook that returns the options rewrite them', async () => {
      const { bus, plugin } = busWith();
      const target = register(bus, 'WebChat');
      target.registerCommand('open', (e) => e.deferred.resolve(e.data));
      target.ready();
      expect(plugin.before('WebChat.open', (o) => ({ ...o, form: { autoSubmit: true } }))).toBe(true);
      expect((await outcome(plugin.command('WebChat.open', { a: 1 }))).args).toEqual([{ a: 1, form: { autoSubmit: true } }]);
    });

    it('gives the hook the options object, not the envelope', () => {
      const { bus, plugin } = busWith();
      register(bus, 'T').ready();
      const hook = jest.fn((o) => o);
      plugin.before('T.x', hook);
      plugin.command('T.x', { k: 'v' });
      expect(hook).toHaveBeenCalledWith({ k: 'v' });
    });

    it('runs hooks synchronously inside command(), in registration order, from any plugin', () => {
      const { bus, plugin } = busWith();
      const other = register(bus, 'Other');
      register(bus, 'T').ready();
      const order: string[] = [];
      plugin.before('T.x', (o) => (order.push('mine'), o));
      other.before('T.x', (o) => (order.push('other'), o));
      bus.command('T.x');
      expect(order).toEqual(['mine', 'other']);
    });

    it.each([['undefined (a missing return)', undefined], ['null', null], ['false', false], ['a string', 'x']])(
      'vetoes when a hook returns %s',
      async (_label, value) => {
        const { bus, plugin } = busWith();
        const target = register(bus, 'T');
        const handler = jest.fn();
        target.registerCommand('x', handler);
        target.ready();
        plugin.before('T.x', () => value);
        expect(await outcome(plugin.command('T.x', {}))).toEqual({ state: 'rejected', args: ["Command was cancelled by a 'before' function."] });
        expect(handler).not.toHaveBeenCalled();
      },
    );

    it('skips the later hooks after a veto', () => {
      const { plugin } = busWith();
      const later = jest.fn((o) => o);
      plugin.before('T.x', () => undefined);
      plugin.before('T.x', later);
      plugin.command('T.x');
      expect(later).not.toHaveBeenCalled();
    });

    it('treats a throwing hook as a veto (product)', async () => {
      const { plugin } = busWith();
      plugin.before('T.x', () => { throw new Error('hook bug'); });
      expect((await outcome(plugin.command('T.x'))).args).toEqual([Rejections.beforeVeto]);
    });

    it('rejects asynchronously: the veto is not visible inside command()', () => {
      const { plugin } = busWith();
      plugin.before('T.x', () => null);
      expect(plugin.command('T.x').state()).toBe('pending');
    });

    it('vetoes options that are a string or a number even without hooks', async () => {
      const { bus, plugin } = busWith();
      register(bus, 'T').ready();
      expect((await outcome(plugin.command('T.x', 'text'))).args).toEqual([Rejections.beforeVeto]);
      expect((await outcome(plugin.command('T.x', 7))).args).toEqual([Rejections.beforeVeto]);
    });
  });

  describe('built-in commands and registry (cxbus.md §3)', () => {
    it('gives every plugin COMMANDS, EVENTS and LOAD', async () => {
      const { plugin } = busWith('WebChatService');
      plugin.registerEvents(['ready', 'started']);
      plugin.registerCommand('startChat', (e) => e.deferred.resolve());
      plugin.ready();
      expect((await outcome(plugin.command('WebChatService.COMMANDS'))).args).toEqual([['COMMANDS', 'EVENTS', 'LOAD', 'startChat']]);
      expect((await outcome(plugin.command('WebChatService.EVENTS'))).args).toEqual([['ready', 'started']]);
      expect(await outcome(plugin.command('WebChatService.LOAD'))).toEqual({ state: 'resolved', args: [undefined] });
    });

    it('registry() maps every plugin to its events and commands', () => {
      const { bus, plugin } = busWith('WebChatService');
      expect(plugin.registerEvents('ready')).toBeUndefined();
      plugin.registerCommand('startChat', () => {});
      register(bus, 'Other');
      expect(plugin.registry()).toEqual({
        CXBus: { events: [], commands: ['COMMANDS', 'EVENTS', 'LOAD'] },
        WebChatService: { events: ['ready'], commands: ['COMMANDS', 'EVENTS', 'LOAD', 'startChat'] },
        Other: { events: [], commands: ['COMMANDS', 'EVENTS', 'LOAD'] },
      });
    });

    it('namespace() is the plugin name', () => {
      expect(busWith('QuickBus').plugin.namespace()).toBe('QuickBus');
    });
  });
});
