import { createBus } from '../../lib/cxbus/createBus';
import type { BusOptions } from '../../lib/cxbus/createBus';
import type { BusPromise } from '../../lib/cxbus/deferred';
import type { CXBus, PluginInterface } from '../../lib/cxbus/types';
import { pause, within } from '../helpers/eventually';

/** Waits `n` macrotasks (bus delivery and handlers each take one). */
export async function macrotasks(n = 1): Promise<void> {
  for (let i = 0; i < n; i++) await pause(0);
}

/** Waits until `promise` settles (bounded by `ms`) and reports how, with every argument. */
export function outcome(promise: BusPromise, ms = 2000): Promise<{ state: string; args: unknown[] }> {
  const settled = new Promise<{ state: string; args: unknown[] }>((resolve) => {
    promise.always(function (this: unknown, ...args: unknown[]) {
      resolve({ state: promise.state(), args });
    });
  });
  return within(settled, ms, () => {
    throw new Error(`still ${promise.state()} after ${ms} ms`);
  });
}

/** A silent logger that records what it was told. */
export function recordingLogger() {
  const lines: { level: string; args: unknown[] }[] = [];
  const at = (level: string) => (...args: unknown[]) => void lines.push({ level, args });
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** A bus with a recording logger, and a plugin registered on it. */
export function busWith(name = 'MyPlugin', options: BusOptions = {}): { bus: CXBus; plugin: PluginInterface; logger: ReturnType<typeof recordingLogger> } {
  const logger = recordingLogger();
  const bus = createBus({ logger, ...options });
  const plugin = bus.registerPlugin(name);
  if (!plugin) throw new Error(`could not register ${name}`);
  return { bus, plugin, logger };
}

/** Registers `name` on `bus` or fails the test. */
export function register(bus: CXBus, name: string): PluginInterface {
  const plugin = bus.registerPlugin(name);
  if (!plugin) throw new Error(`could not register ${name}`);
  return plugin;
}
