import { isWebChatMessage } from './isWebChatMessage';
import type { MemberChangeEvent, WebChatMessage, WebChatTyping } from './cloudWire';
import { heartbeatTopic, socketClosingTopic } from './cloudWire';
import { isRecord } from '../shared/isRecord';

/** What one event-stream frame means to the client (`wire-purecloud-v2.md` §5, §5.1). */
export type CloudFrame =
  | { kind: 'heartbeat' }
  | { kind: 'message'; message: WebChatMessage }
  | { kind: 'typing'; typing: WebChatTyping }
  | { kind: 'memberChange'; change: MemberChangeEvent }
  /** `v2.system.socket_closing`: the server is about to close; reconnect (defensive). */
  | { kind: 'closing' }
  /** Valid JSON of no known shape, or not JSON at all: ignored (but it still proves the socket alive). */
  | { kind: 'unknown'; reason: 'malformed' | 'unrecognised' };

/**
 * Classifies one raw event-stream frame: the heartbeat, the three `metadata.type`s, the defensive
 * `socket_closing`, or `unknown`. Pure: the socket code reacts to the kind.
 *
 * @example
 * classifyFrame('{"topicName":"channel.metadata","eventBody":{"message":"WebSocket Heartbeat"}}');
 * // { kind: 'heartbeat' }
 *
 * @param data The frame text as the socket delivered it.
 */
export function classifyFrame(data: unknown): CloudFrame {
  const frame = parse(data);
  if (!isRecord(frame) || typeof frame.topicName !== 'string') return { kind: 'unknown', reason: frame === undefined ? 'malformed' : 'unrecognised' };
  if (frame.topicName === heartbeatTopic) return { kind: 'heartbeat' };
  if (frame.topicName.startsWith(socketClosingTopic)) return { kind: 'closing' };
  const body = frame.eventBody;
  const type = isRecord(frame.metadata) ? frame.metadata.type : undefined;
  if (!isRecord(body)) return { kind: 'unknown', reason: 'unrecognised' };
  if (type === 'message' && isWebChatMessage(body)) return { kind: 'message', message: body };
  // A typing signal has the same id + sender shape as a message, without a body.
  if (type === 'typing-indicator' && isWebChatMessage(body)) return { kind: 'typing', typing: body };
  if (type === 'member-change' && isRecord(body.member) && typeof body.member.id === 'string') {
    return { kind: 'memberChange', change: body as unknown as MemberChangeEvent };
  }
  return { kind: 'unknown', reason: 'unrecognised' };
}

function parse(data: unknown): unknown {
  if (typeof data !== 'string') return undefined;
  try {
    return JSON.parse(data);
  } catch {
    return undefined;
  }
}
