import { EMPTY, catchError, concatWith, defer, endWith, filter, from, map, mergeMap, of, takeUntil, takeWhile, tap, throwError } from 'rxjs';
import type { Observable } from 'rxjs';
import type { WebChatCommandName } from '../model/commands';
import type { WebChatState } from '../model/state';
import type { Outcome, ReceiveControl } from '../transports/transport';
import type { ClientTyping } from './clientTyping';
import type { CommandEnvelope } from './commandEnvelope';
import type { Engine, EngineDeps } from './engine';
import type { EngineEvent } from './engineEvent';

/** The readable state as an epic sees it: its changes, and its current value. */
export interface StateSource extends Observable<WebChatState> {
  readonly value: WebChatState;
}

/** What epics are given besides commands and state: the engine's doors and session registries. */
export interface EpicDeps extends EngineDeps {
  engine: Engine;
  typing: ClientTyping;
  /**
   * Emits when the caller stops waiting for `command` (its settle bound, `destroy()`): its work
   * stops, and the events its handler registered with {@link onCut} are emitted instead.
   */
  cancelled(command: CommandEnvelope): Observable<unknown>;
}

/** One concern of the engine: commands and state in, engine events out (redux-observable's epic). */
export type ChatEpic = (command$: Observable<CommandEnvelope>, state$: StateSource, deps: EpicDeps) => Observable<EngineEvent>;

/** The last thing a command handler emits: the command's answer or its rejection. */
export type Settle = { type: 'settle'; value: unknown } | { type: 'refuse'; rejection: unknown };

/** What a handler's command must still say if it is cut short before it settles (read at that moment). */
export type Cut = { type: 'cut'; events: () => EngineEvent[] };

/**
 * A handler's events, then (at most) one {@link Settle}. Completing without one answers `undefined`;
 * throwing rejects. A {@link Cut} (the last one counts) is not an event: it is what the command
 * emits if it is cancelled first.
 */
export type CommandHandler = (options: Record<string, unknown>, command: CommandEnvelope, state$: StateSource, deps: EpicDeps) => Observable<EngineEvent | Settle | Cut>;

export type CommandHandlers<K extends WebChatCommandName> = { [N in K]: CommandHandler };

/** An epic of commands, and the commands it answers (read by `commandOwners`' spec). */
export interface CommandEpic<K extends WebChatCommandName> extends ChatEpic {
  readonly commands: readonly K[];
  /** The engine events of one command of `commands`, its answer last: what the epic runs per command. */
  answer(command: CommandEnvelope, state$: StateSource, deps: EpicDeps): Observable<EngineEvent>;
}

/**
 * The epic of a table of command handlers: each command of the table runs its handler at once
 * (the lanes decide when a command arrives), until it settles or is cancelled; its {@link Settle}
 * becomes the `answer` event the surface replies with. `runEpics` routes each command straight to
 * its owner's `answer` (one subscription per service, not one filtered chain per epic).
 */
export function commandEpic<K extends WebChatCommandName>(handlers: CommandHandlers<K>): CommandEpic<K> {
  const commands = Object.keys(handlers) as K[];
  const answer = (command: CommandEnvelope, state$: StateSource, deps: EpicDeps): Observable<EngineEvent> =>
    defer(() => {
      let cut: Cut | undefined;
      let answered = false;
      return defer(() => handlers[command.name as K](command.options, command, state$, deps)).pipe(
        endWith<EngineEvent | Settle | Cut>(settled(undefined)),
        takeWhile((event) => event.type !== 'settle' && event.type !== 'refuse', true),
        filter((event): event is EngineEvent | Settle => (event.type === 'cut' ? ((cut = event), false) : true)),
        map((event): EngineEvent => {
          if (event.type === 'settle') return { type: 'answer', to: command, ok: true, value: event.value };
          if (event.type === 'refuse') return { type: 'answer', to: command, ok: false, value: event.rejection };
          return event;
        }),
        catchError((rejection: unknown) => of<EngineEvent>({ type: 'answer', to: command, ok: false, value: rejection })),
        tap((event) => (answered ||= event.type === 'answer')),
        takeUntil(deps.cancelled(command)),
        // Cut short: what the handler registered, as events of this command (no finalize emitting past the chokepoint).
        concatWith(defer(() => (answered || !cut ? EMPTY : from(cut.events())))),
      );
    });
  const epic: ChatEpic = (command$, state$, deps) =>
    command$.pipe(
      filter((command) => (commands as readonly string[]).includes(command.name)),
      mergeMap((command) => answer(command, state$, deps)),
    );
  return Object.assign(epic, { commands, answer });
}

export const settled = (value: unknown): Settle => ({ type: 'settle', value });

/** Registers what the command emits if it is cut short before it settles (see {@link Cut}). */
export const onCut = (events: () => EngineEvent[]): Cut => ({ type: 'cut', events });

export const reject = (rejection: unknown): Observable<never> => throwError(() => rejection);

/** Settles a command from a transport {@link Outcome}: the body, or a rejection with the failure. */
export const settle = <T>(outcome: Outcome<T>): Observable<Settle> => (outcome.ok ? of(settled(outcome.body)) : reject(outcome.failure));

/** A poll-loop control for the running session (no session: nothing). */
export const control = (message: ReceiveControl): EngineEvent => ({ type: 'control', control: message });

/** Whether a session is active (and its runtime there). */
export const isActive = (state$: StateSource, deps: EpicDeps): boolean => state$.value.sessionState === 'active' && deps.engine.runtime !== null;
