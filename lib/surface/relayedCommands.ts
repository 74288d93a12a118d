import { Subject, defer, filter, finalize, mergeMap, of, take, tap, throwError, timeout } from 'rxjs';
import type { Observable, SchedulerLike } from 'rxjs';
import { noLeadingTab, noPreprocessor } from '../model/rejections';
import type { CommandEnvelope } from '../engine/commandEnvelope';
import type { WebChatService } from '../service/WebChatService';
import type { CommandAnswer, RelayMessage } from './tabRelay';

/** How long a following tab waits for a leading tab to take a command (issue 13), in ms. */
export const leaderAnswerTimeout = 5000;

/** Commands whose options cannot travel (a function, a DOM element): kept here for when this tab leads. */
const stayInTab: ReadonlySet<string> = new Set(['registerPreProcessor', 'registerTypingPreviewInput']);

export interface RelayedCommands {
  /** The `run` of a following tab's command lanes: the leader's answer to the command. */
  run(envelope: CommandEnvelope): Observable<unknown>;
  /** An answer heard on the channel. */
  answer(answer: CommandAnswer): void;
  /** A tab took the lead: every command no leader took is posted again. */
  repost(): void;
  /** This tab took the lead: the commands no leader took run on `leader`, and so do the ones that stayed in the tab. */
  runOn(leader: WebChatService): void;
}

interface Pending {
  id: string;
  envelope: CommandEnvelope;
  taken: boolean;
}

/**
 * A following tab's commands: each is posted to the leading tab, which answers `accepted` then
 * `settled`; the call settles with that answer. A command no tab takes within `answerMs` rejects
 * with {@link noLeadingTab} (a `timeout` on the injected scheduler); one taken is bounded by the
 * lanes' settle bound, as in a single tab. A command posted during a hand-over is posted again when
 * the next leader announces itself, so it runs once.
 *
 * @param deps This tab's id, how to post, the scheduler, and the wait for a leader (default {@link leaderAnswerTimeout}).
 */
export function relayedCommands(deps: { tabId: string; post(message: RelayMessage): boolean; scheduler: SchedulerLike; answerMs?: number }): RelayedCommands {
  const answerMs = deps.answerMs ?? leaderAnswerTimeout;
  const answers$ = new Subject<CommandAnswer>();
  const pending = new Map<string, Pending>();
  const stayed: CommandEnvelope[] = [];
  let count = 0;
  const post = (entry: Pending) => deps.post({ kind: 'command', id: entry.id, ...entry.envelope });

  const relay = (envelope: CommandEnvelope): Observable<unknown> =>
    defer(() => {
      // Only what the command is travels: the lanes' envelope also holds the caller's reply subject.
      const { name, commander } = envelope;
      const entry: Pending = { id: `${deps.tabId}:${++count}`, envelope: { name, options: travelling(envelope), commander }, taken: false };
      pending.set(entry.id, entry);
      post(entry);
      return answers$.pipe(
        filter((answer) => answer.id === entry.id),
        timeout({ first: answerMs, with: () => throwError(() => noLeadingTab(envelope.name, answerMs)), scheduler: deps.scheduler }),
        tap((answer) => (entry.taken ||= answer.kind === 'accepted')),
        filter((answer): answer is Extract<CommandAnswer, { kind: 'settled' }> => answer.kind === 'settled'),
        take(1),
        mergeMap((answer) => (answer.ok ? of(answer.value) : throwError(() => answer.reason))),
        finalize(() => pending.delete(entry.id)),
      );
    });

  return {
    run(envelope) {
      if (!stayInTab.has(envelope.name)) return relay(envelope);
      const preprocessor = envelope.options.preprocessor;
      if (envelope.name === 'registerPreProcessor' && typeof preprocessor !== 'function') return throwError(() => noPreprocessor(preprocessor));
      stayed.push(envelope);
      return of(envelope.name === 'registerPreProcessor' ? preprocessor : undefined);
    },
    answer: (answer) => answers$.next(answer),
    repost() {
      for (const entry of pending.values()) if (!entry.taken) post(entry);
    },
    runOn(leader) {
      for (const { name, options, commander } of stayed.splice(0)) leader.command(name, options as never, commander).subscribe({ error: () => undefined });
      for (const entry of [...pending.values()].filter((e) => !e.taken)) {
        const { id, envelope } = entry;
        answers$.next({ kind: 'accepted', id });
        leader.command(envelope.name, envelope.options as never, envelope.commander).subscribe({
          next: (value) => answers$.next({ kind: 'settled', id, ok: true, value }),
          error: (reason: unknown) => answers$.next({ kind: 'settled', id, ok: false, reason }),
        });
      }
    },
  };
}

/** The options as they can travel: `sendFile`'s input element (or jQuery wrapper of one) becomes its files. */
function travelling(envelope: CommandEnvelope): Record<string, unknown> {
  if (envelope.name !== 'sendFile') return envelope.options;
  const files = envelope.options.files as { files?: ArrayLike<unknown>; jquery?: unknown; 0?: { files?: ArrayLike<unknown> } } | null | undefined;
  const list = files?.files ?? (files?.jquery !== undefined ? files?.[0]?.files : undefined);
  return list ? { ...envelope.options, files: Array.from(list) } : envelope.options;
}
