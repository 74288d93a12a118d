import type { CloudSessionData } from '../../model/results';
import type { SessionStore } from '../../storage/sessionStore';

/** The identity of one guest chat, as persisted (`wire-purecloud-v2.md` §7). */
export interface CloudIdentity {
  jwt: string;
  conversationId: string;
  memberId: string;
  eventStreamUri: string;
}

/** The persisted keys of the cloud transport, and their `getSessionData` reading. */
export interface CloudKeys {
  /** The stored identity, or `null` when any of its four keys is missing. */
  identity(): CloudIdentity | null;
  saveIdentity(identity: CloudIdentity): void;
  lastMessageId(): string | null;
  saveLastMessageId(id: string): void;
  /** Epoch ms of the last server contact (product `ping`, `contract.md` §14.1). */
  ping(): number | null;
  savePing(now: number): void;
  sessionData(): CloudSessionData;
  clear(): void;
}

/** Names after `_genesys.widgets.webchat.state.` (`contract.md` §14.1). */
export const cloudKeyNames = {
  jwt: 'purecloud-v2-sockets.JWtoken',
  conversationId: 'purecloud-v2-sockets.ConversationID',
  memberId: 'purecloud-v2-sockets.MemberID',
  eventStreamUri: 'purecloud-v2-sockets.WS_URL',
  lastMessageId: 'purecloud-v2-sockets.LastMsgId',
  ping: 'purecloud-v2-sockets.ping',
} as const;

/** The stored fields of a {@link CloudIdentity}. */
const identityFields = ['jwt', 'conversationId', 'memberId', 'eventStreamUri'] as const;

/**
 * The cloud transport's persisted keys over the service's {@link SessionStore}.
 *
 * @example
 * const keys = cloudKeys(store);
 * keys.saveIdentity({ jwt, conversationId, memberId, eventStreamUri });
 * keys.sessionData(); // { jwt, conversationId, memberId, WebSocketUrl, lastMessageId: null }
 *
 * @param store The prefixed store of `lib/storage/sessionStore.ts`.
 */
export function cloudKeys(store: SessionStore): CloudKeys {
  return {
    identity() {
      const identity: Partial<CloudIdentity> = {};
      for (const field of identityFields) {
        const value = store.get(cloudKeyNames[field]);
        // All four or none: a partial identity cannot reach the conversation.
        if (!value) return null;
        identity[field] = value;
      }
      return identity as CloudIdentity;
    },
    saveIdentity(identity) {
      for (const field of identityFields) store.set(cloudKeyNames[field], identity[field]);
    },
    lastMessageId: () => store.get(cloudKeyNames.lastMessageId),
    saveLastMessageId: (id) => store.set(cloudKeyNames.lastMessageId, id),
    ping() {
      const value = Number(store.get(cloudKeyNames.ping) ?? NaN);
      return Number.isFinite(value) ? value : null;
    },
    savePing: (now) => store.set(cloudKeyNames.ping, String(now)),
    sessionData() {
      return {
        jwt: store.get(cloudKeyNames.jwt),
        conversationId: store.get(cloudKeyNames.conversationId),
        memberId: store.get(cloudKeyNames.memberId),
        WebSocketUrl: store.get(cloudKeyNames.eventStreamUri),
        lastMessageId: store.get(cloudKeyNames.lastMessageId),
      };
    },
    clear() {
      for (const name of Object.values(cloudKeyNames)) store.remove(name);
    },
  };
}
