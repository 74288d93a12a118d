import { Observable, catchError, defaultIfEmpty, forkJoin, map, of, take } from 'rxjs';
import type { NexusContent, NexusMessage } from './nexusWire';

/**
 * Emits `messages` with every image `content[].url` replaced by the `data:` URL `fetchImage` gives
 * (`wire-nexus-v3.md` §6.7), then completes. An image that cannot be fetched keeps its original url
 * (product rule). Without images it emits synchronously, so a poll's batch is not delayed.
 *
 * @example
 * inlineNexusImages(reply.data.messages, (url, mime) => fetchAsDataUrl(url, mime))
 *
 * @param messages The messages of one reply (not mutated: changed ones are copied).
 * @param fetchImage Fetches one image and emits its `data:` URL, or `undefined` when it cannot.
 */
export function inlineNexusImages(
  messages: readonly NexusMessage[],
  fetchImage: (url: string, mime: string | undefined) => Observable<string | undefined>,
): Observable<NexusMessage[]> {
  const jobs = messages.map((message) => {
    if (!Array.isArray(message.content) || !message.content.some(isFetchable)) return of(message);
    return forkJoin(message.content.map((part) => inlinePart(part, fetchImage))).pipe(map((content) => ({ ...message, content })));
  });
  return jobs.length === 0 ? of([]) : forkJoin(jobs);
}

function inlinePart(
  part: NexusContent,
  fetchImage: (url: string, mime: string | undefined) => Observable<string | undefined>,
): Observable<NexusContent> {
  if (!isFetchable(part)) return of(part);
  const url = part.url as string;
  return fetchImage(url, part.mime).pipe(
    take(1),
    defaultIfEmpty(undefined),
    map((dataUrl) => (dataUrl ? { ...part, url: dataUrl } : part)),
    catchError(() => of(part)),
  );
}

function isFetchable(part: NexusContent): boolean {
  return typeof part === 'object' && part !== null && part.type === 'image' && typeof part.url === 'string' && !part.url.startsWith('data:');
}
