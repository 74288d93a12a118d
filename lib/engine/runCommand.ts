import { defer, throwError } from 'rxjs';
import type { Observable } from 'rxjs';
import { Rejections } from '../model/rejections';
import { createClientTyping } from '../service/clientTypingState';
import { commandHandlers } from '../service/commandHandlers';
import type { CommandEnvelope } from './commandEnvelope';
import type { Engine } from './engine';

/**
 * The engine's answer to one command, cold. §5 check order: private access → transport support →
 * (the handler) session state → arguments.
 */
export function commandRunner(engine: Engine): (envelope: CommandEnvelope) => Observable<unknown> {
  const handlers = commandHandlers(engine, createClientTyping(engine));
  const { transport } = engine.deps;
  return (envelope) =>
    defer(() => {
      if (envelope.name === 'poll' && envelope.commander !== 'WebChatService') return throwError(() => Rejections.privateCommand);
      const unsupported = transport.unsupported[envelope.name];
      if (unsupported) return throwError(() => unsupported);
      return handlers[envelope.name](envelope.options, envelope);
    });
}
