/** A tiny GMS v2 client over Node's fetch, for the playground specs (form bodies, as WebChatService sends them). */

// The wire bodies are JSON of many shapes; specs assert on them field by field.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = Record<string, any>;

export interface GmsReply {
  status: number;
  headers: Headers;
  body: Json;
}

export interface GmsChat {
  chatId: string;
  triple: { userId: string; secureKey: string; alias: string };
  start: Json;
}

/** POSTs a form (or a FormData) and parses the JSON answer (`{}` when it is not JSON). */
export async function gmsPost(url: string, fields: Record<string, string> | FormData = {}, headers: Record<string, string> = {}): Promise<GmsReply> {
  const response = await fetch(url, {
    method: 'POST',
    headers,
    body: fields instanceof FormData ? fields : new URLSearchParams(fields),
    signal: AbortSignal.timeout(5000),
  });
  const text = await response.text();
  let body: Json = {};
  try {
    body = JSON.parse(text) as Json;
  } catch {
    body = { text };
  }
  return { status: response.status, headers: response.headers, body };
}

/** Requests a chat and returns its identity triple. */
export async function startGmsChat(service: string, fields: Record<string, string> = { nickname: 'Ada' }): Promise<GmsChat> {
  const { body } = await gmsPost(`${service}/`, { text: '', userId: '', secureKey: '', alias: '', ...fields });
  if (body.statusCode !== 0) throw new Error(`requestChat failed: ${JSON.stringify(body)}`);
  return { chatId: body.chatId, triple: { userId: body.userId, secureKey: body.secureKey, alias: body.alias }, start: body };
}

/** POSTs one operation of a started chat with its identity triple. */
export function gmsOp(service: string, chat: GmsChat, operation: string, fields: Record<string, string> = {}): Promise<GmsReply> {
  return gmsPost(`${service}/${chat.chatId}/${operation}`, { ...chat.triple, ...fields });
}

/** `type:nickname:text` of each message, to compare transcripts at a glance. */
export const summary = (messages: Json[]): string[] => messages.map((m) => `${m.index ?? '-'} ${m.type}:${m.from?.type}:${m.text ?? ''}`);
