import fc from 'fast-check';
import { config as rxjsConfig, firstValueFrom } from 'rxjs';
import { bindWebChatService } from '../../lib/cxbus/bindWebChatService';
import { createBus } from '../../lib/cxbus/createBus';
import type { BusPromise } from '../../lib/cxbus/deferred';
import type { BusEvent, CXBus, PluginInterface } from '../../lib/cxbus/types';
import { createWebChatService } from '../../lib/createWebChatService';
import { webChatCommandNames } from '../../lib/model/commands';
import type { MessageReceivedData } from '../../lib/model/events';
import { memoryStorage } from '../../lib/storage/memoryStorage';
import { fakeBatch, fakeMessage, fakeTransport, type FakeTransport } from '../../lib/testing/fakeTransport';
import { recordingLogger } from '../soak/serviceProbe';
import { hostileOptions, hostileValue, isDocumentedRejection, isSaneMessage, prototypesPolluted } from './hostileInputs';
import { pause, within } from '../helpers/eventually';

/** How a bus command settled, bounded by `ms`. */
function busOutcome(promise: unknown, ms = 2000): Promise<{ state: 'resolved' | 'rejected' | 'pending' | 'not a promise'; reason?: unknown }> {
  if (!promise || typeof (promise as BusPromise).always !== 'function') return Promise.resolve({ state: 'not a promise' });
  const bus = promise as BusPromise;
  type Outcome = { state: 'resolved' | 'rejected' | 'pending'; reason?: unknown };
  const settled = new Promise<Outcome>((resolve) => {
    bus.done(() => resolve({ state: 'resolved' }));
    bus.fail((reason: unknown) => resolve({ state: 'rejected', reason }));
  });
  return within(settled, ms, (): Outcome => ({ state: 'pending' }));
}

/** A bus with WebChatService bound over the fake transport, a started chat, and a page plugin listening. */
async function busWithChat(): Promise<{ bus: CXBus; page: PluginInterface; transport: FakeTransport; received: MessageReceivedData[]; destroy: () => void }> {
  const transport = fakeTransport();
  const logs: string[] = [];
  const bus = createBus({ logger: recordingLogger(logs) });
  // A command to a plugin nobody registers waits for it until commandTimeout (cxbus.md §6): keep that short here.
  bus.configure({ commandTimeout: 300 });
  const chat = createWebChatService({ dataURL: 'https://gms.example/genesys/2/chat/x' }, { transport: transport.factory, storage: memoryStorage(), logger: recordingLogger(logs) });
  const binding = bindWebChatService(bus, chat);
  const page = bus.registerPlugin('Page');
  if (!page) throw new Error('could not register Page');
  const received: MessageReceivedData[] = [];
  page.subscribe('WebChatService.messageReceived', (e: BusEvent) => void received.push(e.data as MessageReceivedData));
  await firstValueFrom(chat.on('ready'));
  const started = await busOutcome(page.command('WebChatService.startChat', { nickname: 'Ada' }));
  if (started.state !== 'resolved') throw new Error(`startChat over the bus: ${started.state}`);
  return { bus, page, transport, received, destroy: () => (binding.unbind(), chat.destroy()) };
}

/** The bus and the chat still work: a send resolves, an agent's push URL reaches a subscriber, sane. */
async function busStillWorks(setup: Awaited<ReturnType<typeof busWithChat>>): Promise<string[]> {
  const problems: string[] = [];
  const { page, transport, received } = setup;
  const state = await busOutcome(page.command('WebChatService.getSessionData'));
  if (state.state !== 'resolved') problems.push(`getSessionData: ${state.state}`);
  const active = page.data('WebChatService.sessionActive');
  if (!active) {
    const restart = await busOutcome(page.command('WebChatService.startChat', { nickname: 'Ada' }));
    if (restart.state !== 'resolved') problems.push(`startChat again: ${restart.state} ${String(restart.reason)}`);
  }
  const sent = await busOutcome(page.command('WebChatService.sendMessage', { message: 'still works' }));
  if (sent.state !== 'resolved') problems.push(`sendMessage: ${sent.state} ${String(sent.reason)}`);
  const before = received.length;
  transport.signals.next({ type: 'batch', batch: fakeBatch([fakeMessage(900, 'PushUrl', 'Agent', 'https://example.com/bus')]) });
  // Bus delivery is a macrotask later (cxbus.md §4).
  await pause(5);
  if (received.length !== before + 1) problems.push(`messageReceived reached the subscriber ${received.length - before} times`);
  if (!received.every((d) => d.messages.every(isSaneMessage))) problems.push('a messageReceived carried a malformed message');
  return problems;
}

