import { Subject, defer, distinctUntilChanged, map, of, startWith, switchMap, timer } from 'rxjs';
import type { Observable, SchedulerLike } from 'rxjs';

/** How long no tab must be active before the chat sleeps: switching tabs hides one before it shows the other. */
export const tabSwitchGrace = 1000;

/**
 * Whether any tab of the chat is active (visible and focused), for the leading tab's `sleep`/`wake`
 * (`sleepEnabled`, issue 13): the chat sleeps when no tab of the browser shows it, not when the tab
 * that happens to lead is hidden. Each tab tells the others its own activity on the channel; a tab
 * that goes says `false`. A tab not heard from yet counts as inactive. `false` comes only after no tab
 * was active for {@link tabSwitchGrace} ms, so moving from one tab to another never sleeps.
 *
 * ```
 * tab 1 (leads):  active ──── hidden ──────────────────────────────
 * tab 2:          hidden ───── active ───── hidden ───────── active
 * anyActive$:     true ─────────────────────────── (1 s) false ─ true
 * ```
 */
export class TabActivity {
  private own = true;
  private readonly others = new Map<string, boolean>();
  private readonly changed$ = new Subject<void>();
  /** Whether any tab is active: the current value on subscription, then each change. */
  readonly anyActive$: Observable<boolean> = defer(() =>
    this.changed$.pipe(
      startWith(undefined),
      map(() => this.own || [...this.others.values()].some(Boolean)),
      distinctUntilChanged(),
      switchMap((active) => (active ? of(true) : timer(tabSwitchGrace, this.scheduler).pipe(map(() => false)))),
      distinctUntilChanged(),
    ),
  );

  /**
   * @param local$ This tab's own activity (the platform's `pageActive$`).
   * @param scheduler Where the grace runs.
   */
  constructor(
    readonly local$: Observable<boolean>,
    private readonly scheduler: SchedulerLike,
  ) {}

  /** This tab's own activity changed. */
  setOwn(active: boolean): void {
    this.own = active;
    this.changed$.next();
  }

  /** Another tab said how it is (`false` too when it goes). */
  hear(tab: string, active: boolean): void {
    if (active) this.others.set(tab, true);
    else this.others.delete(tab);
    this.changed$.next();
  }

  get ownActive(): boolean {
    return this.own;
  }
}
