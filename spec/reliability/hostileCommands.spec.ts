import fc from 'fast-check';
import { config as rxjsConfig, firstValueFrom, of, type Observable } from 'rxjs';
import { createWebChatService } from '../../lib/createWebChatService';
import { webChatCommandNames, type WebChatCommandName } from '../../lib/model/commands';
import type { NormalizedMessage } from '../../lib/model/messages';
import type { WebChatService } from '../../lib/service/WebChatService';
import { memoryStorage } from '../../lib/storage/memoryStorage';
import { fakeBatch, fakeMessage, fakeTransport, type FakeTransport } from '../../lib/testing/fakeTransport';
import { recordingLogger } from '../soak/serviceProbe';
import { hostileConfig, hostileOptions, hostileValue, isDocumentedRejection, isSaneMessage, prototypesPolluted, throwingObject } from './hostileInputs';
import { within } from '../helpers/eventually';

type Settled = { settled: true; ok: boolean; value?: unknown; rejection?: unknown } | { settled: false };

/** Calls and waits (bounded) for the single result; a method that throws is recorded as such. */
async function call(run: () => Observable<unknown>, ms = 2000): Promise<Settled & { threw?: unknown }> {
  let call$: Observable<unknown>;
  try {
    call$ = run();
  } catch (threw) {
    return { settled: false, threw };
  }
  const result = firstValueFrom(call$).then(
    (value): Settled => ({ settled: true, ok: true, value }),
    (rejection: unknown): Settled => ({ settled: true, ok: false, rejection }),
  );
  return within(result, ms, (): Settled => ({ settled: false }));
}

/** A service over the fake transport, started, with what it published and logged. */
async function startedService(): Promise<{ chat: WebChatService; transport: FakeTransport; published: NormalizedMessage[]; logs: string[] }> {
  const transport = fakeTransport();
  const logs: string[] = [];
  const chat = createWebChatService({ dataURL: 'https://gms.example/genesys/2/chat/x' }, { transport: transport.factory, storage: memoryStorage(), logger: recordingLogger(logs) });
  const published: NormalizedMessage[] = [];
  chat.messages$.subscribe((m) => published.push(m));
  await firstValueFrom(chat.startChat({ nickname: 'Ada' }));
  return { chat, transport, published, logs };
}

/** After the hostile calls: the session (or a new one) still chats, and publishes only sane messages. */
async function stillWorks(service: Awaited<ReturnType<typeof startedService>>, index: number): Promise<string[]> {
  const problems: string[] = [];
  const { chat, transport, published } = service;
  if (!chat.state.sessionActive) {
    const restart = await call(() => chat.startChat({ nickname: 'Ada' }));
    if (!restart.settled || !restart.ok) problems.push(`could not start again: ${JSON.stringify(restart)}`);
  }
  const sent = await call(() => chat.sendMessage({ message: 'still works' }));
  if (!sent.settled || !sent.ok) problems.push(`sendMessage after the hostile calls: ${String((sent as { rejection?: unknown }).rejection)}`);
  const before = published.length;
  // A PushUrl: the page's own prefilters (a fuzzed /(?:)/ hides every Message, §10 step 4) cannot hide it.
  transport.signals.next({ type: 'batch', batch: fakeBatch([fakeMessage(1000 + index, 'PushUrl', 'Agent', 'https://example.com/still-there')]) });
  if (published.length !== before + 1) problems.push(`the agent's message was published ${published.length - before} times`);
  const insane = published.filter((m) => !isSaneMessage(m));
  if (insane.length > 0) problems.push(`published garbage: ${insane.length} message(s) not of the normalized shape`);
  const transcript = await call(() => chat.getTranscript());
  if (!transcript.settled || !transcript.ok) problems.push('getTranscript did not resolve');
  return problems;
}

