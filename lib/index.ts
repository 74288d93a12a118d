// webchat-rx public API: every name of `webchat-rx/core` (lib/core.ts lists them by name), plus
// `createWebChatService`, which composes the service with all three back ends.

export { createWebChatService } from './createWebChatService';
export * from './core';
