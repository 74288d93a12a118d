import type { WebChatConfig } from './model/config';
import { composeWebChatService } from './composeWebChatService';
import type { WebChatService, WebChatServiceOptions } from './service/WebChatService';
import { transportFactories } from './transports/transportFactories';

export type { WebChatServiceOptions } from './service/WebChatService';
export { commandSettleBound } from './service/commandSettleBound';

/**
 * Creates a WebChatService that reaches every back end (`composeWebChatService` over the three transports).
 *
 * @example
 * const chat = createWebChatService({ dataURL: 'https://gms.example.com/genesys/2/chat/customer-support' });
 * chat.on('messageReceived').subscribe(({ messages }) => render(messages));
 * await firstValueFrom(chat.startChat({ nickname: 'Ada' }));
 *
 * @param config The object a page puts in `window._genesys.widgets.webchat`.
 * @param options Storage, scheduler, logger, WebSocket/XHR constructors, `main`.
 */
export function createWebChatService(config: WebChatConfig, options: WebChatServiceOptions = {}): WebChatService {
  return composeWebChatService(transportFactories)(config, options);
}

