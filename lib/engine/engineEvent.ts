import type { WebChatEvent, WebChatEventMap, WebChatEventName } from '../model/events';
import type { NormalizedMessage } from '../model/messages';
import type { SessionData } from '../model/results';
import type { WebChatState } from '../model/state';
import type { RawBatch, ReceiveControl, TransportSession } from '../transports/transport';
import type { CommandEnvelope } from './commandEnvelope';

/**
 * What the engine's concerns produce, one value at a time, into the single chokepoint `emit`
 * (`reduceChatState`, then publish). State changes are named after what happened, so the reducer
 * is the one place that knows which keys move together.
 */
export type StateChange =
  /** `startChat` accepted: the merged `userData`/`interactionData` are kept, the session is `starting`. */
  | { type: 'chatStarting'; userData: Record<string, unknown>; interactionData: Record<string, unknown> }
  /** A session became active (start or restore, §8.2). */
  | { type: 'sessionBegan'; sessionData: SessionData }
  /** The end sequence finished (§8.2 item 5): idle, online, nobody typing, empty session data. */
  | { type: 'sessionEnded'; sessionData: SessionData }
  /** One readable key moved on its own (a command's transitional state, health, polling, typing…). */
  | FieldChange;

/** The keys that change one at a time, each event named after its key. */
export type FieldKey = 'sessionState' | 'connectionState' | 'polling' | 'agentTyping' | 'agents' | 'sessionData' | 'userData' | 'interactionData' | 'sleeping';

export type FieldChange = { [K in FieldKey]: { type: K } & Pick<WebChatState, K> }[FieldKey];

/** A public event (`events$`), or a batch's visible messages (`messages$`, one by one: one event per batch keeps the pipeline lean, bench figure 2). */
export type Publication = { type: 'publish'; event: WebChatEvent } | { type: 'messages'; messages: readonly NormalizedMessage[] };

/** A poll-loop control for the running session (`start`, `stop`, `sleep`, …). */
export type ControlEvent = { type: 'control'; control: ReceiveControl };

/** A command's answer (`ok`) or rejection, for the surface's reply subject. */
export type AnswerEvent = { type: 'answer'; to: CommandEnvelope; ok: boolean; value: unknown };

/**
 * A session's life: `beginSession` when a start or restore succeeded (`first` announces it:
 * `started`, `restored`, `restoredOffline`), `endSession` for the end sequence whatever its cause.
 */
export type SessionEvent = { type: 'beginSession'; session: TransportSession; batch?: RawBatch; first: EngineEvent } | { type: 'endSession' };

export type EngineEvent = StateChange | Publication | ControlEvent | AnswerEvent | SessionEvent;

/** The `publish` engine event of one public event. */
export function published<K extends WebChatEventName>(event: K, data: WebChatEventMap[K]): EngineEvent {
  return { type: 'publish', event: { event, data } as WebChatEvent };
}
