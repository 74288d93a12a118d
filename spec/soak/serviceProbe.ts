import type { Agent } from 'node:http';
import type { Observable, Subscription } from 'rxjs';
import { createWebChatService } from '../../lib/createWebChatService';
import type { WebChatConfig } from '../../lib/model/config';
import type { WebChatEvent } from '../../lib/model/events';
import type { NormalizedMessage } from '../../lib/model/messages';
import type { KeyValueStorage, Logger } from '../../lib/platform/platform';
import type { WebChatService } from '../../lib/service/WebChatService';
import { trackedDoors, type OpenResources } from './trackedDoors';
import { waitUntil, within } from '../helpers/eventually';

/** One command call as the soak saw it. */
export interface CommandRecord {
  /** Which service instance of the session (0 = the first, 1 = after the restore, …). */
  instance: number;
  name: string;
  settled: boolean;
  ok?: boolean;
  value?: unknown;
  rejection?: unknown;
  /** Settled only because `destroy()` rejected it: it hung until then. */
  byDestroy?: boolean;
  /** For sends: the text. */
  text?: string;
  /** For sends: typed while the connection was down, so the outbox queued it (issue 14). */
  offline?: boolean;
  /** ms from call to settle. */
  ms?: number;
}

/** Everything one service instance published, logged and held open. */
export interface ProbeRecord {
  instance: number;
  events: WebChatEvent[];
  messages: NormalizedMessage[];
  /** Every logger call, as text. */
  logs: string[];
  /** What was still open after `destroy()` (and a bounded wait for sockets to finish closing). */
  leftOpen?: OpenResources;
  /** Subscriptions to `events$`/`messages$`/`state$` still open after `destroy()`. */
  openSubscriptions?: number;
}

/** A live service instance with its recorder. */
export interface ServiceProbe {
  chat: WebChatService;
  record: ProbeRecord;
  /** Calls a command and records how it settles; resolves when it settles or after `waitMs`. */
  command<T>(name: string, call: () => Observable<T>, options?: { text?: string; waitMs?: number }): Promise<CommandRecord>;
  /** Waits (bounded) for every command of this instance to settle. */
  settleAll(ms: number): Promise<boolean>;
  /** `destroy()`, then the leak check (bounded wait for closing sockets). */
  destroy(): Promise<ProbeRecord>;
}

export const destroyedRejection = 'WebChatService was destroyed';

/**
 * Opens one service instance for the soak: counted doors (timers, XHRs, sockets), a recording
 * logger, every event and message kept, every command recorded.
 *
 * @example
 * const probe = openServiceProbe({ config, storage, agent, instance: 0, commands });
 * await probe.command('startChat', () => probe.chat.startChat({ nickname: 'Ada' }));
 * await probe.destroy(); // probe.record.leftOpen: { timers: 0, requests: 0, sockets: 0 }
 *
 * @param options The config, the storage shared across instances, the http agent, the instance number,
 *   the session's command list, and a seeded random for the service's jitter.
 */
export function openServiceProbe(options: {
  config: WebChatConfig;
  storage: KeyValueStorage;
  agent: Agent;
  instance: number;
  commands: CommandRecord[];
  random: () => number;
}): ServiceProbe {
  const doors = trackedDoors(options.agent);
  const record: ProbeRecord = { instance: options.instance, events: [], messages: [], logs: [] };
  const logger = recordingLogger(record.logs);
  const chat = createWebChatService(options.config, { ...doors, storage: options.storage, logger, random: options.random });
  const subscriptions: Subscription[] = [
    chat.events$.subscribe((event) => record.events.push(event)),
    chat.messages$.subscribe((message) => record.messages.push(message)),
    chat.state$.subscribe(),
  ];
  const mine: CommandRecord[] = [];

  return {
    chat,
    record,
    command(name, call, { text, waitMs = 30000 } = {}) {
      const entry: CommandRecord = { instance: options.instance, name, settled: false, ...(text !== undefined ? { text } : {}) };
      options.commands.push(entry);
      mine.push(entry);
      const started = Date.now();
      const settled = new Promise<CommandRecord>((resolve) => {
        const done = (patch: Partial<CommandRecord>) => {
          Object.assign(entry, { settled: true, ms: Date.now() - started }, patch);
          resolve(entry);
        };
        try {
          call().subscribe({
            next: (value) => done({ ok: true, value }),
            error: (rejection: unknown) => done({ ok: false, rejection, byDestroy: rejection === destroyedRejection }),
            complete: () => entry.settled || done({ ok: true, value: undefined }),
          });
        } catch (error) {
          // A command method that throws instead of settling is a defect: recorded as a rejection.
          done({ ok: false, rejection: { thrown: String(error) } });
        }
      });
      return within(settled, waitMs, () => entry);
    },
    settleAll: (ms) => waitUntil(() => mine.every((c) => c.settled), ms),
    async destroy() {
      chat.destroy();
      // A socket may still be finishing its close handshake (slower on a busy machine): give it time,
      // bounded — what is still open after that is a leak.
      await waitUntil(() => {
        const open = doors.open();
        return open.timers + open.requests + open.sockets === 0;
      }, 6000);
      record.leftOpen = doors.open();
      record.openSubscriptions = subscriptions.filter((s) => !s.closed).length;
      for (const subscription of subscriptions) subscription.unsubscribe();
      return record;
    },
  };
}

/** A logger that keeps every line as text (secrets are searched in them). */
export function recordingLogger(lines: string[]): Logger {
  const write =
    (level: string) =>
    (...args: unknown[]) =>
      void lines.push(`${level} ${args.map(describe).join(' ')}`);
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

/** Any value as searchable text: strings as-is, errors with message and stack, the rest as JSON. */
export function describe(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Error) return `${value.name}: ${value.message}\n${value.stack ?? ''}`;
  const seen = new WeakSet<object>();
  try {
    return (
      JSON.stringify(value, (_key, v: unknown) => {
        if (typeof v === 'bigint') return String(v);
        if (typeof v === 'function') return `[function ${v.name}]`;
        if (v instanceof Error) return { name: v.name, message: v.message, stack: v.stack };
        if (typeof v === 'object' && v !== null) {
          if (seen.has(v)) return '[cycle]';
          seen.add(v);
        }
        return v;
      }) ?? String(value)
    );
  } catch {
    return String(value);
  }
}
