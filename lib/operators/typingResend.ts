import { asyncScheduler, distinctUntilChanged, filter, interval, sample, scan, map } from 'rxjs';
import type { OperatorFunction, SchedulerLike } from 'rxjs';

/**
 * Emits the typing preview to send again on each `gapMs` tick at which it changed since the last
 * text sent (`contract.md` §7 CometD column: `startTyping` is re-sent every 5 s while the text
 * changes). A tick with no new text, or with the text already sent, emits nothing; `initial` is the
 * text the first `startTyping` carried.
 *
 * ```
 * text:    -a--b----------c-c--     gapMs = 5, initial ''
 * ticks:   -----t----t----t----t
 * result:  -----b---------c-----     a→b inside the first gap: b; nothing new by the second; c once
 * ```
 *
 * @example
 * preview$.pipe(typingResend(5000, text, platform.scheduler)).subscribe((text) => publish({ operation: 'startTyping', message: text }));
 *
 * @param gapMs The tick (5000).
 * @param initial The text already sent.
 * @param scheduler Where the ticks run.
 */
export function typingResend(gapMs: number, initial: string, scheduler: SchedulerLike = asyncScheduler): OperatorFunction<string, string> {
  return (text$) =>
    text$.pipe(
      sample(interval(gapMs, scheduler)),
      scan((last, text) => ({ text, fresh: text !== last.text }), { text: initial, fresh: false }),
      filter((step) => step.fresh),
      map((step) => step.text),
      distinctUntilChanged(),
    );
}
