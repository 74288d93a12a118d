import type { WebChatCommandName } from '../model/commands';
import type { ResolvedConfig } from '../model/config';
import { commandTimedOut } from '../model/rejections';

/**
 * How long a command may take before it is rejected with {@link commandTimedOut} (issue 6: every
 * command settles in bounded time). Each network call has its own timeout; a command may chain a
 * few (a restore reads pages, a failed GMS send reads the transcript), so the backstop is ten
 * `ajaxTimeout`s and never under 30 s; a send adds `sendQueueTimeout`. An upload is bounded by `fileUploadTimeout` per file, or by
 * ten minutes when it has none (§2.1 default 0).
 */
export function commandSettleBound(name: WebChatCommandName, config: Pick<ResolvedConfig, 'ajaxTimeout' | 'fileUploadTimeout' | 'sendQueueTimeout'>): number {
  const base = Math.max(30000, 10 * config.ajaxTimeout);
  const upload = config.fileUploadTimeout > 0 ? Math.max(base, 10 * config.fileUploadTimeout) : 600000;
  // A send may wait in the outbox for `sendQueueTimeout` (issue 14), then goes out like any send.
  const bound = name === 'sendFile' ? upload : queued.has(name) ? base + config.sendQueueTimeout : base;
  // A timer longer than 2^31 − 1 ms fires at once in browsers and Node: a huge configured timeout must not become none.
  return Math.min(bound, longestTimer);
}

/** The commands that go through the outbox. */
const queued: ReadonlySet<WebChatCommandName> = new Set(['sendMessage', 'sendFilteredMessage', 'sendCustomNotice']);

/** The longest delay `setTimeout` honours (about 24.8 days). */
const longestTimer = 2 ** 31 - 1;