describe('hostile use of the bus (fast-check): every command settles, the bus and the chat keep working', () => {
  const unhandled: unknown[] = [];
  beforeAll(() => {
    rxjsConfig.onUnhandledError = (error) => void unhandled.push(error);
  });
  beforeEach(() => void unhandled.splice(0));

  it('WebChatService commands with hostile options settle with a documented rejection or a result', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom(...webChatCommandNames), hostileOptions), { minLength: 1, maxLength: 5 }), async (calls) => {
        const setup = await busWithChat();
        const problems: string[] = [];
        try {
          for (const [name, options] of calls) {
            const outcome = await busOutcome(setup.page.command(`WebChatService.${name}`, options));
            if (outcome.state === 'pending' || outcome.state === 'not a promise') problems.push(`${name}: ${outcome.state}`);
            else if (outcome.state === 'rejected' && !isDocumentedRejection(outcome.reason)) problems.push(`${name} rejected with ${typeof outcome.reason} ${String(outcome.reason).slice(0, 80)}`);
          }
          problems.push(...(await busStillWorks(setup)), ...prototypesPolluted(), ...unhandled.splice(0).map((e) => `unhandled: ${String(e)}`));
        } finally {
          setup.destroy();
        }
        expect(problems).toEqual([]);
      }),
      { numRuns: 120, seed: 11 },
    );
  }, 60000);

  it('hostile command names, throwing subscribers, garbage before hooks, hostile published data never throw out of the bus nor break it', async () => {
    const throwingSubscriber = () => {
      throw new Error('subscriber boom');
    };
    const busCall = fc.oneof(
      fc.record({ kind: fc.constant('command' as const), name: fc.oneof(fc.string(), hostileValue, fc.constantFrom('WebChatService', 'WebChatService.', '.startChat', 'WebChatService.nope', 'CXBus.x')), options: hostileOptions }),
      fc.record({ kind: fc.constant('subscribe' as const), name: fc.constantFrom('WebChatService.messageReceived', 'WebChatService.ready', 'Page.x'), fn: fc.constantFrom(throwingSubscriber, () => 'garbage') }),
      fc.record({ kind: fc.constant('before' as const), name: fc.constantFrom('WebChatService.sendMessage', 'WebChatService.getTranscript'), result: hostileValue }),
      // Names are strings here: a non-string name is a programming error the bus API reports by throwing.
      fc.record({ kind: fc.constant('publish' as const), name: fc.string(), data: hostileValue }),
      fc.record({ kind: fc.constant('data' as const), name: fc.string(), data: hostileValue }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(busCall, { minLength: 1, maxLength: 6 }), async (calls) => {
        const setup = await busWithChat();
        const { page, bus } = setup;
        const problems: string[] = [];
        const hooks: string[] = [];
        try {
          for (const call of calls) {
            try {
              if (call.kind === 'command') {
                const outcome = await busOutcome(page.command(call.name as string, call.options));
                if (outcome.state === 'pending' || outcome.state === 'not a promise') problems.push(`command ${String(call.name)}: ${outcome.state}`);
              } else if (call.kind === 'subscribe') page.subscribe(call.name as string, call.fn as never);
              else if (call.kind === 'before') {
                // A hook that answers garbage (or throws) vetoes: the command rejects, and the hook is removed after the check.
                hooks.push(call.name);
                page.before(call.name, () => (typeof call.result === 'function' ? (call.result as () => unknown)() : call.result));
              } else if (call.kind === 'publish') page.publish(call.name as string, call.data);
              else page.data(call.name as string, call.data);
            } catch (threw) {
              problems.push(`${call.kind} threw ${String(threw)}`);
            }
            await pause(1);
          }
          if (hooks.length === 0) problems.push(...(await busStillWorks(setup)));
          else {
            // With a garbage-answering hook on sendMessage the send is vetoed: it must still settle.
            const vetoed = await busOutcome(page.command('WebChatService.sendMessage', { message: 'through a hook' }));
            if (vetoed.state === 'pending' || vetoed.state === 'not a promise') problems.push(`sendMessage behind a hostile hook: ${vetoed.state}`);
          }
          problems.push(...prototypesPolluted(), ...unhandled.splice(0).map((e) => `unhandled: ${String(e)}`));
          expect(typeof page.registry()).toBe('object');
        } finally {
          setup.destroy();
        }
        expect(problems).toEqual([]);
      }),
      { numRuns: 120, seed: 12 },
    );
  }, 60000);
});
