/** @jest-environment jsdom */
import { Subject } from 'rxjs';
import { bootstrapWidgets } from '../../lib/cxbus/bootstrapWidgets';
import type { GenesysWidgets, WidgetsWindow } from '../../lib/cxbus/bootstrapWidgets';
import { createBus } from '../../lib/cxbus/createBus';
import { autoLoadListKey } from '../../lib/cxbus/registerAppPlugin';
import type { BusEvent, CXBus, PluginInterface } from '../../lib/cxbus/types';
import { memoryStorage } from '../../lib/storage/memoryStorage';
import type { KeyValueStorage } from '../../lib/platform/platform';
import { macrotasks, outcome, recordingLogger, register } from './busHarness';
import { fakeWebChatService } from './fakeWebChatService';

const page = window as Window & WidgetsWindow;

function boot(widgets: GenesysWidgets = {}, storage: KeyValueStorage = memoryStorage()) {
  page._genesys = { widgets };
  const fake = fakeWebChatService();
  const createService = jest.fn(() => fake.service);
  const logger = recordingLogger();
  const result = bootstrapWidgets({ window: page, createService, storage, logger });
  return { ...result, fake, createService, logger, storage };
}

describe('bootstrapWidgets (cxbus.md §1, §12)', () => {
  beforeEach(() => {
    delete page.CXBus;
    delete page._genesys;
    sessionStorage.clear();
  });

  it('creates window.CXBus with every 9.0.018 method', () => {
    boot();
    for (const method of ['registerPlugin', 'registerMaster', 'loadPlugin', 'loadFile', 'loadModule', 'registerModule', 'configure', 'command', 'subscribe', 'data']) {
      expect(typeof (page.CXBus as unknown as Record<string, unknown>)[method]).toBe('function');
    }
  });

  it('registers CXBus, App, QuickBus and WebChatService', () => {
    const { bus } = boot();
    expect(Object.keys((bus.registerPlugin('Probe') as PluginInterface).registry())).toEqual(['CXBus', 'App', 'QuickBus', 'WebChatService', 'Probe']);
  });

  it('sets _genesys.widgets.bus to a plugin interface that also has registerPlugin', () => {
    boot();
    const quickBus = page._genesys!.widgets!.bus!;
    expect(quickBus.namespace()).toBe('QuickBus');
    expect(typeof quickBus.command).toBe('function');
    const mine = quickBus.registerPlugin('MyPlugin');
    expect(mine && mine.namespace()).toBe('MyPlugin');
    expect(quickBus.registerPlugin('MyPlugin')).toBe(false);
  });

  it('sends QuickBus commands with commander "QuickBus"', async () => {
    const { bus, quickBus } = boot();
    const target = register(bus, 'Target');
    target.registerCommand('who', (e) => e.deferred.resolve(e.commander));
    target.ready();
    expect((await outcome(quickBus!.command('Target.who'))).args).toEqual(['QuickBus']);
  });

  it('calls function extensions with ($, CXBus, Common) before App.ready', async () => {
    const jQuery = () => undefined;
    (page as { jQuery?: unknown }).jQuery = jQuery;
    const calls: unknown[][] = [];
    let readyBefore: unknown;
    boot({
      extensions: {
        mine(...args: unknown[]) {
          calls.push(args);
          readyBefore = (args[1] as CXBus).data('App.ready');
        },
      },
    });
    delete (page as { jQuery?: unknown }).jQuery;
    expect(calls).toHaveLength(1);
    expect(calls[0][0]).toBe(jQuery);
    expect(calls[0][1]).toBe(page.CXBus);
    expect(calls[0][2]).toEqual({ Cookie: { get: expect.any(Function), set: expect.any(Function), remove: expect.any(Function) }, cookieOptions: {}, log: expect.any(Function) });
    expect(readyBefore).toBeUndefined();
  });

  it('keeps going when an extension throws, and logs it', () => {
    const { logger } = boot({ extensions: { broken: () => { throw new Error('ext'); }, fine: () => undefined } });
    expect(page._genesys!.widgets!.bus).toBeDefined();
    expect(logger.lines.some((l) => l.level === 'error' && String(l.args[0]).includes('broken'))).toBe(true);
  });

  it('republishes App.ready (sticky) with the whole widgets config, and sets App.data ready and sessionStorage', async () => {
    const widgets: GenesysWidgets = { main: { lang: 'en' }, webchat: { dataURL: 'https://x/genesys/2/chat/cs' } };
    const { bus } = boot(widgets);
    const seen: BusEvent[] = [];
    bus.subscribe('App.ready', (e) => seen.push(e));
    await macrotasks();
    expect(seen.map((e) => [e.event, e.data])).toEqual([['App.ready', widgets]]);
    expect(bus.data('App.ready')).toBe(true);
    expect(sessionStorage.getItem('Widgets.ready')).toBe('true');
  });

  it('calls onReady once, with QuickBus, after App.ready', () => {
    const onReady = jest.fn((bus) => (bus as PluginInterface).data('App.ready'));
    boot({ onReady });
    expect(onReady).toHaveBeenCalledTimes(1);
    expect(onReady.mock.calls[0][0]).toBe(page._genesys!.widgets!.bus);
    expect(onReady.mock.results[0].value).toBe(true);
  });

  it('creates the service from App.ready’s webchat and main config, and WebChatService becomes ready', async () => {
    const widgets: GenesysWidgets = { main: { lang: 'fr' }, webchat: { dataURL: 'https://x/genesys/2/chat/cs' } };
    const { createService, fake, quickBus } = boot(widgets);
    await macrotasks();
    expect(createService).toHaveBeenCalledWith(widgets.webchat, widgets.main);
    const ready = jest.fn();
    quickBus!.subscribe('WebChatService.ready', ready);
    fake.emit('ready', {});
    await macrotasks(2);
    expect(ready).toHaveBeenCalledTimes(1);
  });

  it('buffers commands sent from onReady until WebChatService is ready', async () => {
    let promise: ReturnType<PluginInterface['command']> | undefined;
    const { fake } = boot({ onReady: (bus) => void (promise = bus.command('WebChatService.getAgents')) });
    await macrotasks(2);
    expect(promise!.state()).toBe('pending');
    fake.emit('ready', {});
    expect(await outcome(promise!)).toEqual({ state: 'resolved', args: [{ name: 'getAgents' }] });
  });

  it('waits for a service created later (the back end\'s module loading) with commands buffered, then binds it', async () => {
    page._genesys = { widgets: { webchat: { dataURL: 'https://x/genesys/2/chat/cs' } } };
    const fake = fakeWebChatService();
    const later = new Subject<typeof fake.service>();
    let promise: ReturnType<PluginInterface['command']> | undefined;
    page._genesys.widgets!.onReady = (bus) => void (promise = bus.command('WebChatService.getAgents'));
    bootstrapWidgets({ window: page, createService: () => later, storage: memoryStorage(), logger: recordingLogger() });
    await macrotasks(2);
    expect(later.observed).toBe(true);
    expect(promise!.state()).toBe('pending');
    later.next(fake.service);
    fake.emit('ready', {});
    expect(await outcome(promise!)).toEqual({ state: 'resolved', args: [{ name: 'getAgents' }] });
  });

  it('joins a CXBus already on the page instead of replacing it', async () => {
    const existing = createBus();
    page.CXBus = existing;
    const app = register(existing, 'App');
    const { bus, quickBus, createService } = boot({ webchat: { dataURL: 'https://x/genesys/2/chat/cs' } });
    expect(page.CXBus).toBe(existing);
    expect(bus).toBe(existing);
    expect(quickBus).toBeUndefined();
    app.republish('ready', { webchat: { dataURL: 'https://y/genesys/2/chat/cs' }, main: {} });
    await macrotasks();
    expect(createService).toHaveBeenCalledWith({ dataURL: 'https://y/genesys/2/chat/cs' }, {});
  });

  it('injects string extensions as scripts after onReady', () => {
    const order: string[] = [];
    boot({ extensions: { remote: '/ext/remote.js' }, onReady: () => void order.push(String(document.querySelectorAll('script[src="/ext/remote.js"]').length)) });
    expect(order).toEqual(['0']);
    expect(document.querySelectorAll('script[src="/ext/remote.js"]')).toHaveLength(1);
  });

  describe('App shim', () => {
    it('maintains the auto-load list with registerAutoLoad / deregisterAutoLoad', async () => {
      const { quickBus, storage } = boot();
      await outcome(quickBus!.command('App.registerAutoLoad', { plugin: 'WebChatService' }));
      await outcome(quickBus!.command('App.registerAutoLoad', { plugin: 'WebChatService' }));
      expect(JSON.parse(storage.get(autoLoadListKey)!)).toEqual(['WebChatService']);
      await outcome(quickBus!.command('App.deregisterAutoLoad', { plugin: 'WebChatService' }));
      expect(storage.get(autoLoadListKey)).toBeFalsy();
    });

    it('changes main.header in place with updateAJAXHeader / removeAJAXHeader, keeping Authorization and apikey only', async () => {
      const widgets: GenesysWidgets = { main: {} };
      const { quickBus } = boot(widgets);
      const main = widgets.main!;
      await outcome(quickBus!.command('App.updateAJAXHeader', { Authorization: 'Bearer t', apikey: 'k', Cookie: 'no' }));
      expect(main.header).toEqual({ Authorization: 'Bearer t', apikey: 'k' });
      await outcome(quickBus!.command('App.removeAJAXHeader', { Authorization: true }));
      expect(main.header).toEqual({ apikey: 'k' });
    });

    it('turns bus debug logging on with App.debug', async () => {
      const { quickBus, logger } = boot();
      await outcome(quickBus!.command('App.debug', { enabled: true }));
      quickBus!.publish('probe');
      expect(logger.lines.some((l) => l.level === 'debug' && String(l.args[0]).includes('QuickBus.probe'))).toBe(true);
    });

    it('publishes App.language and App.timeFormat as sticky events, and pageFocus/pageHidden data', async () => {
      const { quickBus } = boot({ main: { lang: 'de', timeFormat: 24 } });
      const seen: unknown[] = [];
      quickBus!.subscribe('App.language', (e) => seen.push(e.data));
      quickBus!.subscribe('App.timeFormat', (e) => seen.push(e.data));
      await macrotasks(2);
      expect(seen).toEqual(['de', 24]);
      expect(typeof quickBus!.data('App.pageFocus')).toBe('boolean');
      expect(quickBus!.data('App.pageHidden')).toBe(false);
    });

    it('reports the page losing focus in App.data.pageFocus', () => {
      const { quickBus } = boot();
      const hasFocus = jest.spyOn(document, 'hasFocus');
      hasFocus.mockReturnValue(true);
      window.dispatchEvent(new Event('focus'));
      expect(quickBus!.data('App.pageFocus')).toBe(true);
      hasFocus.mockReturnValue(false);
      window.dispatchEvent(new Event('blur'));
      expect(quickBus!.data('App.pageFocus')).toBe(false);
      hasFocus.mockRestore();
    });
  });
});
