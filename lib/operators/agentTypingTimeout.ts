import { Observable, asyncScheduler, timer } from 'rxjs';
import type { OperatorFunction, SchedulerLike, Subscription } from 'rxjs';
import type { NormalizedMessage } from '../model/messages';

/** One agent typing signal: a `TypingStarted` (`typing: true`) or `TypingStopped` message from `agentId`. */
export interface AgentTypingSignal<M = NormalizedMessage> {
  agentId: string;
  typing: boolean;
  message: M;
}

/**
 * What to publish for one agent: `'started'` ⇒ `agentTypingStarted`, `'stopped'` ⇒
 * `agentTypingStopped`, `'timeout'` ⇒ `agentTypingTimeout`. `message` is the signal that caused
 * it (for `'timeout'`: the last typing signal).
 */
export interface AgentTypingEvent<M = NormalizedMessage> {
  type: 'started' | 'stopped' | 'timeout';
  agentId: string;
  message: M;
}

/**
 * Emits agent typing transitions, each agent on its own (`contract.md` §12.2): the first typing
 * signal ⇒ `'started'`; every typing signal (re)arms a timer of `ms` (Genesys Cloud repeats
 * `typing-indicator` while the agent types); a stop while typing ⇒ `'stopped'`; `ms` without a
 * signal while typing ⇒ `'timeout'` and the agent is no longer typing (no `'stopped'` follows).
 * `ms <= 0` never times out (the gms default: GMS sends TypingStopped). Completing the source
 * drops the armed timers.
 *
 * ```
 * signals: -T-T------T-F-F-     T typing, F stopped (one agent; ms = 4)
 * result:  -s-----t--s-p---     s 'started', t 'timeout', p 'stopped'
 * ```
 *
 * @example
 * typingSignal$.pipe(agentTypingTimeout(config.agentTypingTimeout, platform.scheduler))
 *   .subscribe((event) => publish(event));
 *
 * @param ms `agentTypingTimeout` (v3/cloud 3000, gms 0 = never).
 * @param scheduler Where the timers run.
 */
export function agentTypingTimeout<M = NormalizedMessage>(
  ms: number,
  scheduler: SchedulerLike = asyncScheduler,
): OperatorFunction<AgentTypingSignal<M>, AgentTypingEvent<M>> {
  return (signal$) =>
    new Observable((subscriber) => {
      // One entry per typing agent: its armed timer (none when `ms <= 0`). A plain map instead of
      // groupBy, the only user of that operator in the bundle.
      const typing = new Map<string, Subscription | undefined>();
      const subscription = signal$.subscribe({
        next: ({ agentId, typing: signalTyping, message }) => {
          const emit = (type: AgentTypingEvent<M>['type']) => subscriber.next({ type, agentId, message });
          const wasTyping = typing.has(agentId);
          typing.get(agentId)?.unsubscribe();
          typing.delete(agentId);
          if (!signalTyping) {
            if (wasTyping) emit('stopped');
            return;
          }
          if (!wasTyping) emit('started');
          typing.set(
            agentId,
            ms > 0
              ? timer(ms, scheduler).subscribe(() => {
                  typing.delete(agentId);
                  emit('timeout');
                })
              : undefined,
          );
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => subscriber.complete(),
      });
      // Completing (or unsubscribing) drops the armed timers.
      return () => {
        subscription.unsubscribe();
        typing.forEach((armed) => armed?.unsubscribe());
      };
    });
}
