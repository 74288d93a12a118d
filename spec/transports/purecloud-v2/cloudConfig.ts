import { firstValueFrom } from 'rxjs';
import type { StartChatOptions } from '../../../lib/model/commands';
import type { WebChatConfig } from '../../../lib/model/config';
import type { WebChatService } from '../../../lib/service/WebChatService';
import type { Playground } from '../../../playground/server/index';
import { eventually } from '../../helpers/eventually';

/**
 * A cloud configuration against the playground, with short timings so the reconnect and
 * watchdog paths run in well under a second (the playground's heartbeat must stay below the watchdog).
 *
 * @param url The playground's URL (`transport.dataURL`, the API host).
 * @param overrides Top-level keys and `transport` keys to change.
 */
export function cloudConfig(url: string, overrides: Partial<WebChatConfig> & { transport?: WebChatConfig['transport'] } = {}): WebChatConfig {
  const { transport, ...rest } = overrides;
  return {
    backoffMax: 400,
    ...rest,
    transport: {
      type: 'purecloud-v2-sockets',
      dataURL: url,
      deploymentKey: 'playground',
      orgGuid: 'playground',
      interactionData: { routing: { targetType: 'QUEUE', targetAddress: 'Support' } },
      socketHeartbeatTrackerInterval: 1000,
      socketReconnectInterval: 150,
      ...transport,
    },
  };
}

/**
 * Starts a chat and waits until the playground routes it (it does once the guest's socket is
 * attached, wire §9); returns the create response and the conversation id.
 *
 * @param chat A configured service.
 * @param playground The running playground.
 * @param options The startChat options.
 */
export async function startRoutedChat(chat: WebChatService, playground: Playground, options: StartChatOptions = { nickname: 'Ada' }): Promise<{ started: Record<string, unknown>; id: string }> {
  const started = await firstValueFrom(chat.startChat(options));
  const id = String(started.id);
  await eventually(() => expect(playground.store.get(id)?.routable).toBe(true));
  return { started, id };
}
