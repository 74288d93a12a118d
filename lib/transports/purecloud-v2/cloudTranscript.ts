import type { NormalizedMessage } from '../../model/messages';
import type { RawItem } from '../transport';
import { normalizeCloudMessage, normalizeCloudTyping, timestampOf } from './normalizeCloudMessage';
import type { WebChatMemberInfo, WebChatMessage, WebChatTyping } from './cloudWire';

/** A stream event that becomes an item: a message, or an agent's typing signal. */
export type LiveEvent = { kind: 'message'; message: WebChatMessage } | { kind: 'typing'; typing: WebChatTyping };

/** The items of one delivery, and whether the guest's own member left in it (§5.2 item 5). */
export interface LiveItems {
  items: RawItem[];
  ownLeft: boolean;
}

/** What the client has seen of one conversation's messages, and how new ones become items. */
export interface CloudTranscript {
  /** Live, catch-up and restore deliveries: new messages in chronological order, ordinals ascending. */
  live(events: readonly LiveEvent[], member: (id: string) => WebChatMemberInfo | undefined): LiveItems;
  /** A history page, newest first as a descending listing gives it: new messages with ordinals continuing downward (0, −1, …). */
  history(messages: readonly WebChatMessage[], member: (id: string) => WebChatMemberInfo | undefined): RawItem[];
  /** The synthetic `ParticipantJoined` of the guest published at start (`wire-purecloud-v2.md` §7); from then on the guest's own `member-join` is hidden. */
  ownJoin(name: string, timestamp: number): RawItem;
  /** The newest message seen (the `after=` cursor, persisted as `LastMsgId`). */
  newestId(): string | null;
  /** The oldest message seen (the `before=` cursor of `fetchHistory`). */
  oldestId(): string | null;
}

/**
 * The client side of one conversation's transcript (`contract.md` §9.1, §10; `wire-purecloud-v2.md`
 * §5.2): dedupes by message id, assigns the local ordinals (`index`), applies the visibility rules
 * of join/leave messages, and tracks the newest and oldest ids for the `after=`/`before=` cursors.
 *
 * Visibility (§5.2 item 4): the guest's own `member-join` is dropped only once {@link CloudTranscript.ownJoin}
 * stood for it in this page life (a start); a restored page replays it, as the shipped client does,
 * so `clientConnected` follows. WORKFLOW joins/leaves only with `botEventsEnabled`; ACD joins/leaves never.
 *
 * @example
 * const transcript = cloudTranscript('ME', false);
 * transcript.live([{ kind: 'message', message: { id: 'm2', sender: { id: 'AG' }, body: 'Hi!' } }], roster.get).items[0].message.index; // 1
 *
 * @param ownMemberId The guest's member id.
 * @param botEvents `transport.botEventsEnabled`.
 * @param seed The newest id already delivered in an earlier page life (`LastMsgId`), if any.
 */
export function cloudTranscript(ownMemberId: string, botEvents: boolean, seed: string | null = null): CloudTranscript {
  const seen = new Set<string>();
  let nextIndex = 1;
  let nextOldIndex = 0;
  let order = 0;
  let newest: { id: string; time: number } | null = seed ? { id: seed, time: -Infinity } : null;
  let oldest: { id: string; time: number } | null = null;
  let ownJoinPublished = false;

  /** Ties (same millisecond) go by delivery order: later live messages are newer, later history messages older. */
  const note = (message: WebChatMessage, older: boolean) => {
    const time = timestampOf(message.timestamp);
    if (!newest || time > newest.time || (time === newest.time && !older)) newest = { id: message.id, time };
    if (!oldest || time < oldest.time || (time === oldest.time && older)) oldest = { id: message.id, time };
  };

  const hidden = (message: NormalizedMessage, sender: WebChatMemberInfo | undefined): boolean => {
    if (message.type !== 'ParticipantJoined' && message.type !== 'ParticipantLeft') return false;
    if (message.from.id === ownMemberId) return message.type === 'ParticipantJoined' && ownJoinPublished;
    if (sender?.role === 'ACD') return true;
    return sender?.role === 'WORKFLOW' && !botEvents;
  };

  /** A message seen for the first time: marked seen, the cursors moved; its normalized form when it is shown, else `null`. */
  const admit = (wire: WebChatMessage, index: number, older: boolean, member: (id: string) => WebChatMemberInfo | undefined): NormalizedMessage | null => {
    seen.add(wire.id);
    note(wire, older);
    const sender = member(wire.sender.id);
    const message = normalizeCloudMessage(wire, sender, ownMemberId, index);
    return message && !hidden(message, sender) ? message : null;
  };

  return {
    live(events, member) {
      const items: RawItem[] = [];
      let ownLeft = false;
      for (const event of chronological(events)) {
        if (event.kind === 'typing') {
          const { typing } = event;
          if (typing.sender.id === ownMemberId || seen.has(typing.id)) continue;
          seen.add(typing.id);
          const message = normalizeCloudTyping(typing, member(typing.sender.id), ownMemberId, nextIndex - 1);
          items.push({ key: typing.id, order: order++, message, raw: typing, sideEffectOnly: true });
          continue;
        }
        const { message: wire } = event;
        if (seen.has(wire.id)) continue;
        const message = admit(wire, nextIndex, false, member);
        if (!message) continue;
        nextIndex += 1;
        if (message.type === 'ParticipantLeft' && message.from.id === ownMemberId) ownLeft = true;
        items.push({ key: wire.id, order: order++, message, raw: wire });
      }
      return { items, ownLeft };
    },
    history(messages, member) {
      // Reversed first: messages with equal timestamps keep the server's order.
      const fresh = chronological([...messages].reverse().map((message) => ({ kind: 'message' as const, message })))
        .map((event) => event.message)
        .filter((wire) => !seen.has(wire.id));
      const items: RawItem[] = [];
      // Newest first, so the ordinals continue downward from the oldest already shown.
      for (const wire of fresh.reverse()) {
        const message = admit(wire, nextOldIndex, true, member);
        if (!message) continue;
        nextOldIndex -= 1;
        items.push({ key: wire.id, order: message.index, message, raw: wire });
      }
      return items.reverse();
    },
    ownJoin(name, timestamp) {
      const key = `member-join:${ownMemberId}`;
      seen.add(key);
      ownJoinPublished = true;
      const message: NormalizedMessage = {
        index: nextIndex++,
        type: 'ParticipantJoined',
        text: '',
        html: false,
        userData: {},
        timestamp,
        from: { id: ownMemberId, type: 'Client', name },
      };
      return { key, order: order++, message, raw: { synthetic: true, bodyType: 'member-join', sender: { id: ownMemberId } } };
    },
    newestId: () => newest?.id ?? null,
    oldestId: () => oldest?.id ?? null,
  };
}

/** Server order by timestamp; arrival order among equal (or missing) timestamps (a stable sort). */
function chronological<T extends LiveEvent>(events: readonly T[]): T[] {
  const time = (event: LiveEvent) => timestampOf(event.kind === 'message' ? event.message.timestamp : event.typing.timestamp);
  return events
    .map((event, arrival) => ({ event, arrival, time: time(event) }))
    .sort((a, b) => a.time - b.time || a.arrival - b.arrival)
    .map(({ event }) => event);
}
