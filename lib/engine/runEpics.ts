import { Observable, Subject, filter, mergeMap, takeUntil } from 'rxjs';
import type { Subscriber } from 'rxjs';
import { Rejections } from '../model/rejections';
import { createClientTyping } from './clientTyping';
import type { EpicDeps } from './chatEpic';
import type { CommandEnvelope } from './commandEnvelope';
import { commandOwners } from './commandOwners';
import type { Engine } from './engine';

/**
 * Runs the command epics over the engine for its life: every event they produce goes through
 * `engine.emit`, every answer to the command's caller. Returns the engine's answer to one command,
 * cold: subscribing sends the command, unsubscribing before the answer cancels its work.
 * §5 check order: private access → transport support here; session state → arguments in the epic.
 */
export function runEpics(engine: Engine): (command: CommandEnvelope) => Observable<unknown> {
  const command$ = new Subject<CommandEnvelope>();
  const cancel$ = new Subject<CommandEnvelope>();
  const waiting = new Map<CommandEnvelope, Subscriber<unknown>>();
  const deps: EpicDeps = {
    ...engine.deps,
    engine,
    typing: createClientTyping(engine),
    cancelled: (command) => cancel$.pipe(filter((cancelled) => cancelled === command)),
  };
  // One route from a command to its owner's answer: a filtered chain per epic per service was
  // ~35 KB of subscribers in every idle session (bench figure 6).
  command$
    .pipe(
      mergeMap((command) => commandOwners[command.name].answer(command, engine.stateSource, deps)),
      takeUntil(engine.destroyed$),
    )
    .subscribe((event) => {
      if (event.type !== 'answer') return engine.emit(event);
      const caller = waiting.get(event.to);
      if (!caller) return;
      waiting.delete(event.to);
      if (!event.ok) return caller.error(event.value);
      caller.next(event.value);
      caller.complete();
    });
  return (command) =>
    new Observable<unknown>((caller) => {
      if (command.name === 'poll' && command.commander !== 'WebChatService') return caller.error(Rejections.privateCommand);
      const unsupported = engine.deps.transport.unsupported[command.name];
      if (unsupported) return caller.error(unsupported);
      waiting.set(command, caller);
      command$.next(command);
      return () => {
        if (waiting.delete(command)) cancel$.next(command);
      };
    });
}
