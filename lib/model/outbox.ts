/**
 * The outbox (issue 14): the customer's sends of the current session that are not delivered yet.
 * A send made while the connection is down waits here instead of failing; the sends go out one at
 * a time, in the order they were made, once the connection is back.
 */

/**
 * Where a send stands:
 * - `queued`: waiting for the connection (or for the sends before it);
 * - `sending`: on its way; the transport settles it (the answer, or a read of the transcript);
 * - `sent`: delivered; announced once, then the entry leaves the outbox;
 * - `failed`: not delivered and not retried on its own (the reason says why): `retrySend` or `discardSend` it.
 */
export type OutboxStatus = 'queued' | 'sending' | 'sent' | 'failed';

/** Why a send is `failed`. */
export type OutboxFailure =
  /** It waited `sendQueueTimeout` for the connection. */
  | 'timeout'
  /** The transport refused it, or could not tell whether it arrived (its rejection says which). */
  | 'rejected'
  /** It was on its way when the page went away: the next page cannot tell whether it arrived, so it does not send it again. */
  | 'interrupted';

/** The command a queued send stands for. */
export type OutboxCommand = 'sendMessage' | 'sendFilteredMessage' | 'sendCustomNotice';

/** One pending send, as `outbox$` and `state.outbox` show it. */
export interface OutboxEntry {
  /** Unique within the page's storage: `retrySend(id)`, `discardSend(id)`. */
  readonly id: string;
  readonly command: OutboxCommand;
  /** The message text. */
  readonly text: string;
  readonly status: OutboxStatus;
  /** Set when `status` is `failed`. */
  readonly failure?: OutboxFailure;
  /** `sendMessage`'s `type` and `parentMessageID`, when given. */
  readonly type?: string;
  readonly parentMessageID?: string;
  /** When it was queued (the platform clock, ms): `sendQueueTimeout` counts from here, across a restore. */
  readonly queuedAt: number;
}

/** What a queued send's command rejects with when the connection did not come back within `sendQueueTimeout`. */
export function sendQueueTimedOut(timeoutMs: number): string {
  return `Message not sent: the connection did not come back within ${timeoutMs} ms (sendQueueTimeout). It stays in the outbox as failed: retry or discard it.`;
}

/** The texts a queued send's command rejects with when it can no longer be sent. */
export const OutboxRejections = {
  /** The chat ended (by either side, or it was lost) while the send waited. */
  ended: 'Message not sent: the chat ended before the connection came back.',
  /** `discardSend` removed it before it went out. */
  discarded: 'Message not sent: it was discarded from the outbox.',
  /**
   * Multi-tab (issue 13): the tab that ran the chat closed while the send was on its way, or the tab
   * that took over could not send it; the rejection it carried stayed in that tab.
   */
  interrupted: 'Message may not have been sent: the tab running the chat could not send it, or closed while it was on its way. It stays in the outbox as failed: retry or discard it.',
  /** `retrySend`/`discardSend` named no entry that can be retried or discarded. */
  unknown: 'No failed or queued send with this id in the outbox.',
} as const;
