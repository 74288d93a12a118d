import { isObservable, of, take } from 'rxjs';
import type { Observable } from 'rxjs';
import type { Logger } from '../platform/platform';
import type { WebChatService } from '../service/WebChatService';
import { bindWebChatService, webChatServiceNamespace } from './bindWebChatService';
import type { CXBus, PluginInterface } from './types';

/**
 * Registers plugin `WebChatService` at load, as the shipped plugin does (`cxbus.md` §1.1 step 8):
 * commands sent to it are buffered from then on; on `App.ready` (sticky, so also when the App was
 * first) it creates the service from the widgets config carried by the event and binds it, which
 * makes the plugin ready and republishes `WebChatService.ready`. `create` may answer later (an
 * Observable: a legacy page loading the back end's module first); commands wait in the buffer.
 *
 * Works on our bus and on a bus already on the page (the shipped one): only the bus API is used.
 * Returns `false` when the bus already has a `WebChatService`.
 *
 * @example
 * registerWebChatServicePlugin(window.CXBus, (widgets) => createWebChatService(widgets.webchat ?? {}, { main: widgets.main }));
 *
 * @param bus The page's bus.
 * @param create Builds the service from the `App.ready` data (the whole `_genesys.widgets` config), now or later.
 * @param logger Where a refused configuration is reported.
 */
export function registerWebChatServicePlugin(
  bus: CXBus,
  create: (widgets: Record<string, unknown>) => WebChatService | Observable<WebChatService>,
  logger?: Pick<Logger, 'error'>,
): PluginInterface | false {
  const plugin = bus.registerPlugin(webChatServiceNamespace);
  if (!plugin) return false;
  let configured = false;
  plugin.subscribe('App.ready', (e) => {
    if (configured) return;
    configured = true;
    const widgets = typeof e.data === 'object' && e.data !== null ? (e.data as Record<string, unknown>) : {};
    const service = create(widgets);
    (isObservable(service) ? service : of(service)).pipe(take(1)).subscribe((created) => bindWebChatService(plugin, created, logger));
  });
  return plugin;
}
