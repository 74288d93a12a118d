import { Observable, catchError, defer, endWith, ignoreElements, map, merge, of, take, tap } from 'rxjs';
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
  return inParallel(messages, (message) => {
    if (!Array.isArray(message.content) || !message.content.some(isFetchable)) return of(message);
    return inParallel(message.content, (part) => inlinePart(part, fetchImage)).pipe(map((content) => ({ ...message, content })));
  });
}

/**
 * Emits `items` once, each replaced by the one value `job(item)` emits (kept as it was when the job
 * emits none), when every job has completed; the jobs run at the same time. (`forkJoin` does this too, but its argument handling would add a
 * third of a kilobyte to the IIFE for this one use.)
 */
function inParallel<T>(items: readonly T[], job: (item: T) => Observable<T>): Observable<T[]> {
  return defer(() => {
    const result = items.slice();
    return merge(...items.map((item, i) => job(item).pipe(tap((value) => (result[i] = value))))).pipe(ignoreElements(), endWith(result));
  });
}

function inlinePart(
  part: NexusContent,
  fetchImage: (url: string, mime: string | undefined) => Observable<string | undefined>,
): Observable<NexusContent> {
  if (!isFetchable(part)) return of(part);
  const url = part.url as string;
  return fetchImage(url, part.mime).pipe(
    // A fetch that completes empty leaves the part as it was: inParallel keeps the original.
    take(1),
    map((dataUrl) => (dataUrl ? { ...part, url: dataUrl } : part)),
    catchError(() => of(part)),
  );
}

function isFetchable(part: NexusContent): boolean {
  return typeof part === 'object' && part !== null && part.type === 'image' && typeof part.url === 'string' && !part.url.startsWith('data:');
}
