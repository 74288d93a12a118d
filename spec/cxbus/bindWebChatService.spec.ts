/** @jest-environment jsdom */
import { NEVER, of, throwError, EMPTY } from 'rxjs';
import { bindWebChatService, eventPublishModes } from '../../lib/cxbus/bindWebChatService';
import { createBus } from '../../lib/cxbus/createBus';
import type { BusEvent, CommandEnvelope } from '../../lib/cxbus/types';
import { createWebChatService } from '../../lib/createWebChatService';
import { webChatCommandNames } from '../../lib/model/commands';
import { webChatEventNames } from '../../lib/model/events';
import type { WebChatEventMap, WebChatEventName } from '../../lib/model/events';
import { Rejections } from '../../lib/model/rejections';
import { sendQueueTimedOut } from '../../lib/model/outbox';
import { fakeTransport } from '../../lib/testing/fakeTransport';
import { memoryStorage } from '../../lib/storage/memoryStorage';
import { macrotasks, outcome, recordingLogger, register } from './busHarness';
import { fakeWebChatService } from './fakeWebChatService';

function setup() {
  const logger = recordingLogger();
  const bus = createBus({ logger });
  const fake = fakeWebChatService();
  const binding = bindWebChatService(bus, fake.service);
  const page = register(bus, 'MyPlugin');
  return { bus, fake, binding, page, logger };
}

