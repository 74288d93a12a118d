import type { SchedulerLike } from 'rxjs';
import type { Logger } from '../platform/platform';
import type { BusConfig } from './types';

/** Options of `createBus`: its scheduler, logger, config and command timeout. */
export interface BusOptions {
  /** Where events are delivered and handlers run (macrotasks), and `commandTimeout` is timed. Default `asyncScheduler`. */
  scheduler?: SchedulerLike;
  /** Where bus lines go (gated by `debug`/`log`); absent = nowhere. The IIFE passes `console`. */
  logger?: Logger;
  /** The page's document, for `loadPlugin`/`loadFile`/`loadModule`; absent = they reject. */
  document?: Document;
  /** Initial `configure` options. */
  config?: Partial<BusConfig>;
}

/** `CXBus.configure` defaults (`cxbus.md` §11). */
export const defaultBusConfig: Readonly<BusConfig> = Object.freeze({
  debug: false,
  async: true,
  log: true,
  logStore: false,
  pluginsPath: '',
  pluginFilenameFormat: 'plugin.min.js',
  pluginMap: {},
  unlocked: false,
  commandTimeout: 30000,
});