describe('hostile command payloads through the modern API (fast-check)', () => {
  const unhandled: unknown[] = [];
  // Errors thrown inside subscribers surface here instead of crashing the process later (jest gives
  // each spec file its own rxjs, so this stays in this file).
  beforeAll(() => {
    rxjsConfig.onUnhandledError = (error) => void unhandled.push(error);
  });
  beforeEach(() => void unhandled.splice(0));

  const commandArb = fc.constantFrom(...webChatCommandNames.filter((n) => n !== 'configure'));

  it('every call settles with a documented rejection or a result; nothing throws, pollutes or breaks the session', async () => {
    let index = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(commandArb, hostileOptions), { minLength: 1, maxLength: 6 }), async (calls) => {
        index += 1;
        const service = await startedService();
        const problems: string[] = [];
        try {
          for (const [name, options] of calls) {
            const result = await call(() => service.chat[name as Exclude<WebChatCommandName, 'configure'>](options as never));
            if ('threw' in result && result.threw !== undefined) problems.push(`${name} threw ${String(result.threw)}`);
            else if (!result.settled) problems.push(`${name} did not settle`);
            else if (!result.ok && !isDocumentedRejection(result.rejection)) problems.push(`${name} rejected with an undocumented ${describeValue(result.rejection)}`);
          }
          problems.push(...(await stillWorks(service, index)));
          problems.push(...prototypesPolluted());
          problems.push(...unhandled.splice(0).map((e) => `unhandled: ${String(e)}`));
        } finally {
          service.chat.destroy();
        }
        expect(problems).toEqual([]);
      }),
      { numRuns: 200, seed: 42 },
    );
  }, 60000);

  it('the generic command(): any name, any options, any commander settles (unknown names: Command does not exist)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), hostileValue), hostileOptions, hostileValue, async (name, options, commander) => {
        const service = await startedService();
        try {
          const result = await call(() => service.chat.command(name as never, options as never, commander as never));
          expect(result.settled).toBe(true);
          if (result.settled && !result.ok) expect(isDocumentedRejection(result.rejection)).toBe(true);
          expect(await stillWorks(service, 1)).toEqual([]);
          expect(unhandled).toEqual([]);
        } finally {
          service.chat.destroy();
        }
      }),
      { numRuns: 100, seed: 7 },
    );
  }, 60000);

  it('options whose getters throw (the page’s own proxy): every command still settles, and the session goes on', async () => {
    const service = await startedService();
    try {
      for (const name of webChatCommandNames.filter((n) => n !== 'configure' && n !== 'endChat')) {
        const result = await call(() => service.chat[name as Exclude<WebChatCommandName, 'configure'>](throwingObject() as never));
        // Settled is the promise here: a getter that throws is the page's own exception, handed back to it.
        expect({ name, settled: result.settled }).toEqual({ name, settled: true });
      }
      expect(await stillWorks(service, 1)).toEqual([]);
      expect(unhandled).toEqual([]);
    } finally {
      service.chat.destroy();
    }
  });

  it('a malformed configuration never throws: every command rejects Invalid configuration (or a config text)', async () => {
    await fc.assert(
      fc.asyncProperty(hostileConfig, async (config) => {
        let chat: WebChatService | undefined;
        try {
          // No request may leave the test: whatever URL the config names, the network is down.
          chat = createWebChatService(config as never, { storage: memoryStorage(), logger: recordingLogger([]), http: () => of({ status: 0, statusText: 'error', json: undefined, headers: {} }) });
        } catch (threw) {
          throw new Error(`createWebChatService threw ${String(threw)} for ${describeValue(config)}`);
        }
        try {
          const result = await call(() => chat!.startChat({ nickname: 'Ada' }));
          expect(result.settled).toBe(true);
          if (result.settled && !result.ok) expect(isDocumentedRejection(result.rejection)).toBe(true);
        } finally {
          chat.destroy();
        }
      }),
      { numRuns: 200, seed: 3 },
    );
  }, 60000);
});

function describeValue(value: unknown): string {
  try {
    return `${typeof value} ${String(JSON.stringify(value)).slice(0, 120)}`;
  } catch {
    return typeof value;
  }
}
