import type { Observable } from 'rxjs';
import type { CommandOptions, CommandResult, Commander, WebChatCommandName } from '../model/commands';
import type { WebChatEvent, WebChatEventMap, WebChatEventName } from '../model/events';
import type { NormalizedMessage } from '../model/messages';
import type { OutboxEntry } from '../model/outbox';
import type { WebChatState } from '../model/state';
import type { MainConfig } from '../model/config';
import type { PlatformOptions } from '../platform/createPlatform';
import type { TransportFactory } from '../transports/transport';

/**
 * The result of a command: an Observable that runs at once (like a bus command) and replays its
 * single value or rejection to every subscriber (AsyncSubject semantics). Subscribe,
 * `firstValueFrom` it, or ignore it. A rejection is the contract's text or failure object.
 */
export type CommandCall<T> = Observable<T>;

/** The command methods: one per command of the contract, named as the contract names them. */
export type WebChatCommandMethods = {
  [K in Exclude<WebChatCommandName, 'configure'>]: (options?: CommandOptions<K>) => CommandCall<CommandResult<K>>;
};

/**
 * WebChatService: the modern surface (DESIGN.md "Public API"). The command methods push into a
 * private subject; events come out of one; state is a BehaviorSubject.
 */
export interface WebChatService extends WebChatCommandMethods {
  /**
   * The generic form: `command('WebChatService.getTranscript')` or `command('getTranscript')`.
   * `commander` is who calls (private commands check it); method calls use `'App'`.
   */
  command<K extends WebChatCommandName>(
    name: K | `WebChatService.${K}`,
    options?: CommandOptions<K>,
    commander?: Commander,
  ): CommandCall<CommandResult<K>>;
  /** A typed, filtered view of one event. Hot: only `ready` is replayed to late subscribers. */
  on<K extends WebChatEventName>(event: K): Observable<WebChatEventMap[K]>;
  /** Every event as `{event, data}`, in publish order. */
  readonly events$: Observable<WebChatEvent>;
  /** Each visible normalized message exactly once, in order (history pages excluded). */
  readonly messages$: Observable<NormalizedMessage>;
  /** The readable state; replays the current value to late subscribers. */
  readonly state$: Observable<WebChatState>;
  /** The current state, synchronously. */
  readonly state: WebChatState;
  /**
   * The sends not delivered yet (issue 14), in order, each with its id, text and status
   * (`queued`, `sending`, `sent`, `failed`); replays the current list to late subscribers.
   */
  readonly outbox$: Observable<readonly OutboxEntry[]>;
  /** Sends a `failed` outbox entry again: resolves once delivered, rejects as a send does. */
  retrySend(id: string): CommandCall<unknown>;
  /** Removes a `queued` or `failed` outbox entry; its command, if still waiting, rejects. */
  discardSend(id: string): CommandCall<void>;
  /** Stops everything and leaves no timer, request or socket behind. Events and state complete. */
  destroy(): void;
}

/** What `createWebChatService` takes besides the config: the platform doors and `_genesys.widgets.main`. */
export interface WebChatServiceOptions extends PlatformOptions {
  /** The keys of `_genesys.widgets.main` the service reads (`contract.md` §2.3). */
  main?: MainConfig;
  /** Replace the transport the config selects (integrators' own transports, fakes in tests). */
  transport?: TransportFactory;
}
