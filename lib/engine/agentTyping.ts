import { Observable } from 'rxjs';
import type { SchedulerLike } from 'rxjs';
import type { NormalizedMessage } from '../model/messages';
import { agentTypingTimeout } from '../operators/agentTypingTimeout';
import type { AgentTypingSignal } from '../operators/agentTypingTimeout';
import type { StateSource } from './chatEpic';
import type { EngineEvent } from './engineEvent';
import { published } from './engineEvent';

/**
 * The session's agent typing (§12.2): its typing signals through the `agentTypingTimeout`
 * operator; `agentTyping` state follows whether anyone is typing (kept in `typingAgents`, which the
 * end sequence reads), then the event.
 */
export function agentTypingEpic(
  signals$: Observable<AgentTypingSignal<NormalizedMessage>>,
  typingAgents: Map<string, NormalizedMessage>,
  state$: StateSource,
  timeoutMs: number,
  scheduler: SchedulerLike,
): Observable<EngineEvent> {
  // No inner Observable per signal: this lives as long as every idle session (bench figure 6).
  return new Observable<EngineEvent>((subscriber) =>
    signals$.pipe(agentTypingTimeout<NormalizedMessage>(timeoutMs, scheduler)).subscribe((event) => {
      if (event.type === 'started') typingAgents.set(event.agentId, event.message);
      else typingAgents.delete(event.agentId);
      const typing = typingAgents.size > 0;
      const name = event.type === 'started' ? 'agentTypingStarted' : event.type === 'stopped' ? 'agentTypingStopped' : 'agentTypingTimeout';
      if (typing !== state$.value.agentTyping) subscriber.next({ type: 'agentTyping', agentTyping: typing });
      subscriber.next(published(name, event.message));
    }),
  );
}
