import type { ChatSession, CreateSessionInput, SessionStore } from '../sessionStore';

/**
 * What GMS chat operations do to the store, whichever wire carried them: the REST endpoint
 * (wire-gms-v2 §6, form fields) and the CometD one (§11, publish `data`) both call these.
 */

/** The parameters of one operation: text fields and the `userData` map. */
export interface GmsParams {
  field(name: string): string | undefined;
  userData(): Record<string, string>;
}

/** A refusal with its GMS code (§8.2). */
export interface GmsRefusal {
  code: number;
  advice: string;
}

export type GmsOperation = 'send' | 'startTyping' | 'stopTyping' | 'disconnect' | 'pushUrl' | 'updateNickname' | 'customNotice' | 'updateData';

export const GMS_OPERATIONS: readonly GmsOperation[] = ['send', 'startTyping', 'stopTyping', 'disconnect', 'pushUrl', 'updateNickname', 'customNotice', 'updateData'];

/** The session to create for a Request Chat, or the refusal (code 161: no nickname and not both names). */
export function requestChatInput(params: GmsParams, transport: string, meta: Record<string, string>): { input: CreateSessionInput } | { refusal: GmsRefusal } {
  const nickname = params.field('nickname')?.trim() ?? '';
  const firstName = params.field('firstName')?.trim() ?? '';
  const lastName = params.field('lastName')?.trim() ?? '';
  const name = nickname || (firstName && lastName ? `${firstName} ${lastName}` : '');
  if (!name) return { refusal: { code: 161, advice: 'Name is required' } };
  const email = params.field('emailAddress');
  const subject = params.field('subject');
  const endpoint = params.field('endpoint');
  return {
    input: {
      transport,
      customer: { name, ...(firstName ? { firstName } : {}), ...(lastName ? { lastName } : {}), ...(email ? { email } : {}), ...(subject ? { subject } : {}) },
      userData: params.userData(),
      meta: { ...meta, ...(endpoint ? { endpoint } : {}) },
    },
  };
}

/**
 * Applies one operation on a live session; returns the refusal when it is refused.
 *
 * @param store The store. @param session The live session. @param operation Which one.
 * @param params Its parameters. @param maxMessageLength Longer messages are refused with code 204.
 */
export function runGmsOperation(store: SessionStore, session: ChatSession, operation: GmsOperation, params: GmsParams, maxMessageLength: number): GmsRefusal | undefined {
  const customer = session.customerId;
  const setDraft = (draft: string): void => {
    if (session.draft !== draft) store.update(session.id, { draft });
  };
  switch (operation) {
    case 'send': {
      const message = params.field('message');
      // UNCONFIRMED: the code for a missing message; 500 "unexpected service error" is the closest known one.
      if (message === undefined) return { code: 500, advice: 'Parameter message is required' };
      if (message.length > maxMessageLength) return { code: 204, advice: 'Message is too long' };
      const eventAttributes = parseJson(params.field('eventAttributes'));
      const messageType = params.field('messageType') || 'text';
      store.append(session.id, { kind: 'message', participantId: customer, text: message, data: { messageType, ...(eventAttributes !== undefined ? { eventAttributes } : {}) } });
      setDraft('');
      return undefined;
    }
    case 'startTyping':
    case 'stopTyping': {
      // Echoed into the transcript, so the agent sees it.
      const preview = params.field('message') ?? '';
      store.append(session.id, { kind: operation === 'startTyping' ? 'typing-start' : 'typing-stop', participantId: customer, text: preview });
      setDraft(operation === 'startTyping' ? preview : '');
      return undefined;
    }
    case 'disconnect':
      store.end(session.id);
      return undefined;
    case 'pushUrl': {
      const url = params.field('pushUrl');
      if (!url) return { code: 500, advice: 'Parameter pushUrl is required' };
      store.append(session.id, { kind: 'push-url', participantId: customer, text: url });
      return undefined;
    }
    case 'updateNickname': {
      const nickname = params.field('nickname')?.trim();
      if (!nickname) return { code: 161, advice: 'Name is required' };
      store.rename(session.id, customer, nickname);
      store.append(session.id, { kind: 'nickname', participantId: customer, text: nickname });
      return undefined;
    }
    case 'customNotice': {
      // Including the wake variant (empty message + cancel-idle-timer attributes).
      const message = params.field('message') ?? '';
      if (message.length > maxMessageLength) return { code: 204, advice: 'Message is too long' };
      const eventAttributes = parseJson(params.field('eventAttributes'));
      store.append(session.id, { kind: 'custom-notice', participantId: customer, text: message, ...(eventAttributes !== undefined ? { data: { eventAttributes } } : {}) });
      return undefined;
    }
    case 'updateData':
      // Only the keys sent change.
      store.update(session.id, { userData: params.userData() });
      return undefined;
  }
}

/** A JSON parameter (`eventAttributes`); kept as the raw string when it is not JSON. */
export function parseJson(value: string | undefined): unknown {
  if (value === undefined || value === '') return undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}
