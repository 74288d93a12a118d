import { firstValueFrom } from 'rxjs';
import type { StartChatOptions } from '../../../lib/model/commands';
import type { WebChatService } from '../../../lib/service/WebChatService';
import type { Playground } from '../../../playground/server/index';
import { eventually } from '../../helpers/eventually';

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
