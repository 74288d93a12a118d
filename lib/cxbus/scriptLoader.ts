import { map, merge, of, take } from 'rxjs';
import { domEvent } from '../platform/domEvent';
import type { Observable } from 'rxjs';
import type { BusConfig } from './types';

/** Why a load was refused before any script was injected. Product texts (the shipped ones are UNCONFIRMED). */
export const loaderTexts = {
  registered: (name: string) => `Plugin '${name}' is already registered`,
  loaded: (url: string) => `File '${url}' was already loaded`,
} as const;

/** Script injection for `loadPlugin`, `loadFile` and `loadModule` (`cxbus.md` §2). */
export interface ScriptLoader {
  /** The URL `loadPlugin(name)` would fetch, or `undefined` when none can be (no DOM, no path, blocked). */
  pluginUrl(name: string): string | undefined;
  /** Injects `<script src=url>` once: emits `true` on load, `false` on error, then completes. */
  load(url: string): Observable<boolean>;
  /** Whether `url` was already requested. */
  loaded(url: string): boolean;
}

/**
 * Creates the script loader of the bus. It only emits verdicts (`true`/`false`); the bus turns
 * them into deferreds and the contract's `Could not load plugin file…` text.
 *
 * @example
 * const loader = scriptLoader(document, () => config);
 * loader.load(loader.pluginUrl('WebChat')!).subscribe((ok) => …); // <pluginsPath>webchat.min.js
 *
 * @param doc The page's document; absent (Node, workers) = nothing can be loaded.
 * @param config The current bus configuration (`pluginsPath`, `pluginFilenameFormat`, `pluginMap`).
 */
export function scriptLoader(doc: Document | undefined, config: () => BusConfig): ScriptLoader {
  const requested = new Set<string>();
  return {
    pluginUrl(name) {
      const c = config();
      const mapped = Object.prototype.hasOwnProperty.call(c.pluginMap, name) ? c.pluginMap[name] : undefined;
      if (!doc || mapped === false) return undefined;
      if (typeof mapped === 'string') return mapped;
      if (!c.pluginsPath) return undefined;
      return c.pluginsPath + c.pluginFilenameFormat.replace('plugin', name.toLowerCase());
    },
    loaded: (url) => requested.has(url),
    load(url) {
      requested.add(url);
      if (!doc) return of(false);
      const script = doc.createElement('script');
      script.src = url;
      script.async = true;
      const outcome = merge(domEvent(script, 'load').pipe(map(() => true)), domEvent(script, 'error').pipe(map(() => false))).pipe(take(1));
      (doc.head ?? doc.documentElement).appendChild(script);
      return outcome;
    },
  };
}
