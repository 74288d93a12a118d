import { NEVER, Observable, Subject } from 'rxjs';
import { refusal } from '../model/capabilities';
import { Rejections } from '../model/rejections';
import { createClientTyping } from './clientTyping';
import type { EpicDeps } from './chatEpic';
import type { CommandEnvelope } from './commandEnvelope';
import { commandOwners } from './commandOwners';
import type { Engine } from './engine';

/**
 * Runs the command epics over the engine for its life: every event they produce goes through
 * `engine.emit`, every answer to the command's caller. Returns the engine's answer to one command,
 * cold: subscribing sends the command to its owner's `answer`; unsubscribing before the answer fires
 * `deps.cancelled(command)`, so the work ends with the events its handler registered (`onCut`), then
 * stops (`destroy()` cuts the lanes' commands, so their work). No command stream and no operator chain lives between commands: an idle service
 * holds nothing here but the deps (bench figure 6, heap per idle session).
 * §5 check order: private access → transport support (the §7 table) here; session state → arguments
 * in the epic (userDataEpic reads the table's in-session column after its argument check, as before).
 */
export function runEpics(engine: Engine): (command: CommandEnvelope) => Observable<unknown> {
  /** The running commands' cancellation signals: one per command, while its work runs. */
  const cuts = new WeakMap<CommandEnvelope, Subject<void>>();
  const deps: EpicDeps = { ...engine.deps, engine, typing: createClientTyping(engine, engine.deps.transport.typingIdleMs), cancelled: (command) => cuts.get(command) ?? NEVER };
  return (command) =>
    new Observable<unknown>((caller) => {
      if (command.name === 'poll' && command.commander !== 'WebChatService') return caller.error(Rejections.privateCommand);
      const { id, capabilities } = engine.deps.transport;
      const unsupported = refusal(id, command.name, capabilities);
      if (unsupported) return caller.error(unsupported);
      const cut$ = new Subject<void>();
      cuts.set(command, cut$);
      const work = commandOwners[command.name].answer(command, engine.stateSource, deps).subscribe((event) => {
        if (event.type !== 'answer') return engine.emit(event);
        if (!event.ok) return caller.error(event.value);
        caller.next(event.value);
        caller.complete();
      });
      return () => {
        // The caller stopped waiting (settle bound, destroy): the work ends with its cut events, through emit.
        cut$.next();
        cuts.delete(command);
        work.unsubscribe();
      };
    });
}
