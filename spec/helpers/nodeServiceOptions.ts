import WebSocket from 'ws';
import type { WebChatServiceOptions } from '../../lib/createWebChatService';
import type { KeyValueStorage, WebSocketConstructor } from '../../lib/platform/platform';
import { memoryStorage } from '../../lib/storage/memoryStorage';

// xhr2 has no types; it is the XMLHttpRequest the platform's http needs in Node.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const XHR2 = require('xhr2') as new () => XMLHttpRequest;

/** Options for a real service in Node: xhr2 for the platform's http, `ws` for reconnecting-websocket, memory storage. */
export function nodeServiceOptions(overrides: Partial<WebChatServiceOptions> & { storage?: KeyValueStorage } = {}): WebChatServiceOptions {
  return {
    createXHR: () => new XHR2(),
    WebSocket: WebSocket as unknown as WebSocketConstructor,
    ...overrides,
    storage: overrides.storage ?? memoryStorage(),
  };
}
