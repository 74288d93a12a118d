import type { RawBatch } from '../transport';
import type { GmsMessage } from './gmsWire';
import { normalizeGmsMessage } from './normalizeGmsMessage';

/**
 * The messages of one GMS answer as a batch, keyed and ordered by transcript index (§4); a restore's
 * replay is marked `restoring`, and the answer's `idleTimerExpire` travels as `idleTimeCountDown`.
 *
 * @example
 * gmsBatch(gmsMessagesOf(envelope), false, envelope.idleTimerExpire);
 */
export function gmsBatch(messages: GmsMessage[], restoring: boolean, idleTimerExpire: unknown): RawBatch {
  return {
    items: messages.map((raw, i) => {
      const message = normalizeGmsMessage(raw);
      return { key: message.index, order: message.index || i, message, raw };
    }),
    ...(restoring ? { restoring: true } : {}),
    ...(idleTimerExpire !== undefined ? { idleTimeCountDown: idleTimerExpire } : {}),
  };
}

/** The highest transcript index of a batch (a loop: spreading 100k keys into Math.max overflows the stack). */
export function highestKey(batch: RawBatch, floor: number): number {
  let highest = floor;
  for (const item of batch.items) {
    const key = Number(item.key);
    if (key > highest) highest = key;
  }
  return highest;
}
