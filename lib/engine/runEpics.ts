import { NEVER, Observable } from 'rxjs';
import { Rejections } from '../model/rejections';
import { createClientTyping } from './clientTyping';
import type { EpicDeps } from './chatEpic';
import type { CommandEnvelope } from './commandEnvelope';
import { commandOwners } from './commandOwners';
import type { Engine } from './engine';

/**
 * Runs the command epics over the engine for its life: every event they produce goes through
 * `engine.emit`, every answer to the command's caller. Returns the engine's answer to one command,
 * cold: subscribing sends the command to its owner's `answer`, unsubscribing before the answer
 * cancels its work (so `cancelled` never needs to fire here; `destroy()` cuts the lanes' commands,
 * so their work). No command stream and no operator chain lives between commands: an idle service
 * holds nothing here but the deps (bench figure 6, heap per idle session).
 * §5 check order: private access → transport support here; session state → arguments in the epic.
 */
export function runEpics(engine: Engine): (command: CommandEnvelope) => Observable<unknown> {
  const deps: EpicDeps = { ...engine.deps, engine, typing: createClientTyping(engine, engine.deps.transport.typingIdleMs), cancelled: () => NEVER };
  return (command) =>
    new Observable<unknown>((caller) => {
      if (command.name === 'poll' && command.commander !== 'WebChatService') return caller.error(Rejections.privateCommand);
      const unsupported = engine.deps.transport.unsupported[command.name];
      if (unsupported) return caller.error(unsupported);
      return commandOwners[command.name].answer(command, engine.stateSource, deps).subscribe((event) => {
        if (event.type !== 'answer') return engine.emit(event);
        if (!event.ok) return caller.error(event.value);
        caller.next(event.value);
        caller.complete();
      });
    });
}
