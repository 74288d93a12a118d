import { firstValueFrom } from 'rxjs';
import { createWebChatService } from '../../lib/createWebChatService';
import type { WebChatConfig } from '../../lib/model/config';
import type { KeyValueStorage } from '../../lib/platform/platform';
import type { WebChatService } from '../../lib/service/WebChatService';
import type { Playground } from '../../playground/server/index';
import { recordEvents } from '../helpers/eventRecorder';
import type { EventRecorder } from '../helpers/eventRecorder';
import { nodeServiceOptions } from '../helpers/nodeServiceOptions';
import { eventually } from '../helpers/eventually';

/** The page every fidelity chat runs on: opened directly (no referrer), so `_genesys_referrer` is unknown. */
export const fidelityPage = {
  url: 'https://shop.example.com/cart',
  title: 'Cart',
  userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36',
};

export interface FidelityChat {
  chat: WebChatService;
  events: EventRecorder;
}

/**
 * Opens real services on `fidelityPage` over one shared storage (so a second page life restores
 * the first one's chat) and destroys them all at the end.
 *
 * @param storage The storage every page life shares.
 */
export function fidelityServices(storage: KeyValueStorage): { open(config: WebChatConfig): FidelityChat; destroyAll(): void; reopen(config: WebChatConfig): Promise<FidelityChat> } {
  const open: FidelityChat[] = [];
  return {
    open(config) {
      const chat = createWebChatService(config, nodeServiceOptions({ storage, page: fidelityPage }));
      const events = recordEvents(chat.events$);
      open.push({ chat, events });
      return { chat, events };
    },
    destroyAll() {
      for (const { chat, events } of open.splice(0)) {
        events.stop();
        chat.destroy();
      }
    },
    /** The page goes away without ending the chat; a new page life on the same storage restores it (waits for `restored`). */
    async reopen(config) {
      this.destroyAll();
      const page = this.open(config);
      await page.events.next('restored');
      return page;
    },
  };
}

/** The agent `name` joins session `id` and says `text`; waits until the customer sees it. */
export async function agentJoinsAndSays(playground: Playground, { events }: FidelityChat, id: string, name: string, text: string): Promise<void> {
  playground.agent.join(id, { name });
  playground.agent.say(id, text);
  await events.next('messageReceived', (d) => d.messages.some((m) => m.text === text));
}

/** Starts typing `preview` and waits for `clientTypingStarted`. */
export async function startTyping({ chat, events }: FidelityChat, preview: string): Promise<void> {
  await firstValueFrom(chat.sendTyping({ message: preview }));
  await events.next('clientTypingStarted');
}

/** Sends `text` and waits until it comes back as the customer's message. */
export async function sendAndSeeEcho({ chat, events }: FidelityChat, text: string): Promise<void> {
  await firstValueFrom(chat.sendMessage({ message: text }));
  await events.next('messageReceived', (d) => d.messages.some((m) => m.text === text && m.from.type === 'Client'));
}

/** Starts typing `preview`, then stops at once (`isTyping: false`). */
export async function typeThenStop({ chat, events }: FidelityChat, preview: string): Promise<void> {
  await firstValueFrom(chat.sendTyping({ message: preview }));
  await firstValueFrom(chat.sendTyping({ isTyping: false }));
  await events.next('clientTypingStopped', () => true);
}

/** Ends the chat and waits for `ended`. */
export async function endAndSeeEnded({ chat, events }: FidelityChat): Promise<void> {
  await firstValueFrom(chat.endChat());
  await events.next('ended');
}

/** Waits (bounded, 3000 ms) until the next request of `route` is logged. */
export async function nextRequest(playground: Playground, route: string): Promise<void> {
  const from = playground.requestLog.length;
  await eventually(() => {
    if (!playground.requestLog.slice(from).some((e) => e.route === route)) throw new Error(`no ${route} request within 3000 ms`);
  }, 3000);
}
