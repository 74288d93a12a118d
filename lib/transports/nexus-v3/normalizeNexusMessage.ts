import type { NormalizedMessage, ParticipantType } from '../../model/messages';
import type { NexusMessage } from './nexusWire';
import { nexusIndexKey } from './nexusIndexKey';
import { sanitizeNexusIndex } from './sanitizeNexusIndex';
import { isRecord } from '../shared/isRecord';
import { ownValue } from '../shared/ownValue';

/** §8: `from.type` → normalized participant type; anything unknown (bot, system) is `External` (UNCONFIRMED). */
const participantTypes: Record<string, ParticipantType> = {
  Customer: 'Client',
  Agent: 'Agent',
  Supervisor: 'Supervisor',
};

/**
 * A Nexus message in the contract's normalized shape (`contract.md` §9.3, `wire-nexus-v3.md` §8);
 * `undefined` when it has no `index` to key it by ({@link nexusIndexKey}: it could not be deduped).
 *
 * | raw                                   | normalized                                  |
 * |---------------------------------------|---------------------------------------------|
 * | `type: 'Text'`                        | `type: 'Message'` (others as-is)            |
 * | `from.type` `Customer`/`Agent`/`Supervisor`/other | `Client`/`Agent`/`Supervisor`/`External` |
 * | `from.nickname` ‖ `from.firstName`    | `from.name`                                 |
 * | `from.participantId`                  | `from.id` (string)                          |
 * | `PushUrl` `url`                       | `text`                                      |
 * | `index` (`'12-3'`)                    | `index: 123`, `id: '12-3'`                  |
 * | `index` with no digits (`'ab'`)       | `index: 0`, `id: 'ab'`                      |
 * | `utcTime` (epoch ms)                  | `timestamp`                                 |
 * | `content[]`                           | `content` (images already as `data:` URLs)  |
 *
 * @example
 * normalizeNexusMessage({ index: '2-0', type: 'Text', text: 'Hello', utcTime: 1600000001000,
 *   from: { nickname: 'Jane', participantId: '198d', type: 'Customer' } }, Date.now())
 * // { index: 20, id: '2-0', type: 'Message', text: 'Hello', html: false, userData: {}, timestamp: 1600000001000,
 * //   from: { id: '198d', type: 'Client', name: 'Jane' } }
 *
 * The public `index` must be a number (`contract.md` §9.1): it is the shipped client's value, the
 * raw index with its first `-` removed (`'12-0'` → 120, `'7-2'` → 72, `12` → 12), or `0` when no
 * number is left. It is for display and for pages that read it, **not** an order or a key: the
 * transport keys by the raw index ({@link nexusIndexKey}) and keeps the server's order, and `id`
 * keeps the raw string whenever it is not a plain number.
 *
 * @param raw One message of a `GET messages` reply.
 * @param now Epoch ms, the timestamp of a message without a readable `utcTime`.
 */
export function normalizeNexusMessage(raw: NexusMessage, now: number): NormalizedMessage | undefined {
  if (nexusIndexKey(raw.index) === undefined) return undefined;
  const index = sanitizeNexusIndex(raw.index) ?? 0;
  const from = raw.from ?? {};
  const type = raw.type === 'Text' || raw.type === undefined ? 'Message' : String(raw.type);
  const message: NormalizedMessage = {
    index,
    type,
    text: textOf(raw, type),
    html: false,
    userData: isRecord(raw.userData) ? raw.userData : {},
    timestamp: timestampOf(raw.utcTime, now),
    from: {
      id: from.participantId === undefined ? '' : String(from.participantId),
      type: ownValue(participantTypes, from.type) ?? 'External',
      name: from.nickname || from.firstName || '',
    },
  };
  if (typeof raw.index === 'string' && String(index) !== raw.index) message.id = raw.index;
  if (type === 'TypingStarted') message.isTyping = true;
  if (type === 'TypingStopped') message.isTyping = false;
  if (Array.isArray(raw.content)) message.content = raw.content;
  return message;
}

function textOf(raw: NexusMessage, type: string): string {
  if (type === 'PushUrl' && typeof raw.url === 'string') return raw.url;
  return typeof raw.text === 'string' ? raw.text : '';
}

function timestampOf(utcTime: unknown, now: number): number {
  if (typeof utcTime === 'number' && Number.isFinite(utcTime)) return utcTime;
  if (typeof utcTime === 'string' && utcTime.trim() !== '') {
    const value = /^\d+$/.test(utcTime.trim()) ? Number(utcTime) : Date.parse(utcTime);
    if (Number.isFinite(value)) return value;
  }
  return now;
}
