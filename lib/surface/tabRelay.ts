import type { Commander, TranscriptResult, WebChatCommandName } from '../model/commands';
import type { WebChatEvent } from '../model/events';
import type { NormalizedMessage } from '../model/messages';
import type { WebChatState } from '../model/state';
import type { Logger, TabChannel } from '../platform/platform';
import type { OutboxCallName } from './outboxMethods';

/**
 * What the tabs of one chat say to each other on their channel (issue 13). The leading tab posts
 * `event`, `message` and `state` in the order its engine produced them; one sender's posts arrive
 * in order, so every follower sees the leader's order.
 */
export type RelayMessage =
  /** A follower asks the leader for a {@link RelayMessage} `snapshot`. */
  | { kind: 'hello'; from: string }
  /** The leader's answer to one `hello`: where the chat stands now. */
  | { kind: 'snapshot'; to: string; state: WebChatState; transcript: TranscriptResult }
  /** A tab took the lead: followers post again what nobody took, and ask for a snapshot if they have none. */
  | { kind: 'leader'; from: string }
  | { kind: 'event'; item: WebChatEvent }
  | { kind: 'message'; message: NormalizedMessage }
  | { kind: 'state'; state: WebChatState }
  /** A tab's own activity (visible and focused), posted on each change, to each new leader, and `false` as it goes. */
  | { kind: 'active'; from: string; active: boolean }
  /** A follower's command (or outbox call, with the entry's `id` in `options`), for the leader to run. */
  | { kind: 'command'; id: string; name: WebChatCommandName | OutboxCallName; options: Record<string, unknown>; commander: Commander }
  | CommandAnswer;

/** What the leader relays of its engine's output. */
export type Relayed = Extract<RelayMessage, { kind: 'event' | 'message' | 'state' }>;

export const isRelayed = (message: RelayMessage): message is Relayed => message.kind === 'event' || message.kind === 'message' || message.kind === 'state';

/**
 * The leader's answers to one command: taken, then settled with its result or rejection; a send
 * that waits in the leader's outbox is also `queued` as outbox entry `entry` (issue 14).
 */
export type CommandAnswer =
  | { kind: 'accepted'; id: string }
  | { kind: 'queued'; id: string; entry: string }
  | { kind: 'settled'; id: string; ok: true; value: unknown }
  | { kind: 'settled'; id: string; ok: false; reason: unknown };

/**
 * Posts `message` on `channel`. A payload the structured clone refuses (a function in a result, a DOM
 * node) goes as its JSON form instead, so the other tabs still hear of it.
 *
 * @returns Whether it was posted.
 */
export function relayPost(channel: TabChannel, message: RelayMessage, logger: Logger): boolean {
  try {
    channel.post(message);
    return true;
  } catch {
    try {
      channel.post(JSON.parse(JSON.stringify(message)) as RelayMessage);
      return true;
    } catch (error) {
      logger.warn('[WebChatService] multi-tab: could not relay', message.kind, error);
      return false;
    }
  }
}
