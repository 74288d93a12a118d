import type { ChatSession, TranscriptEvent } from '../sessionStore';
import { conversationPath, isCloudMessage } from './cloudWire';

/** The query of `GET …/messages` (§2.5), as received. */
export interface MessagePageQuery {
  after?: string;
  before?: string;
  sortOrder?: string;
  maxResults?: string;
}

export type MessagePage =
  | { ok: true; events: TranscriptEvent[]; pageSize: number; next?: string; selfUri: string }
  | { ok: false; message: string };

/** The server's page size limit (§2.5). */
export const MAX_RESULTS = 100;

/**
 * One page of a conversation's messages (wire-purecloud-v2 §2.5, §9 "Paging"): `after`/`before`
 * exclusive, `sortOrder` ascending (default) or descending, `maxResults` ≤ 100 (default 100), and
 * `next` — a path relative to the API host that keeps the direction (`after=<last>` ascending,
 * `before=<last>` descending) — only when more messages exist that way. Typing events are not messages.
 *
 * @example
 * messagePage(session, { sortOrder: 'descending', maxResults: '2' });
 * // { ok: true, events: [m9, m8], pageSize: 2, next: '/api/v2/…/messages?before=m8&sortOrder=descending&maxResults=2', … }
 *
 * @param session The conversation.
 * @param query The request's query.
 */
export function messagePage(session: ChatSession, query: MessagePageQuery): MessagePage {
  const { all, positions } = messageIndex(session);
  const position = (id: string | undefined): number | undefined | null => {
    if (id === undefined) return undefined;
    return positions.get(id) ?? null;
  };
  const after = position(query.after);
  const before = position(query.before);
  if (after === null || before === null) return { ok: false, message: 'Unknown message id in after/before' };
  const descending = query.sortOrder === 'descending';
  if (query.sortOrder !== undefined && !descending && query.sortOrder !== 'ascending') return { ok: false, message: 'sortOrder must be ascending or descending' };
  const size = query.maxResults === undefined ? MAX_RESULTS : Number(query.maxResults);
  if (!Number.isInteger(size) || size < 1 || size > MAX_RESULTS) return { ok: false, message: `maxResults must be between 1 and ${MAX_RESULTS}` };
  // Walk only the page (and one more, to know whether `next` exists): a long restore pages through
  // 100k messages, and copying the window per page made it quadratic.
  const low = after === undefined ? 0 : after + 1;
  const high = before === undefined ? all.length : before;
  const events: TranscriptEvent[] = [];
  for (let i = descending ? high - 1 : low; descending ? i >= low : i < high; i += descending ? -1 : 1) {
    if (events.length === size) break;
    events.push(all[i]);
  }
  const more = high - low > size;
  const last = events[events.length - 1];
  const path = `${conversationPath(session.id)}/messages`;
  const base = `sortOrder=${descending ? 'descending' : 'ascending'}&maxResults=${size}`;
  // The cursor moves in the page's direction; the other bound, if any, stays.
  const bound = descending ? (query.after ? `&after=${query.after}` : '') : query.before ? `&before=${query.before}` : '';
  const next = more && last ? `${path}?${descending ? 'before' : 'after'}=${last.id}${bound}&${base}` : undefined;
  const self = `${path}?${[query.after ? `after=${query.after}` : '', query.before ? `before=${query.before}` : '', base].filter(Boolean).join('&')}`;
  return { ok: true, events, pageSize: size, ...(next ? { next } : {}), selfUri: self };
}

/** The conversation's messages and each one's position, rebuilt only when the transcript grew (it is append-only). */
const indexes = new WeakMap<ChatSession, { length: number; all: TranscriptEvent[]; positions: Map<string, number> }>();

function messageIndex(session: ChatSession): { all: TranscriptEvent[]; positions: Map<string, number> } {
  let index = indexes.get(session);
  if (!index) {
    index = { length: 0, all: [], positions: new Map() };
    indexes.set(session, index);
  }
  for (; index.length < session.transcript.length; index.length += 1) {
    const event = session.transcript[index.length];
    if (!isCloudMessage(event)) continue;
    index.positions.set(event.id, index.all.length);
    index.all.push(event);
  }
  return index;
}
