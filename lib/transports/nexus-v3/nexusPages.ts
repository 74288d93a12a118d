import { Observable, map, of, switchMap } from 'rxjs';
import type { Platform } from '../../platform/platform';
import type { RawBatch, RawItem } from '../transport';
import { isRecord } from '../shared/isRecord';
import { blobToDataUrl } from './blobToDataUrl';
import { inlineNexusImages } from './inlineNexusImages';
import type { NexusCaller, NexusReply } from './nexusCall';
import { nexusIndexKey } from './nexusIndexKey';
import type { NexusCredentials, NexusMessagesQuery, NexusRequests } from './nexusRequests';
import type { NexusMessage } from './nexusWire';
import { normalizeNexusMessage } from './normalizeNexusMessage';

/** A fetched page of messages, normalized into a batch, with the reply it came from. */
export interface NexusPage {
  reply: NexusReply;
  batch: RawBatch;
  chatEnded: boolean;
}

/**
 * The reader of one session's messages (`wire-nexus-v3.md` §6.2, §7): `GET messages` with
 * `index`/`count`, images inlined as data URLs, the messages keyed by their raw index and ordered
 * as the server sent them (the index is opaque, never sorted on); a message without a usable index
 * is dropped with a warning.
 *
 * @example
 * const fetchPage = nexusPages(platform, call, requests, credentials);
 * fetchPage({ index: 0 }).subscribe(({ batch }) => …);
 */
export function nexusPages(platform: Platform, call: NexusCaller, requests: NexusRequests, credentials: NexusCredentials): (query: NexusMessagesQuery) => Observable<NexusPage> {
  const fetchImage = (url: string, mime: string | undefined): Observable<string | undefined> => {
    const request = requests.image(credentials, url);
    if (!request) return of(undefined);
    return platform.http(request).pipe(
      switchMap((response) => (response.status >= 200 && response.status < 300 && response.blob ? blobToDataUrl(response.blob, mime) : of(undefined))),
    );
  };

  const toBatch = (messages: readonly NexusMessage[]): RawBatch => {
    const now = platform.now();
    const items: RawItem[] = [];
    for (const raw of messages) {
      const key = nexusIndexKey(raw.index);
      const message = key === undefined ? undefined : normalizeNexusMessage(raw, now);
      if (key === undefined || !message) {
        platform.logger.warn('[webchat-rx nexus-v3] message without a usable index dropped', raw.type);
        continue;
      }
      items.push({ key, order: items.length, message, raw });
    }
    return { items };
  };

  return (query) =>
    call(requests.messages(credentials, query)).pipe(
      switchMap((reply) => {
        const data = reply.verdict === 'ok' ? (reply.body.data as { messages?: unknown; chatEnded?: unknown } | undefined) : undefined;
        // Only object entries are messages: a server's `[null, 3]` must not throw further down (issue 6).
        const messages = Array.isArray(data?.messages) ? (data.messages.filter(isRecord) as NexusMessage[]) : [];
        return inlineNexusImages(messages, fetchImage).pipe(map((inlined) => ({ reply, batch: toBatch(inlined), chatEnded: isTruthyFlag(data?.chatEnded) })));
      }),
    );
}

/** The server's spellings of a true flag (`chatEnded`, §6.3). */
export function isTruthyFlag(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || value === 'true';
}
