import { map, merge, startWith } from 'rxjs';
import { domEvent } from '../platform/domEvent';
import type { MainConfig } from '../model/config';
import type { KeyValueStorage } from '../platform/platform';
import type { BusConfig, CXBus, PluginInterface } from './types';

/** Where the App keeps the plugins to load on the next page (`contract.md` §14.1, App-owned). */
export const autoLoadListKey = '_genesys.widgets.app.autoLoadList';

/** The `_genesys.widgets.main` keys the App shim reads, beyond those the service reads. */
export interface WidgetsMain extends MainConfig {
  lang?: string;
  timeFormat?: number | string;
  preload?: string[];
  pluginLoadDelay?: number;
  [key: string]: unknown;
}

export interface AppPluginDeps {
  main: WidgetsMain;
  /** Persistence of the auto-load list (the same adapter the service uses). */
  storage: KeyValueStorage;
  /** `CXBus.configure` (through the master the App holds), for `App.debug`. */
  configure(options: Partial<BusConfig>): void;
  /** The page, for `App.data.pageFocus` / `pageHidden`; absent = not published. */
  window?: Window;
}

/** Only these entries of `main.header` travel with requests (`contract.md` §2.3, §16). */
const headerNames = ['Authorization', 'apikey'];

/**
 * Registers the minimal `App` plugin legacy pages and WebChatService rely on (`cxbus.md` §12):
 * `registerAutoLoad`/`deregisterAutoLoad` (the auto-load list), `updateAJAXHeader`/`removeAJAXHeader`
 * (the `main.header` map the service reads at request time), `debug`, the `pageFocus`/`pageHidden`
 * data keys, and the sticky `language` and `timeFormat`. The caller republishes `App.ready` once the
 * extensions ran (bootstrap order, §1.1).
 *
 * @example
 * const app = registerAppPlugin(bus, { main, storage, configure: master.config, window });
 * app.republish('ready', widgets);
 *
 * @param bus The bus to register on.
 * @param deps `main`, `storage`, `configure`, `window`.
 */
export function registerAppPlugin(bus: CXBus, deps: AppPluginDeps): PluginInterface | false {
  const app = bus.registerPlugin('App');
  if (!app) return false;
  const { main, storage } = deps;

  const readList = () => readAutoLoadList(storage);
  const writeList = (list: string[]) => (list.length ? storage.set(autoLoadListKey, JSON.stringify(list)) : storage.remove(autoLoadListKey));
  const pluginOf = (data: Record<string, unknown>) => (typeof data.plugin === 'string' ? data.plugin : undefined);

  app.registerCommand('registerAutoLoad', (e) => {
    const plugin = pluginOf(e.data);
    if (plugin && !readList().includes(plugin)) writeList([...readList(), plugin]);
    e.deferred.resolve();
  });
  app.registerCommand('deregisterAutoLoad', (e) => {
    const plugin = pluginOf(e.data);
    writeList(readList().filter((p) => p !== plugin));
    e.deferred.resolve();
  });
  app.registerCommand('updateAJAXHeader', (e) => {
    const kept = Object.fromEntries(Object.entries(e.data).filter(([k, v]) => headerNames.includes(k) && typeof v === 'string'));
    // Mutated in place: the service holds this very object and reads it at each request.
    main.header = Object.assign(main.header ?? {}, kept);
    e.deferred.resolve({ ...main.header });
  });
  app.registerCommand('removeAJAXHeader', (e) => {
    // UNCONFIRMED shape: the names are the option keys (`{Authorization: …}`) or an array of names.
    const names = Array.isArray(e.data) ? e.data.map(String) : Object.keys(e.data);
    for (const name of names) delete main.header?.[name];
    e.deferred.resolve({ ...main.header });
  });
  app.registerCommand('debug', (e) => {
    deps.configure({ debug: e.data.enabled !== false });
    e.deferred.resolve();
  });

  app.registerEvents(['ready', 'language', 'timeFormat', 'data']);
  app.data('language', main.lang ?? 'en');
  app.republish('language', main.lang ?? 'en');
  app.republish('timeFormat', main.timeFormat ?? 12);
  if (main.deploymentID) app.data('deploymentID', main.deploymentID);
  if (main.cookieOptions) app.data('cookieOptions', main.cookieOptions);

  const win = deps.window;
  if (win) {
    const doc = win.document;
    merge(domEvent(win, 'focus'), domEvent(win, 'blur'), domEvent(doc, 'visibilitychange'))
      .pipe(
        startWith(null),
        map(() => ({ focus: typeof doc.hasFocus !== 'function' || doc.hasFocus(), hidden: doc.visibilityState === 'hidden' })),
      )
      .subscribe(({ focus, hidden }) => {
        app.data('pageFocus', focus);
        app.data('pageHidden', hidden);
      });
  }
  app.ready();
  return app;
}

/** The auto-load list: plugin names to load on the next page (a JSON array; anything else = empty). */
export function readAutoLoadList(storage: KeyValueStorage): string[] {
  try {
    const list: unknown = JSON.parse(storage.get(autoLoadListKey) ?? '[]');
    return Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}
