import {
  AsyncSubject, BehaviorSubject, EMPTY, NEVER, Observable, Subject, catchError, concatMap, defer, endWith, filter, ignoreElements,
  map, merge, mergeMap, take, takeUntil, tap, throwError, timer,
} from 'rxjs';
import type { CommandOptions, CommandResult, Commander, WebChatCommandName } from './model/commands';
import { webChatCommandNames } from './model/commands';
import type { TransportId, WebChatConfig } from './model/config';
import type { WebChatEvent, WebChatEventMap, WebChatEventName } from './model/events';
import type { NormalizedMessage } from './model/messages';
import { Rejections, commandTimedOut, transportNotComposed } from './model/rejections';
import { createPlatform } from './platform/createPlatform';
import { createClientTyping } from './service/clientTypingState';
import { commandHandlers } from './service/commandHandlers';
import type { CommandEnvelope } from './service/commandHandlers';
import { Engine } from './engine/engine';
import { commandSettleBound } from './service/commandSettleBound';
import { refusedService } from './service/refusedService';
import { resolveSafely } from './service/resolveConfig';
import type { WebChatService, WebChatServiceOptions } from './service/WebChatService';
import { createSessionStore } from './storage/sessionStore';
import type { TransportFactory } from './transports/transport';

/** Commands that must keep their order: each waits for the previous one of its lane. */
const sendLane: ReadonlySet<WebChatCommandName> = new Set(['sendMessage', 'sendFilteredMessage', 'sendFile']);
/** Commands whose options are validated as given (a non-object must reject, not become `{}`). */
const rawOptions: ReadonlySet<WebChatCommandName> = new Set(['updateUserData', 'updateInteractionData']);
const namespace = 'WebChatService.';
/** What a command sent to (or still running in) a destroyed service rejects with. */
const destroyedRejection = 'WebChatService was destroyed';

/** A command on its way to its lane, with the subject its caller reads the answer from. */
type Queued = CommandEnvelope & { reply: AsyncSubject<unknown> };

/** The back ends a composed service can reach, by `transportId`. */
export type TransportFactories = Partial<Record<TransportId, TransportFactory>>;

/**
 * `createWebChatService` over the given back ends only: what an app imports is all its bundler
 * keeps (`webchat-rx/core` and one `webchat-rx/transports/<id>`). A config selecting a back end not
 * given is refused with {@link transportNotComposed}. The table is read when a service is created,
 * so a legacy page can add a transport loaded later.
 *
 * @example
 * import { composeWebChatService } from 'webchat-rx/core';
 * import { createGmsTransport } from 'webchat-rx/transports/gms-v2';
 * const createChat = composeWebChatService({ 'gms-v2': createGmsTransport });
 * const chat = createChat({ dataURL: 'https://gms.example.com/genesys/2/chat/customer-support' });
 *
 * @param transports The transport factory of each back end the app uses.
 */
export function composeWebChatService(transports: TransportFactories): (config: WebChatConfig, options?: WebChatServiceOptions) => WebChatService {
  return (config, options = {}) => createService(config, options, transports);
}

