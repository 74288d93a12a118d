import type { WebChatCommandName } from './model/commands';
import type { TransportId, WebChatConfig } from './model/config';
import { transportNotComposed } from './model/rejections';
import { createPlatform } from './platform/createPlatform';
import { Engine } from './engine/engine';
import { runEpics } from './engine/runEpics';
import { commandSettleBound } from './service/commandSettleBound';
import { refusedService } from './service/refusedService';
import { resolveSafely } from './service/resolveConfig';
import type { WebChatService, WebChatServiceOptions } from './service/WebChatService';
import { createSessionStore } from './storage/sessionStore';
import { createSurface } from './surface/createSurface';
import { multiTabService } from './surface/multiTabService';
import { TabActivity } from './surface/tabActivity';
import { multiTabName } from './surface/tabLeadership';
import type { TransportFactory } from './transports/transport';

/** The back ends a composed service can reach, by `transportId`. */
export type TransportFactories = Partial<Record<TransportId, TransportFactory>>;

/**
 * `createWebChatService` over the given back ends only: what an app imports is all its bundler
 * keeps (`webchat-rx/core` and one `webchat-rx/transports/<id>`). A config selecting a back end not
 * given is refused with the text of `transportNotComposed`. The table is read when a service is created,
 * so a legacy page can add a transport loaded later.
 *
 * @example
 * import { composeWebChatService } from 'webchat-rx/core';
 * import { createGmsTransport } from 'webchat-rx/transports/gms-v2';
 * const createChat = composeWebChatService({ 'gms-v2': createGmsTransport });
 * const chat = createChat({ dataURL: 'https://gms.example.com/genesys/2/chat/customer-support' });
 *
 * @param transports The transport factory of each back end the app uses.
 */
export function composeWebChatService(transports: TransportFactories): (config: WebChatConfig, options?: WebChatServiceOptions) => WebChatService {
  return (config, options = {}) => createService(config, options, transports);
}

/** The composition root: config → platform → transport → engine → surface. */
function createService(config: WebChatConfig, options: WebChatServiceOptions, transports: TransportFactories): WebChatService {
  const main = options.main ?? {};
  const platform = createPlatform(options, main);
  const resolution = resolveSafely(config, main, platform.logger);
  const factory = resolution.ok ? options.transport ?? transports[resolution.config.transportId] : undefined;
  if (!resolution.ok || !factory) {
    platform.logger.error('[WebChatService] invalid configuration');
    return refusedService(resolution.ok ? transportNotComposed(resolution.config.transportId) : resolution.rejection);
  }
  const resolved = resolution.config;
  const store = createSessionStore(platform.storage, { deploymentID: main.deploymentID, cookieOptions: main.cookieOptions });
  const transport = factory({ config: resolved, platform, store });
  // Issue 13: with the browser's cross-tab primitives, the tabs share one chat and one connection,
  // which sleeps (`sleepEnabled`) only when no tab is active.
  const tabs = resolved.webchat.multiTab === false ? undefined : platform.tabs;
  const activity = tabs ? new TabActivity(platform.pageActive$, platform.scheduler) : undefined;
  const engine = new Engine({ config: resolved, platform: activity ? { ...platform, pageActive$: activity.anyActive$ } : platform, store, transport });
  const settleBound = (name: WebChatCommandName) => commandSettleBound(name, resolved);
  const start = () => createSurface(engine, { run: runEpics(engine), settleBound });
  if (!tabs || !activity) return start();
  const name = multiTabName(store.nameOf(''), resolved.transportId, resolved.dataURL);
  return multiTabService({ engine, start, tabs, name, settleBound, activity });
}
