import { createHook } from 'node:async_hooks';

/** A running trace of Node timers: where each live one was created. */
export interface TimerTrace {
  /** Creation stacks (trimmed) of the timers created since the trace started and still live. */
  live(): string[];
  stop(): void;
}

/**
 * Records where every Node `Timeout` is created and forgets it when it fires or is cleared, so a
 * process-level leak found by the soak names its origin instead of only counting it. Costs a
 * stack capture per timer: for the short soak in `npm test`, not the full one.
 *
 * @example
 * const trace = traceTimers();
 * await work();
 * console.log(trace.live()); // [] when nothing was left behind
 * trace.stop();
 */
export function traceTimers(): TimerTrace {
  // The destroy hook comes a turn after a timer is cleared or fired, so `live()` also asks the timer
  // itself (Node marks it `_destroyed`); like `getActiveResourcesInfo()`, unref'd timers do not count.
  const timers = new Map<number, { timer: NodeTimer; stack: string }>();
  const hook = createHook({
    init(id, type, _trigger, resource) {
      if (type !== 'Timeout') return;
      const frames = (new Error().stack ?? '').split('\n').slice(2).filter((line) => !line.includes('node:internal') && !line.includes('node:timers'));
      timers.set(id, { timer: resource as NodeTimer, stack: frames.slice(0, 8).join('\n') });
    },
    destroy(id) {
      timers.delete(id);
    },
  }).enable();
  return {
    live: () => [...timers.values()].filter(({ timer }) => timer._destroyed !== true && timer.hasRef()).map(({ stack }) => stack),
    stop: () => void hook.disable(),
  };
}

/** A Node `Timeout`, with the flag Node sets once it fired or was cleared. */
type NodeTimer = NodeJS.Timeout & { _destroyed?: boolean };
