import { Subject, defer, filter, finalize, mergeMap, of, take, tap, throwError, timeout } from 'rxjs';
import type { Observable, SchedulerLike } from 'rxjs';
import { noLeadingTab, noPreprocessor } from '../model/rejections';
import type { CommandEnvelope } from '../engine/commandEnvelope';
import type { WebChatService } from '../service/WebChatService';
import { destroyedRejection } from './commandLanes';
import type { OutboxCallName } from './outboxMethods';
import type { CommandAnswer, RelayMessage } from './tabRelay';

/** A command, or an outbox call (`options.id` names the entry), as it travels between tabs. */
export type RelayedEnvelope = Omit<CommandEnvelope, 'name'> & { name: CommandEnvelope['name'] | OutboxCallName };

/** The commands whose send waits in the outbox (issue 14). */
const outboxSends: ReadonlySet<string> = new Set(['sendMessage', 'sendFilteredMessage', 'sendCustomNotice']);

/** How long a following tab waits for a leading tab to take a command (issue 13), in ms. */
export const leaderAnswerTimeout = 5000;

/** Commands whose options cannot travel (a function, a DOM element): kept here for when this tab leads. */
const stayInTab: ReadonlySet<string> = new Set(['registerPreProcessor', 'registerTypingPreviewInput']);

export interface RelayedCommands {
  /** The `run` of a following tab's command lanes (and outbox calls): the leader's answer to the command. */
  run(envelope: RelayedEnvelope): Observable<unknown>;
  /** An answer heard on the channel. */
  answer(answer: CommandAnswer): void;
  /** A tab took the lead: every command no leader took is posted again. */
  repost(): void;
  /** This tab took the lead: the commands no leader took run on `leader`, and so do the ones that stayed in the tab. */
  runOn(leader: WebChatService): void;
}

interface Pending {
  id: string;
  envelope: RelayedEnvelope;
  taken: boolean;
  /** The leader's outbox entry for this send, once it said `queued`. */
  entry?: string;
}

/**
 * A following tab's commands: each is posted to the leading tab, which answers `accepted` then
 * `settled`; the call settles with that answer. A command no tab takes within `answerMs` rejects
 * with {@link noLeadingTab} (a `timeout` on the injected scheduler); one taken is bounded by the
 * lanes' settle bound, as in a single tab. A command posted during a hand-over is posted again when
 * the next leader announces itself, so it runs once.
 *
 * A send queued in the leader's outbox (issue 14) outlives the leader: its entry is in storage and
 * the next leader restores and sends it. So when the leader tab goes (it rejects the send with the
 * destroyed text) the call does not reject: it follows its entry (`follow`, on this tab's
 * replicated state) until the next leader sent it, failed it or the chat ended — within the same
 * settle bound, which already counts `sendQueueTimeout`.
 *
 * @param deps This tab's id, how to post, the scheduler, the wait for a leader (default {@link leaderAnswerTimeout}), and how to follow an outbox entry.
 */
export function relayedCommands(deps: { tabId: string; post(message: RelayMessage): boolean; scheduler: SchedulerLike; answerMs?: number; follow(entry: string): Observable<unknown> }): RelayedCommands {
  const answerMs = deps.answerMs ?? leaderAnswerTimeout;
  const answers$ = new Subject<CommandAnswer>();
  const pending = new Map<string, Pending>();
  const stayed: RelayedEnvelope[] = [];
  let count = 0;
  const post = (entry: Pending) => deps.post({ kind: 'command', id: entry.id, ...entry.envelope });

  const relay = (envelope: RelayedEnvelope): Observable<unknown> =>
    defer(() => {
      // Only what the command is travels: the lanes' envelope also holds the caller's reply subject.
      const { name, commander } = envelope;
      const entry: Pending = { id: `${deps.tabId}:${++count}`, envelope: { name, options: travelling(envelope), commander }, taken: false };
      pending.set(entry.id, entry);
      post(entry);
      return answers$.pipe(
        filter((answer) => answer.id === entry.id),
        timeout({ first: answerMs, with: () => throwError(() => noLeadingTab(envelope.name, answerMs)), scheduler: deps.scheduler }),
        tap((answer) => {
          entry.taken ||= answer.kind === 'accepted';
          if (answer.kind === 'queued') entry.entry = answer.entry;
        }),
        filter((answer): answer is Extract<CommandAnswer, { kind: 'settled' }> => answer.kind === 'settled'),
        take(1),
        mergeMap((answer) => {
          if (answer.ok) return of(answer.value);
          // The leader tab went while the send waited in its outbox: the next leader sends it.
          if (answer.reason === destroyedRejection && entry.entry) return deps.follow(entry.entry);
          return throwError(() => answer.reason);
        }),
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
      for (const envelope of stayed.splice(0)) runRelayed(leader, envelope, () => undefined);
      for (const entry of [...pending.values()].filter((e) => !e.taken)) {
        answers$.next({ kind: 'accepted', id: entry.id });
        runRelayed(leader, entry.envelope, (answer) => answers$.next({ ...answer, id: entry.id }));
      }
    },
  };
}

/** An answer to one relayed command, before it is addressed. */
type Answer = { kind: 'queued'; entry: string } | { kind: 'settled'; ok: true; value: unknown } | { kind: 'settled'; ok: false; reason: unknown };

/**
 * Runs a relayed command (or outbox call) on the leading tab's service and answers: `settled`, and
 * for a send that joined the outbox without going out at once, `queued` with its entry's id first.
 */
export function runRelayed(leader: WebChatService, envelope: RelayedEnvelope, answer: (answer: Answer) => void): void {
  const { name, options, commander } = envelope;
  const before = new Set(leader.state.outbox.map((e) => e.id));
  const call = name === 'retrySend' || name === 'discardSend' ? leader[name](String(options.id)) : leader.command(name, options as never, commander);
  // The outbox takes a send as the command runs: the entry it added is this send's.
  const added = outboxSends.has(name) ? leader.state.outbox.find((e) => !before.has(e.id)) : undefined;
  if (added) answer({ kind: 'queued', entry: added.id });
  call.subscribe({
    next: (value: unknown) => answer({ kind: 'settled', ok: true, value }),
    error: (reason: unknown) => answer({ kind: 'settled', ok: false, reason }),
  });
}

/** The options as they can travel: `sendFile`'s input element (or jQuery wrapper of one) becomes its files. */
function travelling(envelope: RelayedEnvelope): Record<string, unknown> {
  if (envelope.name !== 'sendFile') return envelope.options;
  const files = envelope.options.files as { files?: ArrayLike<unknown>; jquery?: unknown; 0?: { files?: ArrayLike<unknown> } } | null | undefined;
  const list = files?.files ?? (files?.jquery !== undefined ? files?.[0]?.files : undefined);
  return list ? { ...envelope.options, files: Array.from(list) } : envelope.options;
}
