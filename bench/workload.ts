import type { Preprocessor } from '../lib/model/commands';
import type { NormalizedMessage } from '../lib/model/messages';
import type { GmsMessage } from '../lib/transports/gms-v2/gmsWire';

/**
 * The message workload of the throughput figure, shared by the service and the hand-written loop
 * so both do exactly the same work: GMS wire messages (what a poll response carries), five custom
 * prefilters an integrator might register, and two preprocessors (one mutates, one replaces).
 */

/** Every `hiddenEvery`-th message matches a custom prefilter (side effects only, not published). */
export const hiddenEvery = 50;

/**
 * `count` GMS wire `Message`s with indexes `from`, `from + 1`, …, alternating agent and customer,
 * every {@link hiddenEvery}-th one marked `[internal]`.
 *
 * @example gmsWireMessages(2, 1) // [{index: 1, type: 'Message', from: {type: 'Agent', …}, …}, {index: 2, …}]
 */
export function gmsWireMessages(count: number, from = 1): GmsMessage[] {
  const messages: GmsMessage[] = [];
  for (let index = from; index < from + count; index++) {
    const agent = index % 2 === 1;
    messages.push({
      index,
      type: 'Message',
      utcTime: 1700000000000 + index * 1000,
      from: agent ? { nickname: 'Dana', participantId: 2, type: 'Agent' } : { nickname: 'Ada', participantId: 1, type: 'Client' },
      text: index % hiddenEvery === 0 ? `[internal] note ${index}` : `message ${index}: the parcel with order number ${index * 7} is on its way`,
      messageType: 'text',
    });
  }
  return messages;
}

/** Splits `messages` into consecutive batches of `size` (the last one may be shorter). */
export function inBatches<T>(messages: readonly T[], size: number): T[][] {
  const batches: T[][] = [];
  for (let i = 0; i < messages.length; i += size) batches.push(messages.slice(i, i + size));
  return batches;
}

/** Five custom prefilters: internal notes, whispers, passwords, card numbers, a tag. */
export const customPrefilters: readonly RegExp[] = [/\[internal\]/, /^\/whisper /, /password/i, /\b\d{16}\b/, /#secret\b/];

/** The two preprocessors: the first marks plain text in place (falsy return), the second caps the length (a new object). */
export const preprocessors: readonly Preprocessor[] = [
  (message: NormalizedMessage) => {
    message.html = false;
    return undefined;
  },
  (message: NormalizedMessage) => (message.text.length > 2000 ? { ...message, text: message.text.slice(0, 2000) } : { ...message }),
];