describe('bindWebChatService', () => {
  describe('commands', () => {
    it('registers every command of the contract on plugin WebChatService', async () => {
      const { fake, page } = setup();
      fake.emit('ready', {});
      const { args } = await outcome(page.command('WebChatService.COMMANDS'));
      expect(args[0]).toEqual(expect.arrayContaining([...webChatCommandNames]));
    });

    it('buffers commands until the service is ready, then runs them in order', async () => {
      const { fake, page } = setup();
      const first = page.command('WebChatService.startChat', { nickname: 'Ada' });
      const second = page.command('WebChatService.sendMessage', { message: 'hi' });
      await macrotasks(2);
      expect(fake.calls.filter((c) => c.name !== 'configure')).toEqual([]);
      fake.emit('ready', {});
      await Promise.all([outcome(first), outcome(second)]);
      expect(fake.calls.filter((c) => c.name !== 'configure').map((c) => c.name)).toEqual(['startChat', 'sendMessage']);
    });

    it('maps a bus command to service.command(name, options, commander)', async () => {
      const { fake, page } = setup();
      fake.emit('ready', {});
      await outcome(page.command('WebChatService.sendMessage', { message: 'hi' }));
      expect(fake.calls).toContainEqual({ name: 'sendMessage', options: { message: 'hi' }, commander: 'MyPlugin' });
    });

    it('resolves with the command’s value', async () => {
      const { fake, page } = setup();
      fake.answerWith(() => of({ statusCode: 0, chatId: 'c1' }));
      fake.emit('ready', {});
      expect(await outcome(page.command('WebChatService.startChat', {}))).toEqual({ state: 'resolved', args: [{ statusCode: 0, chatId: 'c1' }] });
    });

    it('rejects with the command’s rejection, unchanged', async () => {
      const { fake, page } = setup();
      fake.answerWith(() => throwError(() => Rejections.noSession));
      fake.emit('ready', {});
      expect(await outcome(page.command('WebChatService.endChat'))).toEqual({ state: 'rejected', args: ['There is no active chat session'] });
    });

    it('resolves undefined when a command completes without a value (n/a)', async () => {
      const { fake, page } = setup();
      fake.answerWith((name) => (name === 'configure' ? throwError(() => Rejections.configured) : EMPTY));
      fake.emit('ready', {});
      expect(await outcome(page.command('WebChatService.startPoll'))).toEqual({ state: 'resolved', args: [undefined] });
    });

    it('lets before hooks rewrite a WebChatService command', async () => {
      const { fake, page } = setup();
      page.before('WebChatService.sendMessage', (o) => ({ ...o, message: String(o.message).toUpperCase() }));
      fake.emit('ready', {});
      await outcome(page.command('WebChatService.sendMessage', { message: 'shout' }));
      expect(fake.calls).toContainEqual(expect.objectContaining({ name: 'sendMessage', options: { message: 'SHOUT' } }));
    });
  });

  describe('events', () => {
    const sample: Partial<Record<WebChatEventName, unknown>> = { messageReceived: { messages: [{ text: 'x' }], originalMessages: [], restoring: false, oldMessages: false, sessionData: {} } };

    it.each(webChatEventNames.filter((n) => n !== 'ready'))('publishes %s as WebChatService.%s with its payload', async (name) => {
      const { fake, page } = setup();
      const seen: BusEvent[] = [];
      page.subscribe(`WebChatService.${name}`, (e) => seen.push(e));
      const data = (sample[name] ?? { probe: name }) as WebChatEventMap[typeof name];
      fake.emit(name, data);
      await macrotasks();
      expect(seen).toEqual([{ time: expect.any(Number), publisher: 'WebChatService', event: `WebChatService.${name}`, data }]);
    });

    it('republishes ready (sticky): a subscriber added after it fired still gets it', async () => {
      const { fake, page } = setup();
      fake.emit('ready', {});
      await macrotasks(2);
      const late = jest.fn();
      page.subscribe('WebChatService.ready', late);
      await macrotasks();
      expect(late).toHaveBeenCalledWith(expect.objectContaining({ event: 'WebChatService.ready', data: {} }));
    });

    it('does not replay started to a late subscriber', async () => {
      const { fake, page } = setup();
      fake.emit('ready', {});
      fake.emit('started', { chatId: 'c' });
      await macrotasks(2);
      const late = jest.fn();
      page.subscribe('WebChatService.started', late);
      await macrotasks(2);
      expect(late).not.toHaveBeenCalled();
    });

    it('publishes ready once, after the events that came before it', async () => {
      const { fake, page } = setup();
      const order: string[] = [];
      page.subscribe('WebChatService.capabilitiesChanged', (e) => order.push(e.event));
      page.subscribe('WebChatService.ready', (e) => order.push(e.event));
      fake.emit('capabilitiesChanged', { async: false, asyncClose: 'hideChat', pagination: false, fileUpload: true });
      fake.emit('ready', {});
      fake.emit('ready', {});
      await macrotasks(4);
      expect(order).toEqual(['WebChatService.capabilitiesChanged', 'WebChatService.ready']);
    });

    it('publishes ajaxResponse quietly (publishDirect) and the other events plainly', () => {
      expect(eventPublishModes.ajaxResponse).toBe('publishDirect');
      expect(eventPublishModes.ready).toBe('republish');
      expect(Object.entries(eventPublishModes).filter(([, mode]) => mode === 'publish')).toHaveLength(webChatEventNames.length - 2);
    });

    it('stops publishing after unbind()', async () => {
      const { fake, page, binding } = setup();
      const fn = jest.fn();
      page.subscribe('WebChatService.started', fn);
      binding.unbind();
      fake.emit('started', {});
      await macrotasks(2);
      expect(fn).not.toHaveBeenCalled();
    });
  });

  describe('data keys (contract.md §3)', () => {
    it('sets every data key from the service state', () => {
      const { page } = setup();
      for (const key of ['sessionActive', 'userData', 'interactionData', 'sleeping', 'agentTyping', 'sessionData', 'mode', 'capabilities', 'sessionState', 'connectionState']) {
        expect(page.data(`WebChatService.${key}`)).not.toBeUndefined();
      }
      expect(page.data('WebChatService.sessionActive')).toBe(false);
      expect(page.data('WebChatService.mode')).toBe('gms-v2');
    });

    it('publishes WebChatService.data.sessionActive on change', async () => {
      const { fake, page } = setup();
      const seen: unknown[] = [];
      page.subscribe('WebChatService.data.sessionActive', (e) => seen.push(e.data));
      fake.setState({ sessionActive: true, sessionState: 'active' });
      await macrotasks();
      expect(seen).toEqual([{ last: false, value: true, time: expect.any(Number) }]);
      expect(page.data('WebChatService.sessionActive')).toBe(true);
    });

    it('does not publish a data key whose content did not change', async () => {
      const { fake, page } = setup();
      const fn = jest.fn();
      page.subscribe('WebChatService.data.userData', fn);
      fake.setState({ userData: {} });
      fake.setState({ agentTyping: true });
      await macrotasks(2);
      expect(fn).not.toHaveBeenCalled();
    });
  });

  describe('auto-load with the App plugin (contract.md §14.4)', () => {
    it('registers the auto-load on started and deregisters it on ended, as commander WebChatService', async () => {
      const { bus, fake } = setup();
      const app = register(bus, 'App');
      const seen: Pick<CommandEnvelope, 'command' | 'commander' | 'data'>[] = [];
      for (const name of ['registerAutoLoad', 'deregisterAutoLoad']) {
        app.registerCommand(name, (e) => {
          seen.push({ command: e.command, commander: e.commander, data: e.data });
          e.deferred.resolve();
        });
      }
      app.ready();
      fake.emit('started', {});
      fake.emit('ended', {});
      await macrotasks(3);
      expect(seen).toEqual([
        { command: 'App.registerAutoLoad', commander: 'WebChatService', data: { plugin: 'WebChatService' } },
        { command: 'App.deregisterAutoLoad', commander: 'WebChatService', data: { plugin: 'WebChatService' } },
      ]);
    });

    it('sends no App command when there is no App plugin (nothing is buffered for a later App)', async () => {
      const { bus, fake } = setup();
      fake.emit('started', {});
      await macrotasks(2);
      const app = register(bus, 'App');
      const handler = jest.fn();
      app.registerCommand('registerAutoLoad', handler);
      app.ready();
      await macrotasks(2);
      expect(handler).not.toHaveBeenCalled();
    });
  });

  describe('with the real service', () => {
    const config = { dataURL: 'http://127.0.0.1:9/genesys/2/chat/customer-support' };

    it('rejects WebChatService.poll from another plugin with the private-command text', async () => {
      const bus = createBus();
      const service = createWebChatService(config, { storage: memoryStorage(), http: () => NEVER });
      bindWebChatService(bus, service);
      const page = register(bus, 'MyPlugin');
      expect(await outcome(page.command('WebChatService.poll'))).toEqual({
        state: 'rejected',
        args: ['Access Denied to private command. Only WebChatService is allowed to invoke this command.'],
      });
      service.destroy();
    });

    it('rejects an unknown WebChatService command with "Command does not exist"', async () => {
      const bus = createBus();
      const service = createWebChatService(config, { storage: memoryStorage(), http: () => NEVER });
      bindWebChatService(bus, service);
      expect(await outcome(bus.command('WebChatService.noSuchThing'))).toEqual({ state: 'rejected', args: [Rejections.noCommand] });
      service.destroy();
    });

    it('sendMessage while disconnected (issue 14): the bus promise waits in the outbox, then resolves once delivered; past sendQueueTimeout it rejects with the documented text', async () => {
      const transport = fakeTransport();
      const service = createWebChatService({ ...config, sendQueueTimeout: 300 }, { storage: memoryStorage(), transport: transport.factory });
      const bus = createBus();
      bindWebChatService(bus, service);
      await outcome(bus.command('WebChatService.startChat', { nickname: 'Ada' }));
      transport.signals.next({ type: 'health', verdict: 'networkDown' });
      const kept = bus.command('WebChatService.sendMessage', { message: 'kept' });
      await macrotasks(3);
      expect(kept.state()).toBe('pending');
      transport.signals.next({ type: 'health', verdict: 'ok' });
      expect(await outcome(kept, 1000)).toEqual({ state: 'resolved', args: [{}] });
      transport.signals.next({ type: 'health', verdict: 'networkDown' });
      const late = bus.command('WebChatService.sendMessage', { message: 'late' });
      expect(await outcome(late, 2000)).toEqual({ state: 'rejected', args: [sendQueueTimedOut(300)] });
      expect(transport.calls.filter((c) => c.method === 'sendMessage').map((c) => (c.args[0] as { message: string }).message)).toEqual(['kept']);
      service.destroy();
    });

    it('lets commands reject at once with the reason when the configuration was refused', async () => {
      const bus = createBus();
      const logger = { error: jest.fn() };
      const service = createWebChatService({}, { storage: memoryStorage(), http: () => NEVER });
      bindWebChatService(bus, service, logger);
      expect(await outcome(bus.command('WebChatService.startChat', {}), 500)).toEqual({ state: 'rejected', args: [Rejections.config] });
      expect(logger.error).toHaveBeenCalledWith(expect.stringContaining('Invalid configuration'));
      service.destroy();
    });
  });
});
