import type { GmsEnvelope, GmsMessage } from './gmsWire';
import { isRecord } from '../shared/isRecord';

/**
 * The transcript events of an envelope, as far as they are events: `messages` must be an array, and
 * only its object entries count. A server (or a proxy) that sends `"messages": ""` or `[null, 3]`
 * must not make the client throw (issue 6 "a hostile server").
 *
 * @example
 * gmsMessagesOf({ statusCode: 0, messages: [null, { index: 2, type: 'Message' }] }); // [{ index: 2, type: 'Message' }]
 *
 * @param envelope A parsed GMS response body.
 */
export function gmsMessagesOf(envelope: GmsEnvelope | null | undefined): GmsMessage[] {
  const messages: unknown = envelope?.messages;
  if (!Array.isArray(messages)) return [];
  return messages.filter(isRecord) as GmsMessage[];
}
