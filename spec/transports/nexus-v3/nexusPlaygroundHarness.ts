import { createWebChatService } from '../../../lib/createWebChatService';
import type { WebChatConfig } from '../../../lib/model/config';
import type { WebChatService } from '../../../lib/service/WebChatService';
import { memoryStorage } from '../../../lib/storage/memoryStorage';
import { startPlayground } from '../../../playground/server/index';
import type { Playground } from '../../../playground/server/index';
import { recordEvents } from '../../helpers/eventRecorder';
import type { EventRecorder } from '../../helpers/eventRecorder';
import { nodeServiceOptions } from '../../helpers/nodeServiceOptions';
import { playgroundConfig, quickTimings } from '../../helpers/playgroundConfig';

type TransportOptions = Partial<NonNullable<WebChatConfig['transport']>>;

export interface NexusHarness {
  readonly playground: Playground;
  /** A real service on the playground's Nexus endpoint, destroyed after the test. */
  open(transport?: TransportOptions, storage?: ReturnType<typeof memoryStorage>): { chat: WebChatService; events: EventRecorder };
}

/**
 * Registers the hooks of a Nexus integration spec: a manual-agent playground for the file, and
 * after each test its faults cleared and every service it opened destroyed.
 */
export function useNexusPlayground(): NexusHarness {
  let playground: Playground | undefined;
  const services: Array<{ chat: WebChatService; events: EventRecorder }> = [];
  beforeAll(async () => {
    playground = await startPlayground({ agent: 'manual' });
  });
  afterAll(() => playground?.close());
  afterEach(() => {
    playground?.faults.clear();
    for (const { chat, events } of services.splice(0)) {
      events.stop();
      chat.destroy();
    }
  });
  return {
    get playground() {
      if (!playground) throw new Error('the playground starts in beforeAll');
      return playground;
    },
    open(transport = {}, storage = memoryStorage()) {
      const chat = createWebChatService(playgroundConfig('nexus-v3', this.playground.url, quickTimings['nexus-v3'], { transport }), nodeServiceOptions({ storage }));
      const events = recordEvents(chat.events$);
      services.push({ chat, events });
      return { chat, events };
    },
  };
}
