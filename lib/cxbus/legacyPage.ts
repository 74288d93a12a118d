import { composeWebChatService } from '../composeWebChatService';
import type { TransportFactories } from '../composeWebChatService';
import { cookieStorage } from '../storage/cookieStorage';
import { bootstrapWidgets } from './bootstrapWidgets';
import type { WidgetsWindow } from './bootstrapWidgets';
import { pageStorage } from './pageStorage';
import { serviceOnDemand } from './serviceOnDemand';
import type { ServiceOnDemandDeps } from './serviceOnDemand';

/**
 * Starts a legacy page (the IIFE entries): reads `window._genesys.widgets`, sets up `window.CXBus`,
 * `_genesys.widgets.bus` and the `WebChatService` plugin (see `bootstrapWidgets`). A back end
 * missing from `transports` is loaded with `loadTransport` when `WebChatService` is configured
 * (the core bundle, `startLegacyCore`). The page's globals are touched here, in `startLegacyCore`
 * and nowhere else in `lib/cxbus/`.
 *
 * @example
 * startLegacyPage(transportFactories); // the all-in-one bundle: nothing is loaded later
 *
 * @param transports The back ends known now; read again when the service is created.
 * @param loadTransport Loads a missing back end (absent: a missing one is refused).
 */
export function startLegacyPage(transports: TransportFactories, loadTransport?: ServiceOnDemandDeps['loadTransport']): void {
  const page = window as Window & WidgetsWindow;
  let local: Storage | undefined;
  try {
    local = window.localStorage;
  } catch {
    // Blocked storage (sandboxed iframe, privacy settings): cookies or memory instead.
  }
  const storage = pageStorage(location, local);
  const create = composeWebChatService(transports);
  bootstrapWidgets({
    window: page,
    // The App's auto-load list lives where the service's session does (a cookie, as shipped, where cookies work).
    storage: storage ?? cookieStorage(page._genesys?.widgets?.main?.cookieOptions),
    logger: console,
    createService: serviceOnDemand({ transports, loadTransport, create: (webchat, main) => create(webchat, { main, storage }) }),
  });
}
