import type { ChatSession } from '../sessionStore';
import type { GmsKeys } from './gmsKeyring';
import type { GmsMessage } from './gmsMessage';

/** The wire-gms-v2 §4 response envelope. */
export type GmsEnvelope = Record<string, unknown> & { messages: GmsMessage[] };

/**
 * The envelope of a session, status 0, `extra` merged over it. §13: `nextPosition` = last index + 1
 * on every response; `chatEnded` once the session is over.
 *
 * @example
 * gmsEnvelope(session, keys, { messages: [toGmsMessage(session, session.transcript[0])] });
 */
export function gmsEnvelope(session: ChatSession, keys: GmsKeys, extra: Partial<GmsEnvelope> = {}): GmsEnvelope {
  return {
    statusCode: 0,
    chatId: session.id,
    userId: keys.userId,
    secureKey: keys.secureKey,
    alias: keys.alias,
    chatEnded: session.status === 'ended',
    nextPosition: session.transcript.length + 1,
    messages: [],
    ...extra,
  };
}
