import {
  AsyncSubject, EMPTY, Observable, Subject, catchError, concatMap, defer, endWith, filter, ignoreElements, merge, mergeMap,
  take, takeUntil, tap, throwError, timer,
} from 'rxjs';
import type { SchedulerLike } from 'rxjs';
import type { Commander, WebChatCommandName } from '../model/commands';
import { webChatCommandNames } from '../model/commands';
import { Rejections, commandTimedOut } from '../model/rejections';
import type { CommandEnvelope } from '../engine/commandEnvelope';

/**
 * Commands that must keep their order: each waits for the previous one of its lane. The message
 * sends keep theirs in the engine's outbox (issue 14), where a send queued during an outage must
 * not hold the ones typed after it out of the outbox.
 */
const sendLane: ReadonlySet<WebChatCommandName> = new Set(['sendFile']);
/** Commands whose options are validated as given (a non-object must reject, not become `{}`). */
const rawOptions: ReadonlySet<WebChatCommandName> = new Set(['updateUserData', 'updateInteractionData']);
const namespace = 'WebChatService.';
/** What a command sent to (or still running in) a destroyed service rejects with. */
export const destroyedRejection = 'WebChatService was destroyed';

/** A command on its way to its lane, with the subject its caller reads the answer from. */
type Queued = CommandEnvelope & { reply: AsyncSubject<unknown> };

/** What the lanes run commands with. */
export interface LaneDeps {
  /** The engine's answer to one command (cold: subscribing runs it, unsubscribing cuts it short). */
  run(envelope: CommandEnvelope): Observable<unknown>;
  /** How long a command may take before it rejects with `commandTimedOut` (§15.1). */
  settleBound(name: WebChatCommandName): number;
  scheduler: SchedulerLike;
  destroyed$: Observable<void>;
  destroyed(): boolean;
}

export interface CommandLanes {
  /** Sends a command: its answer replays to every subscriber (AsyncSubject). */
  dispatch(name: unknown, options: unknown, commander: Commander): Observable<unknown>;
  /** Rejects every command not settled yet and takes no more. */
  close(): void;
}

/**
 * The command plumbing: a name check, a reply subject per call, two lanes (sends one after another,
 * everything else at once), the settle bound of each command, and the rejection of every command
 * still pending when the service is destroyed — so no caller is ever left hanging (§15.1).
 */
export function commandLanes(deps: LaneDeps): CommandLanes {
  const command$ = new Subject<Queued>();
  const runOne = (envelope: Queued): Observable<unknown> => {
    const { reply } = envelope;
    return defer(() => deps.run(envelope)).pipe(
      // A handler that completes empty settles with `undefined` (take(1) below keeps only the first value).
      endWith(undefined),
      // The backstop: whatever a handler waits on, the command settles within its bound (§15.1).
      (settled) => {
        const bound = deps.settleBound(envelope.name);
        const late$ = timer(bound, deps.scheduler).pipe(mergeMap(() => throwError(() => commandTimedOut(envelope.name, bound))));
        return merge(settled, late$);
      },
      take(1),
      takeUntil(deps.destroyed$),
      tap({
        next: (value) => {
          reply.next(value);
          reply.complete();
        },
        error: (rejection: unknown) => reply.error(rejection),
      }),
      ignoreElements(),
      // A rejection is the caller's, never the command stream's.
      catchError(() => EMPTY),
    );
  };
  const inSendLane = (envelope: Queued) => sendLane.has(envelope.name);
  merge(
    command$.pipe(filter(inSendLane), concatMap(runOne)),
    command$.pipe(filter((envelope) => !inSendLane(envelope)), mergeMap(runOne)),
  )
    .pipe(takeUntil(deps.destroyed$))
    .subscribe();

  const pending = new Set<AsyncSubject<unknown>>();
  return {
    dispatch(name, options, commander) {
      // A page may pass anything as a name (issue 6 "bad input"): only a known string is a command.
      const short = typeof name !== 'string' ? '' : name.startsWith(namespace) ? name.slice(namespace.length) : name;
      const reply = new AsyncSubject<unknown>();
      if (!(webChatCommandNames as readonly string[]).includes(short)) {
        reply.error(Rejections.noCommand);
        return reply.asObservable();
      }
      if (deps.destroyed()) {
        reply.error(destroyedRejection);
        return reply.asObservable();
      }
      const commandName = short as WebChatCommandName;
      const objectLike = typeof options === 'object' && options !== null;
      const opts = (objectLike || rawOptions.has(commandName) ? options ?? {} : {}) as Record<string, unknown>;
      pending.add(reply);
      reply.subscribe({ error: () => pending.delete(reply), complete: () => pending.delete(reply) });
      command$.next({ name: commandName, options: opts, commander, reply });
      return reply.asObservable();
    },
    close() {
      for (const reply of [...pending]) reply.error(destroyedRejection);
      command$.complete();
    },
  };
}
