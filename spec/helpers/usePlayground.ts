import { createWebChatService } from '../../lib/createWebChatService';
import type { WebChatService } from '../../lib/service/WebChatService';
import { memoryStorage } from '../../lib/storage/memoryStorage';
import { startPlayground } from '../../playground/server/index';
import type { Playground, PlaygroundOptions } from '../../playground/server/index';
import { recordEvents } from './eventRecorder';
import type { EventRecorder } from './eventRecorder';
import { nodeServiceOptions } from './nodeServiceOptions';
import { playgroundConfig } from './playgroundConfig';
import type { PlaygroundConfigLayer, PlaygroundTransport } from './playgroundConfig';

/** A real service on the playground and the recorder of its events. */
export interface PlaygroundChat {
  chat: WebChatService;
  events: EventRecorder;
}

export interface PlaygroundHarness {
  readonly playground: Playground;
  /** A real service on the playground's `transport` endpoint (the harness's config, then `layers`), destroyed after the test. */
  open(...layers: PlaygroundConfigLayer[]): PlaygroundChat;
  /** The same, over a given storage (a second page life restoring the first's session). */
  openWith(storage: ReturnType<typeof memoryStorage>, ...layers: PlaygroundConfigLayer[]): PlaygroundChat;
}

/**
 * Registers the hooks of an integration spec: one playground for the file (a manual agent unless
 * `options` says otherwise), its faults cleared around each test, and every service a test opened
 * destroyed after it.
 *
 * @example
 * const harness = usePlayground('gms-v2', { pollRateMin: 250 });
 * it('starts', async () => {
 *   const { chat, events } = harness.open();
 *   await firstValueFrom(chat.startChat({ nickname: 'Ada' }));
 *   await events.next('started');
 * });
 *
 * @param transport Which back end's endpoint. @param config Config layered on the builder's defaults.
 * @param options The playground's options.
 */
export function usePlayground(transport: PlaygroundTransport, config: PlaygroundConfigLayer = {}, options: PlaygroundOptions = {}): PlaygroundHarness {
  let playground: Playground | undefined;
  const services: PlaygroundChat[] = [];
  beforeAll(async () => {
    playground = await startPlayground({ agent: 'manual', ...options });
  });
  afterAll(() => playground?.close());
  beforeEach(() => playground?.faults.clear());
  afterEach(() => {
    playground?.faults.clear();
    for (const { chat, events } of services.splice(0)) {
      events.stop();
      chat.destroy();
    }
  });
  const harness: PlaygroundHarness = {
    get playground() {
      if (!playground) throw new Error('the playground starts in beforeAll');
      return playground;
    },
    open: (...layers) => harness.openWith(memoryStorage(), ...layers),
    openWith(storage, ...layers) {
      const chat = createWebChatService(playgroundConfig(transport, harness.playground.url, config, ...layers), nodeServiceOptions({ storage }));
      const events = recordEvents(chat.events$);
      services.push({ chat, events });
      return { chat, events };
    },
  };
  return harness;
}
