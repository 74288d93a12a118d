import type { WebChatConfig } from 'webchat-rx';

/**
 * The chat back end: the playground's GMS chat service (`npm start` in the repository runs it at
 * http://127.0.0.1:8280). `?playground=<url>` points the app at another playground (the browser
 * spec starts one on an ephemeral port).
 */
const playground = new URLSearchParams(location.search).get('playground') ?? 'http://127.0.0.1:8280';

export const environment: { webchat: WebChatConfig } = {
  webchat: { dataURL: `${playground}/genesys/2/chat/customer-support` },
};
