import type { Subscription } from 'rxjs';
import type { NormalizedMessage } from '../model/messages';
import { agentTypingTimeout } from '../operators/agentTypingTimeout';
import type { AgentTypingEvent } from '../operators/agentTypingTimeout';
import type { Engine, SessionRuntime } from './engine';

/**
 * The session's agent typing (§12.2): the signals of `runtime.agentTyping$` through the
 * `agentTypingTimeout` operator; `agentTyping` state follows whether anyone is typing.
 */
export function agentTyping(engine: Engine, runtime: SessionRuntime): Subscription {
  return runtime.agentTyping$
    .pipe(agentTypingTimeout<NormalizedMessage>(engine.deps.config.agentTypingTimeout, engine.deps.platform.scheduler))
    .subscribe((event: AgentTypingEvent<NormalizedMessage>) => {
      if (event.type === 'started') runtime.typingAgents.set(event.agentId, event.message);
      else runtime.typingAgents.delete(event.agentId);
      const typing = runtime.typingAgents.size > 0;
      if (typing !== engine.state.agentTyping) engine.emit({ type: 'agentTyping', agentTyping: typing });
      const name = event.type === 'started' ? 'agentTypingStarted' : event.type === 'stopped' ? 'agentTypingStopped' : 'agentTypingTimeout';
      engine.publish(name, event.message);
    });
}
