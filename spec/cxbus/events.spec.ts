/** @jest-environment jsdom */
import type { BusEvent } from '../../lib/cxbus/types';
import { busWith, macrotasks, register } from './busHarness';

describe('bus events (cxbus.md §3, §4)', () => {
  it('gives a subscriber exactly {time, publisher, event, data}', async () => {
    const { bus, plugin } = busWith();
    const service = register(bus, 'WebChatService');
    const seen: BusEvent[] = [];
    plugin.subscribe('WebChatService.messageReceived', (e) => seen.push(e));
    service.publish('messageReceived', { messages: [] });
    await macrotasks();
    expect(seen).toEqual([{ time: expect.any(Number), publisher: 'WebChatService', event: 'WebChatService.messageReceived', data: { messages: [] } }]);
    expect(Object.keys(seen[0]).sort()).toEqual(['data', 'event', 'publisher', 'time']);
  });

  it('defaults data to {} when nothing was published', async () => {
    const { bus, plugin } = busWith();
    const service = register(bus, 'WebChatService');
    const data: unknown[] = [];
    plugin.subscribe('WebChatService.ended', (e) => data.push(e.data));
    service.publish('ended');
    await macrotasks();
    expect(data).toEqual([{}]);
  });

  it('always prefixes the publisher’s own namespace', async () => {
    const { bus, plugin } = busWith();
    const other = register(bus, 'Other');
    const names: string[] = [];
    plugin.subscribe('Other.WebChatService.started', (e) => names.push(e.event));
    plugin.subscribe('WebChatService.started', (e) => names.push(e.event));
    expect(other.publish('WebChatService.started')).toBe(true);
    await macrotasks(2);
    expect(names).toEqual(['Other.WebChatService.started']);
  });

  it('delivers asynchronously by default: nothing runs inside publish()', () => {
    const { plugin } = busWith();
    const fn = jest.fn();
    plugin.subscribe('MyPlugin.evt', fn);
    plugin.publish('evt');
    expect(fn).not.toHaveBeenCalled();
  });

  it('delivers in subscription order', async () => {
    const { plugin } = busWith();
    const order: string[] = [];
    plugin.subscribe('MyPlugin.evt', () => order.push('first'));
    plugin.subscribe('MyPlugin.evt', () => order.push('second'));
    plugin.subscribe('MyPlugin.evt', () => order.push('third'));
    plugin.publish('evt');
    await macrotasks(3);
    expect(order).toEqual(['first', 'second', 'third']);
  });

  it('runs each callback in its own macrotask (microtasks queued by one run before the next)', async () => {
    const { plugin } = busWith();
    let microtaskRan = false;
    let seenBySecond: boolean | undefined;
    plugin.subscribe('MyPlugin.evt', () => void Promise.resolve().then(() => (microtaskRan = true)));
    plugin.subscribe('MyPlugin.evt', () => (seenBySecond = microtaskRan));
    plugin.publish('evt');
    await macrotasks(3);
    expect(seenBySecond).toBe(true);
  });

  it('keeps delivering to the others when a subscriber throws, and logs it', async () => {
    const { plugin, logger } = busWith();
    const after = jest.fn();
    plugin.subscribe('MyPlugin.evt', () => { throw new Error('bad subscriber'); });
    plugin.subscribe('MyPlugin.evt', after);
    plugin.publish('evt');
    await macrotasks(3);
    expect(after).toHaveBeenCalledTimes(1);
    expect(logger.lines.some((l) => l.level === 'error')).toBe(true);
  });

  it('delivers the events of one publisher in publish order', async () => {
    const { plugin } = busWith();
    const seen: unknown[] = [];
    plugin.subscribe('MyPlugin.evt', (e) => seen.push(e.data));
    for (let i = 0; i < 5; i++) plugin.publish('evt', i);
    await macrotasks(6);
    expect(seen).toEqual([0, 1, 2, 3, 4]);
  });

  it('delivers synchronously with configure({async: false})', () => {
    const { bus, plugin } = busWith();
    bus.configure({ async: false });
    const fn = jest.fn();
    plugin.subscribe('MyPlugin.evt', fn);
    plugin.publish('evt', 1);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('in synchronous mode, a throwing callback stops the remaining ones (shipped) without throwing from publish', () => {
    const { bus, plugin } = busWith();
    bus.configure({ async: false });
    const after = jest.fn();
    plugin.subscribe('MyPlugin.evt', () => { throw new Error('x'); });
    plugin.subscribe('MyPlugin.evt', after);
    expect(() => plugin.publish('evt')).not.toThrow();
    expect(after).not.toHaveBeenCalled();
  });

  it('replays a republished (sticky) event to a later subscriber, asynchronously', async () => {
    const { bus, plugin } = busWith();
    const service = register(bus, 'WebChatService');
    service.republish('ready');
    await macrotasks();
    const late = jest.fn();
    plugin.subscribe('WebChatService.ready', late);
    expect(late).not.toHaveBeenCalled();
    await macrotasks();
    expect(late).toHaveBeenCalledWith(expect.objectContaining({ event: 'WebChatService.ready', publisher: 'WebChatService', data: {} }));
  });

  it('does not replay a plain publish (WebChatService.started) to a later subscriber', async () => {
    const { bus, plugin } = busWith();
    const service = register(bus, 'WebChatService');
    service.publish('started', { sessionID: '1' });
    await macrotasks();
    const late = jest.fn();
    plugin.subscribe('WebChatService.started', late);
    await macrotasks(2);
    expect(late).not.toHaveBeenCalled();
  });

  it('keeps the sticky copy when the same event is later published plainly', async () => {
    const { plugin } = busWith();
    plugin.republish('theme', 'dark');
    plugin.publish('theme', 'light');
    await macrotasks();
    const late = jest.fn();
    plugin.subscribe('MyPlugin.theme', late);
    await macrotasks();
    expect(late.mock.calls.map(([e]) => (e as BusEvent).data)).toEqual(['dark']);
  });

  it('accepts a subscription before the publisher exists', async () => {
    const { bus, plugin } = busWith();
    const fn = jest.fn();
    plugin.subscribe('Later.evt', fn);
    register(bus, 'Later').publish('evt');
    await macrotasks();
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('matches exact names only (no wildcards)', async () => {
    const { bus, plugin } = busWith();
    const fn = jest.fn();
    plugin.subscribe('WebChatService.*', fn);
    plugin.subscribe('WebChatService', fn);
    register(bus, 'WebChatService').publish('started');
    await macrotasks(2);
    expect(fn).not.toHaveBeenCalled();
  });

  it('subscribe returns the event name, or false when the callback is not a function', () => {
    const { plugin } = busWith();
    expect(plugin.subscribe('WebChatService.ready', () => {})).toBe('WebChatService.ready');
    expect(plugin.subscribe('WebChatService.ready', 'nope' as never)).toBe(false);
  });

  it('unsubscribe(evt) removes all of this plugin’s callbacks for evt, not other plugins’', async () => {
    const { bus, plugin } = busWith();
    const other = register(bus, 'Other');
    const mine = jest.fn();
    const theirs = jest.fn();
    plugin.subscribe('Other.evt', mine);
    plugin.subscribe('Other.evt', mine);
    other.subscribe('Other.evt', theirs);
    expect(plugin.unsubscribe('Other.evt')).toBe(true);
    expect(plugin.unsubscribe('Other.evt')).toBe(false);
    other.publish('evt');
    await macrotasks(2);
    expect(mine).not.toHaveBeenCalled();
    expect(theirs).toHaveBeenCalledTimes(1);
  });

  it('unsubscribe(evt, fn) removes just that callback (product), using subscribe’s return value', async () => {
    const { plugin } = busWith();
    const a = jest.fn();
    const b = jest.fn();
    const name = plugin.subscribe('MyPlugin.evt', a) as string;
    plugin.subscribe('MyPlugin.evt', b);
    plugin.unsubscribe(name, a);
    plugin.publish('evt');
    await macrotasks(2);
    expect(a).not.toHaveBeenCalled();
    expect(b).toHaveBeenCalledTimes(1);
  });

  it('publishDirect delivers like publish', async () => {
    const { bus, plugin } = busWith();
    const fn = jest.fn();
    plugin.subscribe('WebChatService.ajaxResponse', fn);
    register(bus, 'WebChatService').publishDirect('ajaxResponse', { statusCode: 0 });
    await macrotasks();
    expect(fn).toHaveBeenCalledWith(expect.objectContaining({ data: { statusCode: 0 } }));
  });

  it('CXBus.subscribe subscribes as plugin "CXBus"', async () => {
    const { bus, plugin } = busWith();
    bus.subscribe('MyPlugin.evt', () => {});
    expect(plugin.subscribers()).toEqual({ 'MyPlugin.evt': ['CXBus'] });
  });

  it('subscribers() lists, for each event of this namespace, the subscriber names', () => {
    const { bus, plugin } = busWith('WebChatService');
    const a = register(bus, 'A');
    const b = register(bus, 'B');
    a.subscribe('WebChatService.started', () => {});
    b.subscribe('WebChatService.started', () => {});
    a.subscribe('WebChatService.ended', () => {});
    a.subscribe('Other.ended', () => {});
    expect(plugin.subscribers()).toEqual({ 'WebChatService.started': ['A', 'B'], 'WebChatService.ended': ['A'] });
  });
});
