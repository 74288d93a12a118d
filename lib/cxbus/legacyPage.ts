import { composeWebChatService } from '../composeWebChatService';
import type { TransportFactories } from '../composeWebChatService';
import type { WebChatConfig } from '../model/config';
import type { WebChatService } from '../service/WebChatService';
import { cookieStorage } from '../storage/cookieStorage';
import { bootstrapWidgets } from './bootstrapWidgets';
import type { BootstrapDeps, WidgetsWindow } from './bootstrapWidgets';
import { pageStorage } from './pageStorage';
import type { WidgetsMain } from './registerAppPlugin';

/** Creates the page's service from the widgets config, with the page's storage. */
type CreateService = (webchat: WebChatConfig, main: WidgetsMain) => WebChatService;

/**
 * Starts a legacy page (the IIFE entries): reads `window._genesys.widgets`, sets up `window.CXBus`,
 * `_genesys.widgets.bus` and the `WebChatService` plugin (see `bootstrapWidgets`), whose service is
 * composed over `transports`. The core bundle (`startLegacyCore`) passes `onDemand`, which loads a
 * back end missing from `transports` first. The page's globals are touched here, in
 * `startLegacyCore` and nowhere else in `lib/cxbus/`.
 *
 * @example
 * startLegacyPage(transportFactories); // the all-in-one bundle: nothing is loaded later
 *
 * @param transports The back ends known now; read again each time a service is created.
 * @param onDemand Wraps the page's `createService` (absent: a missing back end is refused).
 */
export function startLegacyPage(transports: TransportFactories, onDemand?: (create: CreateService) => BootstrapDeps['createService']): void {
  const page = window as Window & WidgetsWindow;
  let local: Storage | undefined;
  try {
    local = window.localStorage;
  } catch {
    // Blocked storage (sandboxed iframe, privacy settings): cookies or memory instead.
  }
  const storage = pageStorage(location, local);
  const compose = composeWebChatService(transports);
  const create: CreateService = (webchat, main) => compose(webchat, { main, storage });
  bootstrapWidgets({
    window: page,
    // The App's auto-load list lives where the service's session does (a cookie, as shipped, where cookies work).
    storage: storage ?? cookieStorage(page._genesys?.widgets?.main?.cookieOptions),
    logger: console,
    createService: onDemand ? onDemand(create) : create,
  });
}
