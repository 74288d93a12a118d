import { asyncScheduler, concat, defer, EMPTY, groupBy, map, mergeMap, of, timer } from 'rxjs';
import type { Observable, OperatorFunction, SchedulerLike } from 'rxjs';
import type { NormalizedMessage } from '../model/messages';
import { switchMapUntilComplete } from './switchMapUntilComplete';

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
      mergeMap((agent$) => oneAgentTyping(agent$, ms, scheduler)),
    );
}

function oneAgentTyping<M>(signal$: Observable<AgentTypingSignal<M>>, ms: number, scheduler: SchedulerLike): Observable<AgentTypingEvent<M>> {
  return defer(() => {
    let typing = false;
    return signal$.pipe(
      switchMapUntilComplete(({ agentId, typing: signalTyping, message }) => {
        const event = (type: AgentTypingEvent<M>['type']): AgentTypingEvent<M> => ({ type, agentId, message });
        if (!signalTyping) {
          const wasTyping = typing;
          typing = false;
          return wasTyping ? of(event('stopped')) : EMPTY;
        }
        const started = typing ? EMPTY : of(event('started'));
        typing = true;
        const timeout$ =
          ms > 0
            ? timer(ms, scheduler).pipe(
                map(() => {
                  typing = false;
                  return event('timeout');
                }),
              )
            : EMPTY;
        return concat(started, timeout$);
      }),
    );
  });
}
