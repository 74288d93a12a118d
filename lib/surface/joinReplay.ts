import type { WebChatEvent } from '../model/events';
import type { NormalizedMessage } from '../model/messages';
import type { RelayMessage } from './tabRelay';

/**
 * What a tab that joins a running chat publishes (issue 13): what a page opened on that chat
 * publishes when it restores — `restored`, the transcript as one `restoring` `messageReceived` (and
 * each message on `messages$`), and `pollingStarted` while the leader polls.
 *
 * @param snapshot The leader's answer to this tab's `hello`.
 * @param publish Publishes one event in this tab.
 * @param deliver Puts one message on this tab's `messages$`.
 */
export function joinReplay(
  snapshot: Extract<RelayMessage, { kind: 'snapshot' }>,
  publish: (event: WebChatEvent) => unknown,
  deliver: (message: NormalizedMessage) => void,
): void {
  const { state, transcript } = snapshot;
  if (!state.sessionActive) return;
  publish({ event: 'restored', data: { async: state.capabilities.async } });
  if (transcript.messages.length > 0) {
    const messages = transcript.messages.map((message): NormalizedMessage => ({ ...message, restoring: true }));
    publish({
      event: 'messageReceived',
      data: { messages, originalMessages: transcript.originalMessages, restoring: true, oldMessages: false, sessionData: state.sessionData },
    });
    for (const message of messages) deliver(message);
  }
  if (state.polling) publish({ event: 'pollingStarted', data: {} });
}
