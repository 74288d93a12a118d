import { Observable, defer, of, switchMap, throwError } from 'rxjs';
import { backoff } from '../../operators/backoff';
import { retryAfterMs } from '../../platform/retryAfterMs';
import type { CloudSessionParts } from './cloudSessionParts';
import type { MessageQuery } from './cloudRequests';
import { fetchMessagePages } from './fetchMessagePages';
import type { MessagePages } from './fetchMessagePages';

/** The server's page size limit (§2.5). */
const maxPage = 100;

/**
 * Every message after `after` (all when `null`), following `next`; network and server failures are
 * read again with backoff from `socketReconnectInterval` (§13.4, honouring `Retry-After`),
 * `retries` times at most (then the failed pages are the error). A refusal or a loss is final.
 *
 * @example
 * const pagesAfter = cloudPagesAfter(parts);
 * pagesAfter(transcript.newestId(), 2).subscribe((pages) => …);
 */
export function cloudPagesAfter(parts: Pick<CloudSessionParts, 'config' | 'platform' | 'call' | 'requests' | 'identity'>): (after: string | null, retries?: number) => Observable<MessagePages> {
  const { config, platform, call, requests, identity } = parts;
  const reconnectBackoff = { base: config.transport.socketReconnectInterval, max: config.backoffMax, random: platform.random, scheduler: platform.scheduler };
  return (after, retries) => {
    const query: MessageQuery = { ...(after ? { after } : {}), sortOrder: 'ascending', maxResults: maxPage };
    return defer(() => fetchMessagePages(call, requests, identity, query, true)).pipe(
      switchMap((pages) => (pages.ok || pages.reply.verdict === 'sessionLost' || pages.reply.verdict === 'refused' ? of(pages) : throwError(() => pages))),
      backoff<MessagePages>({ ...reconnectBackoff, maxAttempts: retries, retryAfterMs: (error) => retryAfterOf(error as MessagePages, platform.now()) }),
    );
  };
}

function retryAfterOf(pages: MessagePages, now: number): number | undefined {
  return pages.ok ? undefined : retryAfterMs(pages.reply.response.headers, now);
}
