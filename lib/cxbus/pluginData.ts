import type { DataStore } from './dataStore';
import type { PluginInterface } from './types';

/**
 * A plugin's `data(key?, value?)` (`cxbus.md` §10): no key reads its whole store; a key reads or (with
 * a value) writes it, the plugin's own namespace prefix optional; `data('Other.key')` reads another
 * plugin's store, while a dotted key of its own stays readable.
 *
 * @example
 * iface.data = pluginData('MyPlugin', store, (plugin) => plugins.get(plugin)?.store);
 *
 * @param name The plugin's namespace. @param store Its own store. @param storeOf Another plugin's store, by namespace.
 */
export function pluginData(name: string, store: DataStore, storeOf: (plugin: string) => DataStore | undefined): PluginInterface['data'] {
  return ((key?: string, value?: unknown) => {
    if (key === undefined) return store.snapshot();
    // A page may pass anything: only a string names a data key (nothing to read, nothing written).
    if (typeof key !== 'string') return undefined;
    const own = key.startsWith(`${name}.`) ? key.slice(name.length + 1) : key;
    if (value !== undefined) return store.set(own, value);
    const dot = own.indexOf('.');
    const other = dot > 0 ? storeOf(own.slice(0, dot)) : undefined;
    return other ? other.get(own.slice(dot + 1)) : store.get(own);
  }) as PluginInterface['data'];
}
