import { timer } from 'rxjs';
import type { Observable, SchedulerLike } from 'rxjs';
import type { CookieHelper, CookieOptions, WebChatConfig } from '../model/config';
import type { KeyValueStorage, Logger } from '../platform/platform';
import type { WebChatService } from '../service/WebChatService';
import { cookieStorage } from '../storage/cookieStorage';
import { createBus } from './createBus';
import { readAutoLoadList, registerAppPlugin } from './registerAppPlugin';
import type { WidgetsMain } from './registerAppPlugin';
import { registerWebChatServicePlugin } from './registerWebChatServicePlugin';
import type { CXBus, PluginInterface } from './types';

/** `_genesys.widgets.bus`: the QuickBus plugin interface plus `registerPlugin` (`cxbus.md` §1). */
export type QuickBus = PluginInterface & { registerPlugin: CXBus['registerPlugin'] };

/** An extension: a function called as `fn($, CXBus, Common)`, or a script URL. */
export type WidgetsExtension = ((jQuery: unknown, bus: CXBus, common: WidgetsCommon) => unknown) | string;

/** `window._genesys.widgets` as a legacy page fills it. */
export interface GenesysWidgets {
  main?: WidgetsMain;
  webchat?: WebChatConfig;
  extensions?: Record<string, WidgetsExtension>;
  onReady?: (bus: QuickBus) => unknown;
  bus?: QuickBus;
  [key: string]: unknown;
}

/** The `Common` object extensions get (`cxbus.md` §1.1 step 3; the shipped one is larger, UNCONFIRMED). */
export interface WidgetsCommon {
  Cookie: CookieHelper;
  cookieOptions: CookieOptions;
  log(...args: unknown[]): void;
}

/** The page globals bootstrap reads and writes. */
export interface WidgetsWindow {
  CXBus?: CXBus;
  _genesys?: { widgets?: GenesysWidgets; [key: string]: unknown };
  jQuery?: unknown;
}

export interface BootstrapDeps {
  window: Window & WidgetsWindow;
  /**
   * Builds the service from the widgets config (the IIFE passes `createWebChatService` with its
   * storage), or answers with it later (the core bundle loads the back end's module first).
   */
  createService(webchat: WebChatConfig, main: WidgetsMain): WebChatService | Observable<WebChatService>;
  /** The App's persistence (auto-load list). */
  storage: KeyValueStorage;
  logger?: Logger;
  scheduler?: SchedulerLike;
}

/** What bootstrap set up. `quickBus` is absent when a bus was already on the page. */
export interface WidgetsBootstrap {
  bus: CXBus;
  quickBus?: QuickBus;
}

/**
 * The IIFE's start-up, in the shipped bootstrap order (`cxbus.md` §1.1): create `CXBus`, register
 * `App`, `QuickBus` (→ `_genesys.widgets.bus`) and `WebChatService`; run the function extensions
 * with `($, CXBus, Common)`; republish `App.ready` with the widgets config (which configures
 * WebChatService); call `onReady(QuickBus)`; inject the URL extensions; lazy-load `main.preload`
 * and the auto-load list after `main.pluginLoadDelay`.
 *
 * When the page already has a `window.CXBus` (the shipped widgets), only the WebChatService plugin is
 * registered into it: that bus's own App republishes `App.ready`.
 *
 * @example
 * bootstrapWidgets({ window, storage: localStorageStorage(), logger: console,
 *   createService: (webchat, main) => createWebChatService(webchat, { main }) });
 *
 * @param deps `window`, `createService`, `storage`, `logger`, `scheduler`.
 */
export function bootstrapWidgets(deps: BootstrapDeps): WidgetsBootstrap {
  const win = deps.window;
  const genesys = (win._genesys ??= {});
  const widgets = (genesys.widgets ??= {});
  const main = (widgets.main ??= {});
  const logger = deps.logger;
  const createFrom = (config: Record<string, unknown>) =>
    deps.createService(((config.webchat ?? widgets.webchat ?? {}) as WebChatConfig), ((config.main ?? main) as WidgetsMain));

  if (win.CXBus) {
    // Product: a bus already on the page is joined, never replaced (its plugins keep working).
    registerWebChatServicePlugin(win.CXBus, createFrom, logger);
    return { bus: win.CXBus };
  }

  // 1. The bus and its first plugins.
  const bus = createBus({ logger, document: win.document, scheduler: deps.scheduler, config: { debug: !!main.debug } });
  win.CXBus = bus;
  const master = bus.registerMaster();
  const configure = (options: Parameters<CXBus['configure']>[0]) => (master ? master.config(options ?? {}) : bus.configure(options));
  // 2. App: language, timeFormat.
  const app = registerAppPlugin(bus, { main, storage: deps.storage, configure, window: win }) as PluginInterface;
  const quickBus: QuickBus = Object.assign(bus.registerPlugin('QuickBus') as PluginInterface, { registerPlugin: bus.registerPlugin });
  quickBus.ready();
  widgets.bus = quickBus;
  registerWebChatServicePlugin(bus, createFrom, logger);

  // 3. Function extensions, each on its own (an extension's bug must not stop the page's chat).
  const extensions = Object.entries(widgets.extensions ?? {});
  const common = widgetsCommon(win, main, logger);
  for (const [name, extension] of extensions) {
    if (typeof extension !== 'function') continue;
    try {
      extension(win.jQuery, bus, common);
    } catch (error) {
      logger?.error(`[App] extension ${name} threw`, error);
    }
  }

  // 4. App.ready (sticky) with the whole config: WebChatService configures on it.
  app.republish('ready', widgets);
  app.data('ready', true);
  try {
    win.sessionStorage.setItem('Widgets.ready', 'true');
  } catch {
    // Storage may be disabled (privacy mode); the flag is informative only.
  }

  // 5. onReady, once.
  if (typeof widgets.onReady === 'function') {
    try {
      widgets.onReady(quickBus);
    } catch (error) {
      logger?.error('[App] onReady threw', error);
    }
  }

  // 6. URL extensions.
  for (const [, extension] of extensions) if (typeof extension === 'string') bus.loadFile(extension);

  // 7. Preloads and the auto-load list, after pluginLoadDelay.
  const wanted = [...(main.preload ?? []), ...readAutoLoadList(deps.storage)].filter((name, i, all) => all.indexOf(name) === i);
  if (wanted.length) {
    timer(main.pluginLoadDelay ?? 0, deps.scheduler).subscribe(() => {
      const registered = app.registry();
      // Plugins this bundle already holds (WebChatService) are not fetched again.
      for (const name of wanted) if (!(name in registered)) bus.loadPlugin(name);
    });
  }
  return { bus, quickBus };
}

function widgetsCommon(win: Window, main: WidgetsMain, logger: Logger | undefined): WidgetsCommon {
  const cookieOptions = main.cookieOptions ?? {};
  const jar = (extra: CookieOptions = {}) => cookieStorage({ ...cookieOptions, ...extra }, win.document);
  return {
    Cookie: {
      get: (name) => jar().get(name) ?? undefined,
      set: (name, value, options) => jar(options).set(name, value),
      remove: (name, options) => jar(options).remove(name),
    },
    cookieOptions,
    log: (...args) => logger?.info(...args),
  };
}
