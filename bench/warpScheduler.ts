import { Subscription } from 'rxjs';
import type { SchedulerAction, SchedulerLike } from 'rxjs';

/**
 * A scheduler on which time runs `factor` times faster than the wall clock: `now()` advances
 * `factor` ms per real ms and a delay of `d` fires after `d / factor` real ms. Given to a real
 * service (`options.scheduler`), it makes an idle minute of polling take `60 / factor` seconds
 * while the requests still go over real loopback HTTP — close enough as long as a request takes
 * far less than a poll gap. (A bench tool, not a library timer: plain Node timers are fine here.)
 *
 * @example
 * const chat = nodeService(config, { scheduler: new WarpScheduler(20) }); // one minute in 3 s
 *
 * @param factor How much faster than real time.
 */
export class WarpScheduler implements SchedulerLike {
  private readonly origin = Date.now();
  private readonly started = performance.now();

  constructor(readonly factor: number) {}

  now(): number {
    return this.origin + (performance.now() - this.started) * this.factor;
  }

  schedule<T>(work: (this: SchedulerAction<T>, state?: T) => void, delay = 0, state?: T): Subscription {
    return new WarpAction<T>(this.factor, work).schedule(state, delay);
  }
}

/** One scheduled piece of work; `schedule()` again from inside the work reschedules it (how `timer(0, p)` repeats). */
class WarpAction<T> extends Subscription implements SchedulerAction<T> {
  private handle: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly factor: number,
    private readonly work: (this: SchedulerAction<T>, state?: T) => void,
  ) {
    super();
  }

  schedule(state?: T, delay = 0): Subscription {
    if (this.closed) return this;
    if (this.handle !== undefined) clearTimeout(this.handle);
    this.handle = setTimeout(() => {
      this.handle = undefined;
      this.work.call(this, state);
    }, delay / this.factor);
    return this;
  }

  override unsubscribe(): void {
    if (this.handle !== undefined) clearTimeout(this.handle);
    this.handle = undefined;
    super.unsubscribe();
  }
}
