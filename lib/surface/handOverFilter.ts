import type { WebChatEvent } from '../model/events';
import type { NormalizedMessage } from '../model/messages';
import type { WebChatState } from '../model/state';

/**
 * A message's identity across tabs: the same server message normalized in two tabs gets the same
 * key. Index and id place it in the transcript; type, sender, time and text tell apart the entries
 * a back end leaves without index (typing notices).
 */
export function messageKey(message: NormalizedMessage): string {
  return JSON.stringify([message.index, message.id ?? null, message.type, message.from?.id ?? null, message.timestamp, message.text]);
}

/**
 * Events that carry one transcript entry (as `data.message`, or as `data`). Not `agentTypingTimeout`:
 * it comes seconds after its entry, and may be the first for it.
 */
const carriesMessage: ReadonlySet<string> = new Set([
  'agentTypingStarted', 'agentTypingStopped', 'clientConnected', 'clientDisconnected', 'agentConnected',
  'agentDisconnected', 'supervisorConnected', 'supervisorDisconnected', 'botConnected', 'botDisconnected',
]);

/** The entry an event is about, where it is about one. */
function messageOf(event: WebChatEvent): NormalizedMessage | undefined {
  if (!carriesMessage.has(event.event)) return undefined;
  const data = event.data as { message?: NormalizedMessage; index?: unknown };
  return data.message ?? (typeof data.index === 'number' ? (event.data as NormalizedMessage) : undefined);
}

/**
 * `event` without the messages in `known`: the event itself when all are new, `null` when none is.
 * Every tab passes each `messageReceived` through it (issue 13 "nothing published twice"): a restore
 * replays what the tabs showed, and the last relays of a leader that went may cross the next one's.
 *
 * @param dropped Receives the key of each message left out.
 */
export function withoutKnown(event: Extract<WebChatEvent, { event: 'messageReceived' }>, known: ReadonlySet<string>, dropped: Set<string>): typeof event | null {
  const { messages, originalMessages } = event.data;
  const keys = messages.map(messageKey);
  const fresh = keys.map((key) => !known.has(key));
  if (fresh.every(Boolean)) return event;
  keys.forEach((key, i) => !fresh[i] && dropped.add(key));
  if (!fresh.some(Boolean)) return null;
  // The originals run beside the messages when the pipeline kept every one; else they stay whole.
  const originals = originalMessages.length === messages.length ? originalMessages.filter((_, i) => fresh[i]) : originalMessages;
  return { event: 'messageReceived', data: { ...event.data, messages: messages.filter((_, i) => fresh[i]), originalMessages: originals } };
}

/**
 * What a tab that takes the lead mid-chat republishes of its own restore (issue 13 "nothing published
 * twice"): the tab already published the session, so the restore's `restored` and its first
 * `pollingStarted` are dropped, and so are the participant and typing events of entries it already
 * knows (its replayed entries themselves are left out by {@link withoutKnown}, in every tab).
 *
 * @param known The keys ({@link messageKey}) of every message this tab published, kept current: an
 *   entry is published (and known) in `messageReceived` after the events its side effects raise.
 * @param was The tab's state when it took the lead.
 * @returns Per event of the new engine: the event to publish, or `null` to drop it.
 */
export function handOverFilter(known: ReadonlySet<string>, was: WebChatState): (event: WebChatEvent) => WebChatEvent | null {
  let pollingRestarted = !was.polling;
  return (event) => {
    switch (event.event) {
      case 'restored':
      case 'restoredOffline':
        return was.sessionActive ? null : event;
      case 'pollingStarted':
        if (pollingRestarted) return event;
        pollingRestarted = true;
        return null;
      default: {
        const message = messageOf(event);
        return message && known.has(messageKey(message)) ? null : event;
      }
    }
  };
}
