import { defer, map, merge, mergeMap, of, take, throwError, timer } from 'rxjs';
import type { Observable, SchedulerLike } from 'rxjs';
import type { TransportFactories } from '../composeWebChatService';
import type { TransportId } from '../model/config';
import { transportModuleMissing } from '../model/rejections';
import type { TransportFactory } from '../transports/transport';

/** The file of a back end's module, deployed next to `webchat-rx.cxbus.min.js`: `webchat-rx.gms-v2.mod.js`. */
export function transportModuleFile(transportId: TransportId): string {
  return `webchat-rx.${transportId}.mod.js`;
}

/** What {@link loadTransportModule} needs. */
export interface TransportModuleDeps {
  /** The folder of `webchat-rx.cxbus.min.js` (ends with `/`; empty = the page's own folder). */
  folder: string;
  /** Injects a script once: `true` when it ran, `false` when it failed to load (the bus's `scriptLoader`). */
  load(url: string): Observable<boolean>;
  /** The factories known so far; the module adds its own here while it runs (`__webchatRx.define`). */
  transports: TransportFactories;
  /** How long the script may take before the load counts as failed. */
  timeoutMs: number;
  scheduler?: SchedulerLike;
}

/**
 * Loads the module of one back end from the folder of the core script and emits its transport
 * factory, then completes. A script that fails to load, does not answer within `timeoutMs`, or runs
 * without registering that back end (another build's module) errors with {@link transportModuleMissing}.
 *
 * ```
 * load(url)   : ---------t|      (the module ran and registered)
 * result      : ---------f|
 * load(url)   : ------------      (no answer)
 * result      : -----#            (timeoutMs: Could not load transport module '…'…)
 * ```
 *
 * @example
 * loadTransportModule('nexus-v3', { folder: 'https://cdn.example.com/webchat/', load: (url) => loader.load(url), transports, timeoutMs: 20000 })
 *   .subscribe((factory) => composeWebChatService({ 'nexus-v3': factory }));
 *
 * @param transportId The back end the page's config selects.
 * @param deps Folder, script loader, the factory table, the bound and its scheduler.
 */
export function loadTransportModule(transportId: TransportId, deps: TransportModuleDeps): Observable<TransportFactory> {
  const url = deps.folder + transportModuleFile(transportId);
  return defer(() => merge(deps.load(url), timer(deps.timeoutMs, deps.scheduler).pipe(map(() => false)))).pipe(
    take(1),
    mergeMap((ran) => {
      const factory = ran ? deps.transports[transportId] : undefined;
      return factory ? of(factory) : throwError(() => transportModuleMissing(url));
    }),
  );
}
