import type { TransportFactories } from '../composeWebChatService';
import type { TransportId } from '../model/config';
import type { TransportFactory } from '../transports/transport';
import { defaultBusConfig } from './createBus';
import { startLegacyPage } from './legacyPage';
import { loadTransportModule } from './loadTransportModule';
import { preloadTransport } from './preloadTransport';
import { scriptLoader } from './scriptLoader';
import { serviceOnDemand } from './serviceOnDemand';

/** Set by the build: the id every module of the same build checks before it registers. */
declare const __WEBCHAT_RX_BUILD__: string | undefined;

/**
 * `window.__webchatRx`, private to one build: a transport module reads the code the core holds for
 * it from `shared` (each value at the slot the build gave it) and registers its factory with `define`. A module of another build finds a
 * different `build` and registers nothing.
 */
export interface LegacyCoreGlobal {
  build: string;
  shared: readonly unknown[];
  define(transportId: TransportId, factory: TransportFactory): void;
}

/** How long a transport module may take to load before every command rejects (a bus command waits 30 s). */
const transportModuleTimeout = 20000;

/**
 * Starts a legacy page from the core bundle `webchat-rx.cxbus.min.js` (service and bus, no back end):
 * when `WebChatService` is configured, the back end the page's config selects is loaded as
 * `webchat-rx.<id>.mod.js` from the folder this script came from, and registers through
 * `window.__webchatRx`. Must run while the script runs (`document.currentScript`). Called by the
 * entry `scripts/legacyBuilds.mjs` generates, with what the modules import from the core.
 *
 * @example
 * startLegacyCore([map, switchMap, classifiedCall]); // what the build's modules import, in its order
 *
 * @param shared The values modules take from the core (rxjs and lib exports), only those they use.
 */
export function startLegacyCore(shared: LegacyCoreGlobal['shared']): void {
  const page = window as Window & { __webchatRx?: LegacyCoreGlobal; _genesys?: { widgets?: { webchat?: unknown } } };
  const known: TransportFactories = {};
  const script = document.currentScript;
  // Modules sit next to this script; without one (an inline copy), next to the page.
  const folder = script instanceof HTMLScriptElement && script.src ? new URL('.', script.src).href : '';
  const build = typeof __WEBCHAT_RX_BUILD__ === 'string' ? __WEBCHAT_RX_BUILD__ : 'dev';
  page.__webchatRx = { build, shared, define: (transportId, factory) => void (known[transportId] = factory) };
  const loader = scriptLoader(document, () => defaultBusConfig);
  // The back end of the page's config starts loading now, while this script runs (not at configure).
  const loadTransport = preloadTransport(
    (transportId: TransportId) => loadTransportModule(transportId, { folder, load: (url) => loader.load(url), transports: known, timeoutMs: transportModuleTimeout }),
    page._genesys?.widgets?.webchat,
  );
  startLegacyPage(known, (create) => serviceOnDemand({ transports: known, loadTransport, create }));
}
