/**
 * The package's main entry: `createWebChatService` (all three back ends) and everything of `webchat-rx/core`.
 *
 * @module webchat-rx
 */
export * from '../../lib/index';
