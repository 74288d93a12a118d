import { AsyncSubject, filter, map, takeUntil } from 'rxjs';
import type { Observable } from 'rxjs';
import type { CommandOptions, CommandResult, Commander, WebChatCommandName } from '../model/commands';
import { webChatCommandNames } from '../model/commands';
import type { WebChatEvent, WebChatEventMap, WebChatEventName } from '../model/events';
import type { Engine } from '../engine/engine';
import type { WebChatService } from '../service/WebChatService';
import { automaticCommands } from './automaticCommands';
import { commandLanes } from './commandLanes';
import { outboxMethods } from './outboxMethods';
import type { LaneDeps } from './commandLanes';
import type { OutboxMethods } from './outboxMethods';

/**
 * The modern surface over an engine: one method per command (each a dispatch into the lanes),
 * `command`, `on` (with `ready` replayed), `events$`, `messages$`, `state$`, `state`, `destroy`.
 *
 * @param engine The running engine.
 * @param run The engine's answer to one command, and each command's settle bound.
 */
export function createSurface(engine: Engine, run: Pick<LaneDeps, 'run' | 'settleBound'>): WebChatService {
  // `ready` happens once: an AsyncSubject replays it to every later subscriber. Subscribed before
  // anyone else, so `ready$` holds `ready` before any listener hears it, and even with no listener.
  const ready$ = new AsyncSubject<WebChatEventMap['ready']>();
  const readyTap = engine.events$.subscribe((e) => {
    if (e.event !== 'ready') return;
    ready$.next(e.data);
    ready$.complete();
  });
  const lanes = commandLanes({
    ...run,
    scheduler: engine.deps.platform.scheduler,
    destroyed$: engine.destroyed$,
    destroyed: () => engine.destroyed,
  });
  const automatic = automaticCommands(engine, lanes);

  const methods = Object.fromEntries(
    webChatCommandNames
      .filter((name) => name !== 'configure')
      .map((name) => [name, (options?: unknown) => lanes.dispatch(name, options ?? {}, 'App')]),
  ) as unknown as Omit<WebChatService, 'command' | 'on' | 'events$' | 'messages$' | 'state$' | 'state' | 'destroy' | keyof OutboxMethods>;

  return {
    ...methods,
    ...outboxMethods(engine),
    command: <K extends WebChatCommandName>(name: K | `WebChatService.${K}`, options?: CommandOptions<K>, commander: Commander = 'App') =>
      lanes.dispatch(name, options ?? {}, commander) as Observable<CommandResult<K>>,
    on: <K extends WebChatEventName>(event: K): Observable<WebChatEventMap[K]> =>
      event === 'ready'
        ? (ready$.pipe(takeUntil(engine.destroyed$)) as unknown as Observable<WebChatEventMap[K]>)
        : engine.events$.pipe(
            filter((e): e is Extract<WebChatEvent, { event: K }> => e.event === event),
            map((e) => e.data as WebChatEventMap[K]),
          ),
    events$: engine.events$,
    messages$: engine.messages$,
    state$: engine.state$,
    get state() {
      return engine.state;
    },
    destroy: () => {
      if (engine.destroyed) return;
      automatic.unsubscribe();
      engine.destroy();
      lanes.close();
      readyTap.unsubscribe();
      ready$.complete();
    },
  };
}
