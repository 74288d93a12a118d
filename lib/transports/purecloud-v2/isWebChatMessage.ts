import type { WebChatMessage } from './cloudWire';

/**
 * Whether a listing entity or a frame body has what the client needs of a message: an `id` (the
 * dedupe key) and a `sender.id` (the role lookup). Anything else is skipped, not fatal.
 *
 * @param value One untrusted entity.
 */
export function isWebChatMessage(value: unknown): value is WebChatMessage {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as { id?: unknown; sender?: { id?: unknown } | null };
  return typeof message.id === 'string' && typeof message.sender === 'object' && message.sender !== null && typeof message.sender.id === 'string';
}
