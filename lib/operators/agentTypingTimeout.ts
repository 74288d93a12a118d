import { EMPTY, asyncScheduler, concat, endWith, groupBy, ignoreElements, map, mergeMap, of, scan, switchMap, takeUntil, timer } from 'rxjs';
import type { Observable, OperatorFunction, SchedulerLike } from 'rxjs';
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
    signal$.pipe(
      groupBy((signal) => signal.agentId),
      mergeMap((agent$) =>
        agent$.pipe(
          // A new signal cancels the armed timer (switchMap); a typing one arms the next.
          switchMap((signal): Observable<AgentInput<M>> => {
            const input$ = of<AgentInput<M>>(signal);
            return signal.typing && ms > 0 ? concat(input$, timer(ms, scheduler).pipe(map(() => ({ timeout: signal })))) : input$;
          }),
          scan(agentStep<M>, { typing: false }),
          mergeMap((step) => (step.event ? of(step.event) : EMPTY)),
          // The group completes with the source: drop its armed timer then, rather than wait for it.
          takeUntil(agent$.pipe(ignoreElements(), endWith(null))),
        ),
      ),
    );
}

/** What one agent's fold reads: a signal, or the timeout armed by a typing one. */
type AgentInput<M> = AgentTypingSignal<M> | { timeout: AgentTypingSignal<M> };

/** One agent's state, and the event the last input caused (if any). */
interface AgentStep<M> {
  typing: boolean;
  event?: AgentTypingEvent<M>;
}

/** The pure transition of one agent: started on the first typing, stopped only while typing, timeout ends typing. */
function agentStep<M>({ typing }: AgentStep<M>, input: AgentInput<M>): AgentStep<M> {
  if ('timeout' in input) return { typing: false, event: { type: 'timeout', agentId: input.timeout.agentId, message: input.timeout.message } };
  const { agentId, message } = input;
  if (input.typing) return typing ? { typing } : { typing: true, event: { type: 'started', agentId, message } };
  return typing ? { typing: false, event: { type: 'stopped', agentId, message } } : { typing };
}
