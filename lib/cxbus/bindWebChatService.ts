import { Subscription, filter, take } from 'rxjs';
import type { Observable } from 'rxjs';
import { webChatCommandNames } from '../model/commands';
import { webChatEventNames } from '../model/events';
import type { WebChatEvent, WebChatEventName } from '../model/events';
import { Rejections } from '../model/rejections';
import type { WebChatDataKey, WebChatState } from '../model/state';
import type { Logger } from '../platform/platform';
import type { WebChatService } from '../service/WebChatService';
import type { Deferred } from './deferred';
import type { PublishMode } from './eventHub';
import type { CXBus, PluginInterface } from './types';

/** The bus plugin name of the service (`contract.md` §1). */
export const webChatServiceNamespace = 'WebChatService';

/** What {@link bindWebChatService} returns. */
export interface WebChatServiceBinding {
  plugin: PluginInterface;
  /** Stops publishing the service's events and data on the bus (commands keep reaching the service). */
  unbind(): void;
}

/**
 * How each event reaches the bus (`contract.md` §8, `cxbus.md` §4): only `ready` is sticky;
 * `ajaxResponse` is noisy, so quiet (publishDirect); every other event of `webChatEventNames` is
 * published. Built from the list rather than spelled out: 36 `'publish'` entries cost the IIFE bytes.
 */
export const eventPublishModes = Object.fromEntries(
  webChatEventNames.map((name) => [name, name === 'ready' ? 'republish' : name === 'ajaxResponse' ? 'publishDirect' : 'publish']),
) as { readonly [K in WebChatEventName]: PublishMode };

/** The bus data keys (`contract.md` §3), in publishing order: each is the state field of the same name. */
const dataKeyNames = [
  'sessionActive', 'userData', 'interactionData', 'sleeping', 'agentTyping', 'sessionData', 'mode', 'capabilities', 'sessionState',
  'connectionState',
] as const;
/** A data key missing from `dataKeyNames` fails to compile here. */
type EveryDataKeyListed<Missing extends never> = Missing;
type DataKeysComplete = EveryDataKeyListed<Exclude<WebChatDataKey, (typeof dataKeyNames)[number]>>;

/** The bus data keys (`contract.md` §3), read from the service's state. */
export const dataKeys = Object.fromEntries(dataKeyNames.map((key) => [key, (state: WebChatState) => state[key]])) as {
  readonly [K in WebChatDataKey]: (state: WebChatState) => unknown;
};

/** Auto-load bookkeeping with the App plugin (`contract.md` §14.4): the core knows no bus, so the binding does it. */
const autoLoad: Partial<Record<WebChatEventName, string>> = {
  started: 'App.registerAutoLoad',
  restored: 'App.registerAutoLoad',
  ended: 'App.deregisterAutoLoad',
  restoreTimeout: 'App.deregisterAutoLoad',
};

/**
 * Puts a {@link WebChatService} on a CXBus as plugin `WebChatService`: every command of the contract
 * is registered and mapped to `service.command(name, e.data, e.commander)` (the service checks the
 * private commands against the commander); every event is published with the contract's name and
 * payload; `ready` marks the plugin ready (flushing buffered commands) and is republished (sticky);
 * the data keys of `contract.md` §3 follow `service.state$`.
 *
 * ```
 * service.events$ : --c--R----s-----a--m-->   capabilitiesChanged, ready, started, ajaxResponse, messageReceived
 * bus             : --c--R----s-----a--m-->   publish, ready() + republish, publish, publishDirect, publish
 * ```
 *
 * A service whose configuration was refused never becomes ready; the binding then marks the plugin
 * ready anyway so every command rejects at once with the refusal (`Invalid configuration`) rather
 * than after `commandTimeout`.
 *
 * @example
 * const bus = createBus();
 * const chat = createWebChatService(window._genesys.widgets.webchat, { storage: localStorageStorage() });
 * bindWebChatService(bus, chat);
 * bus.command('WebChatService.startChat', { nickname: 'Ada' }).done(onStarted);
 *
 * @param target The bus (the plugin is registered on it) or an already registered `WebChatService` plugin.
 * @param service The service to expose.
 * @param logger Where a refused configuration is reported.
 */
export function bindWebChatService(target: CXBus | PluginInterface, service: WebChatService, logger?: Pick<Logger, 'error'>): WebChatServiceBinding {
  const plugin = 'registerPlugin' in target ? target.registerPlugin(webChatServiceNamespace) : target;
  if (!plugin) throw new Error(`${webChatServiceNamespace} is already registered on this bus`);
  plugin.registerEvents(webChatEventNames);
  for (const name of webChatCommandNames) {
    plugin.registerCommand(name, (e) => settle(e.deferred, service.command(name, e.data as never, e.commander)));
  }

  const subscription = new Subscription();
  subscription.add(
    service.events$.pipe(filter((e) => e.event !== 'ready')).subscribe((e: WebChatEvent) => {
      plugin[eventPublishModes[e.event]](e.event, e.data);
      const appCommand = autoLoad[e.event];
      if (appCommand && 'App' in plugin.registry()) {
        plugin.command(appCommand, { plugin: webChatServiceNamespace }).fail((reason: unknown) => logger?.error(`[WebChatService] ${appCommand} failed`, reason));
      }
    }),
  );
  subscription.add(
    service.on('ready').pipe(take(1)).subscribe((data) => {
      // cxbus.md §1.1 step 8: ready() first (buffered commands flow), then the sticky event.
      plugin.ready();
      plugin.republish('ready', data);
    }),
  );

  const last = new Map<WebChatDataKey, string>();
  subscription.add(
    service.state$.subscribe((state) => {
      for (const key of Object.keys(dataKeys) as WebChatDataKey[]) {
        const value = dataKeys[key](state);
        // State snapshots are new objects each time: compare by content, publish real changes only.
        const fingerprint = contentOf(value);
        if (last.get(key) === fingerprint) continue;
        last.set(key, fingerprint);
        plugin.data(key, value);
      }
    }),
  );

  // contract.md §2.5/§6.1: `configure` answers whether configuration succeeded (a configured service
  // says `Already configured`). A refused one will never publish `ready`: let commands through so
  // they reject with the reason now instead of waiting out commandTimeout.
  service.command('configure', {} as never, webChatServiceNamespace).subscribe({
    error: (reason: unknown) => {
      if (reason === Rejections.configured) return;
      logger?.error(`[WebChatService] configuration refused: ${String(reason)}`);
      plugin.ready();
    },
  });

  return { plugin, unbind: () => subscription.unsubscribe() };
}

/**
 * A data value's content as text, to tell a real change from a new snapshot. A page's own data may
 * hold what JSON cannot write (a bigint in userData, a cycle): bigints are written as text, and a
 * value that still cannot be written counts as changed every time (published again, never thrown).
 */
function contentOf(value: unknown): string {
  try {
    return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? `${String(v)}n` : v)) ?? 'undefined';
  } catch {
    unwritable += 1;
    return `unwritable #${unwritable}`;
  }
}
let unwritable = 0;

/** Settles a bus deferred with a command's single result; an empty completion resolves `undefined`. */
function settle(deferred: Deferred, result$: Observable<unknown>): void {
  let answered = false;
  result$.subscribe({
    next: (value) => {
      if (answered) return;
      answered = true;
      deferred.resolve(value);
    },
    error: (reason: unknown) => void deferred.reject(reason),
    complete: () => void (answered || deferred.resolve(undefined)),
  });
}