/** The composition root: config → platform → transport → engine → surfaces. */
function createService(config: WebChatConfig, options: WebChatServiceOptions, transports: TransportFactories): WebChatService {
  const main = options.main ?? {};
  const platform = createPlatform(options, main);
  const resolution = resolveSafely(config, main, platform.logger);
  const factory = resolution.ok ? options.transport ?? transports[resolution.config.transportId] : undefined;
  if (!resolution.ok || !factory) {
    platform.logger.error('[WebChatService] invalid configuration');
    return refusedService(resolution.ok ? transportNotComposed(resolution.config.transportId) : resolution.rejection);
  }
  const store = createSessionStore(platform.storage, { deploymentID: main.deploymentID, cookieOptions: main.cookieOptions });
  const transport = factory({ config: resolution.config, platform, store });
  const engine = new Engine({ config: resolution.config, platform, store, transport });
  const handlers = commandHandlers(engine, createClientTyping(engine));
  const command$ = new Subject<Queued>();
  // `ready` happens once: an AsyncSubject replays it to every later subscriber.
  const ready$ = new AsyncSubject<WebChatEventMap['ready']>();
  // Subscribed before anyone else, so `ready$` holds `ready` before any listener hears it, and even
  // with no listener at all.
  const readyTap = engine.events$.subscribe((e) => {
    if (e.event !== 'ready') return;
    ready$.next(e.data);
    ready$.complete();
  });
  const events$ = engine.events$;

  const run = (envelope: Queued): Observable<unknown> => {
    const { reply } = envelope;
    return defer(() => {
      // §5 check order: private access → transport support → (the handler) session state → arguments.
      if (envelope.name === 'poll' && envelope.commander !== 'WebChatService') return throwError(() => Rejections.privateCommand);
      const unsupported = transport.unsupported[envelope.name];
      if (unsupported) return throwError(() => unsupported);
      return handlers[envelope.name](envelope.options, envelope);
    }).pipe(
      // A handler that completes empty settles with `undefined` (take(1) below keeps only the first value).
      endWith(undefined),
      // The backstop: whatever a handler waits on, the command settles within its bound (§15.1).
      (settled) => {
        const bound = commandSettleBound(envelope.name, resolution.config);
        const late$ = timer(bound, platform.scheduler).pipe(mergeMap(() => throwError(() => commandTimedOut(envelope.name, bound))));
        return merge(settled, late$);
      },
      take(1),
      takeUntil(engine.destroyed$),
      tap({
        next: (value) => {
          reply.next(value);
          reply.complete();
        },
        error: (rejection: unknown) => reply.error(rejection),
      }),
      ignoreElements(),
      // A rejection is the caller's, never the command stream's.
      catchError(() => EMPTY),
    );
  };

  // Two lanes: sends one after another, everything else at once.
  const inSendLane = (envelope: Queued) => sendLane.has(envelope.name);
  merge(
    command$.pipe(filter(inSendLane), concatMap(run)),
    command$.pipe(filter((envelope) => !inSendLane(envelope)), mergeMap(run)),
  )
    .pipe(takeUntil(engine.destroyed$))
    .subscribe();

  /** Commands not settled yet: destroy() rejects them, so no caller is ever left hanging (§15.1). */
  const pending = new Set<AsyncSubject<unknown>>();
  const dispatch = (name: unknown, options: unknown, commander: Commander): Observable<unknown> => {
    // A page may pass anything as a name (issue 6 "bad input"): only a known string is a command.
    const short = typeof name !== 'string' ? '' : name.startsWith(namespace) ? name.slice(namespace.length) : name;
    const reply = new AsyncSubject<unknown>();
    if (!(webChatCommandNames as readonly string[]).includes(short)) {
      reply.error(Rejections.noCommand);
      return reply.asObservable();
    }
    if (engine.destroyed) {
      reply.error(destroyedRejection);
      return reply.asObservable();
    }
    const commandName = short as WebChatCommandName;
    const objectLike = typeof options === 'object' && options !== null;
    const opts = (objectLike || rawOptions.has(commandName) ? options ?? {} : {}) as Record<string, unknown>;
    pending.add(reply);
    reply.subscribe({ error: () => pending.delete(reply), complete: () => pending.delete(reply) });
    command$.next({ name: commandName, options: opts, commander, reply });
    return reply.asObservable();
  };

  // configure (§6.1): capabilities, auto-restore without waiting, then `ready` — on the scheduler, so
  // whoever subscribes right after creation sees them.
  const configuring = platform.scheduler.schedule(() => {
    engine.publish('capabilitiesChanged', transport.capabilities);
    if (transport.capabilities.async) dispatch('asyncRestore', {}, 'WebChatService').subscribe({ error: () => undefined });
    else if (transport.persisted().exists) dispatch('restore', {}, 'WebChatService').subscribe({ error: () => undefined });
    engine.publish('ready', {});
  });
  const config$ = resolution.config;
  const automatic = merge(
    config$.sleepEnabled ? platform.pageActive$.pipe(map((active) => (active ? 'wake' : 'sleep'))) : EMPTY,
    platform.online$.pipe(map(() => 'online' as const)),
  )
    .pipe(takeUntil(engine.destroyed$))
    .subscribe((what) => {
      if (what === 'online') engine.control({ type: 'pollNow', reply: () => undefined });
      else dispatch(what, {}, 'WebChatService').subscribe({ error: () => undefined });
    });

  const methods = Object.fromEntries(
    webChatCommandNames
      .filter((name) => name !== 'configure')
      .map((name) => [name, (options?: unknown) => dispatch(name, options ?? {}, 'App')]),
  ) as unknown as Omit<WebChatService, 'command' | 'on' | 'events$' | 'messages$' | 'state$' | 'state' | 'destroy'>;

  const service: WebChatService = {
    ...methods,
    command: <K extends WebChatCommandName>(name: K | `WebChatService.${K}`, options?: CommandOptions<K>, commander: Commander = 'App') =>
      dispatch(name, options ?? {}, commander) as Observable<CommandResult<K>>,
    on: <K extends WebChatEventName>(event: K): Observable<WebChatEventMap[K]> =>
      event === 'ready'
        ? (ready$.pipe(takeUntil(engine.destroyed$)) as unknown as Observable<WebChatEventMap[K]>)
        : events$.pipe(
            filter((e): e is Extract<WebChatEvent, { event: K }> => e.event === event),
            map((e) => e.data as WebChatEventMap[K]),
          ),
    events$,
    messages$: engine.messages$,
    state$: engine.state$,
    get state() {
      return engine.state;
    },
    destroy: () => {
      if (engine.destroyed) return;
      configuring.unsubscribe();
      automatic.unsubscribe();
      engine.destroy();
      for (const reply of [...pending]) reply.error(destroyedRejection);
      readyTap.unsubscribe();
      ready$.complete();
      command$.complete();
    },
  };
  return service;
}
