import { EMPTY, Subscription, map, merge, takeUntil } from 'rxjs';
import type { Engine } from '../engine/engine';
import type { CommandLanes } from './commandLanes';

/**
 * What the service does on its own. `configure` (§6.1): capabilities, auto-restore without waiting,
 * then `ready` — on the scheduler, so whoever subscribes right after creation sees them. Then, for
 * the service's life: `sleep`/`wake` with the page's visibility (when `sleepEnabled`), and a poll
 * when the network comes back.
 */
export function automaticCommands(engine: Engine, lanes: CommandLanes): Subscription {
  const { transport, platform, config } = engine.deps;
  const quietly = (name: string) => lanes.dispatch(name, {}, 'WebChatService').subscribe({ error: () => undefined });
  const configuring = platform.scheduler.schedule(() => {
    engine.publish('capabilitiesChanged', transport.capabilities);
    if (transport.capabilities.async) quietly('asyncRestore');
    else if (transport.persisted().exists) quietly('restore');
    engine.publish('ready', {});
  });
  const automatic = merge(
    config.sleepEnabled ? platform.pageActive$.pipe(map((active) => (active ? 'wake' : 'sleep'))) : EMPTY,
    platform.online$.pipe(map(() => 'online' as const)),
  )
    .pipe(takeUntil(engine.destroyed$))
    .subscribe((what) => {
      if (what === 'online') engine.control({ type: 'pollNow', reply: () => undefined });
      else quietly(what);
    });
  // Not `automatic.add(configuring)`: a page without visibility events completes `automatic` at once.
  const both = new Subscription();
  both.add(configuring);
  both.add(automatic);
  return both;
}
