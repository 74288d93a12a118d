// The CXBus adapter's public names, listed (no `export *`). `lib/index.ts` may re-export them for
// apps that want a bus in their own bundle; legacy pages use `dist/webchat-rx.cxbus.min.js` instead.
export { createBus, defaultBusConfig } from './createBus';
export type { BusOptions } from './createBus';
export { createDeferred } from './deferred';
export type { BusPromise, Deferred, DeferredCallbacks, DeferredOptions, DeferredState } from './deferred';
export { bindWebChatService, eventPublishModes, dataKeys, webChatServiceNamespace } from './bindWebChatService';
export type { WebChatServiceBinding } from './bindWebChatService';
export { registerWebChatServicePlugin } from './registerWebChatServicePlugin';
export { registerAppPlugin, autoLoadListKey, readAutoLoadList } from './registerAppPlugin';
export type { AppPluginDeps, WidgetsMain } from './registerAppPlugin';
export { bootstrapWidgets } from './bootstrapWidgets';
export type { BootstrapDeps, GenesysWidgets, QuickBus, WidgetsBootstrap, WidgetsCommon, WidgetsExtension, WidgetsWindow } from './bootstrapWidgets';
export { pageStorage } from './pageStorage';
export type { PublishMode } from './eventHub';
export type {
  BeforeHook, BusConfig, BusEvent, BusMaster, BusRegistry, CommandEnvelope, CommandHandler, CXBus, DataEntry,
  EventCallback, PluginInterface,
} from './types';
