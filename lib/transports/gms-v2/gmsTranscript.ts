import { ownSends } from '../shared/ownSends';
import type { OwnSend } from '../shared/ownSends';
import type { RawBatch } from '../transport';
import { gmsBatch, highestKey } from './gmsBatch';
import type { GmsKeys } from './gmsKeys';
import { gmsMessagesOf } from './gmsMessagesOf';
import type { GmsEnvelope } from './gmsWire';

/** What one GMS session has seen of its transcript (`wire-gms-v2.md` §7). */
export interface GmsTranscript {
  /**
   * Hands an answer's messages (if any) to `deliver` as one batch, then moves the cursor over it and
   * persists it. After `restoredOffline` the first answer with messages is the replay (§14.3),
   * whichever request it answers; a poll passes `restoring` itself (it knows whether it read from 1).
   */
  absorb(envelope: GmsEnvelope, restoring?: boolean): void;
  /** The next transcript position to read. */
  next(): number;
  /** The lowest position a message sent now can have: after everything delivered and any `nextPosition` reported. */
  sendFrom(): number;
  /** Whether the next answer with messages is the restore replay (read from position 1). */
  replayPending(): boolean;
  /** A customer send to recognise in later batches ({@link ownSends}). */
  startSend(text: string): OwnSend;
}

/**
 * The cursor of one GMS session: the highest index delivered (persisted as `…index`), the highest
 * `nextPosition` any answer reported, the pending restore replay, and the customer's sends until a
 * batch shows each one's message.
 *
 * @example
 * const transcript = gmsTranscript(keys, (batch) => signals$.next({ type: 'batch', batch }), { highestIndex: 0, replayOnFirstPoll: false });
 * transcript.absorb(envelope);
 */
export function gmsTranscript(
  keys: GmsKeys,
  deliver: (batch: RawBatch) => void,
  options: { replayOnFirstPoll: boolean; highestIndex: number },
): GmsTranscript {
  let highestIndex = options.highestIndex;
  let serverNext = 0;
  let replayPending = options.replayOnFirstPoll;
  const sends = ownSends();
  return {
    absorb: (envelope, restoring) => {
      const replay = restoring ?? replayPending;
      // A poll's answer settles the replay either way (it read from position 1).
      if (restoring !== undefined) replayPending = false;
      if (typeof envelope.nextPosition === 'number' && Number.isSafeInteger(envelope.nextPosition)) serverNext = Math.max(serverNext, envelope.nextPosition);
      const messages = gmsMessagesOf(envelope);
      if (messages.length === 0) return;
      const batch = gmsBatch(messages, replay, envelope.idleTimerExpire);
      replayPending = false;
      deliver(batch);
      for (const { key, message } of batch.items) {
        if ((key as number) > highestIndex && message.type === 'Message' && message.from.type === 'Client') sends.saw(message.text);
      }
      highestIndex = highestKey(batch, highestIndex);
      keys.saveIndex(highestIndex + 1);
    },
    next: () => highestIndex + 1,
    sendFrom: () => Math.max(highestIndex + 1, serverNext),
    replayPending: () => replayPending,
    startSend: (text) => sends.start(text),
  };
}
