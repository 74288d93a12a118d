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

/** Events that carry one transcript entry as `data.message`. */
const carriesMessage: ReadonlySet<string> = new Set([
  'agentTypingStarted', 'agentTypingStopped', 'agentTypingTimeout', 'clientConnected', 'clientDisconnected', 'agentConnected',
  'agentDisconnected', 'supervisorConnected', 'supervisorDisconnected', 'botConnected', 'botDisconnected',
]);

/** The entry an event is about, where it is about one. */
function messageOf(event: WebChatEvent): NormalizedMessage | undefined {
  if (!carriesMessage.has(event.event)) return undefined;
  const data = event.data as { message?: NormalizedMessage; index?: unknown };
  return data.message ?? (typeof data.index === 'number' ? (event.data as NormalizedMessage) : undefined);
}

/**
 * What a tab that takes the lead mid-chat republishes of its own restore (issue 13 "nothing published
 * twice"): the tab already published the session and every message the old leader relayed, so the
 * restore's `restored`, its first `pollingStarted` and the replayed entries it already knows are
 * dropped; entries the old leader never relayed (they arrived during the hand-over) go out, once.
 *
 * @param known The keys ({@link messageKey}) of every message this tab published before it led.
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
      case 'messageReceived': {
        const { messages, originalMessages } = event.data;
        const fresh = messages.map((message) => !known.has(messageKey(message)));
        if (fresh.every(Boolean)) return event;
        if (!fresh.some(Boolean)) return null;
        // The originals run beside the messages when the pipeline kept every one; else they stay whole.
        const originals = originalMessages.length === messages.length ? originalMessages.filter((_, i) => fresh[i]) : originalMessages;
        return { event: 'messageReceived', data: { ...event.data, messages: messages.filter((_, i) => fresh[i]), originalMessages: originals } };
      }
      default: {
        const message = messageOf(event);
        return message && known.has(messageKey(message)) ? null : event;
      }
    }
  };
}
