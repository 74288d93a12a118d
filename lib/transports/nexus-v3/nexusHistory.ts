import { Observable, defer, map, of } from 'rxjs';
import type { ResolvedConfig } from '../../model/config';
import type { Platform } from '../../platform/platform';
import type { Outcome, RawBatch, TransportSession } from '../transport';
import type { NexusCursor } from './nexusCursor';
import { nexusOutcome } from './nexusOutcome';
import type { NexusPage } from './nexusPages';
import type { NexusMessagesQuery } from './nexusRequests';

/** What `fetchHistory` needs from its session. */
export interface NexusHistoryDeps {
  config: ResolvedConfig;
  platform: Platform;
  cursor: NexusCursor;
  /** A read of the session's own, polling paused around it (§11.3). */
  readAlone(query: NexusMessagesQuery): Observable<NexusPage>;
  /** A loss the page reported (INVALID_SESSION / 404). */
  lost(page: NexusPage): void;
  /** Moves the cursor over a delivered batch. */
  track(batch: RawBatch): void;
}

/**
 * `fetchHistory` on Nexus (contract §6.18, `wire-nexus-v3.md` §11.3): the page of
 * `maxMessagePageSize` ending at the oldest index seen, what the server put before it as an
 * `oldMessages` batch, or `{end: true}` when nothing older exists.
 *
 * @example
 * fetchHistory: nexusHistory({ config, platform, cursor, readAlone, lost, track })
 */
export function nexusHistory(deps: NexusHistoryDeps): NonNullable<TransportSession['fetchHistory']> {
  const { config, platform, cursor } = deps;
  const end = (): Outcome<{ end: true }> => ({ ok: true, body: { end: true }, verdict: 'ok' });
  return () =>
    defer(() => {
      const boundary = cursor.oldest;
      if (!boundary) return of(end());
      return deps.readAlone({ index: boundary.raw, count: config.transport.maxMessagePageSize }).pipe(
        map((page) => {
          if (page.reply.verdict === 'sessionLost') deps.lost(page);
          const outcome = nexusOutcome(page.reply, platform.now());
          if (!outcome.ok) return outcome;
          // The page ends at the boundary inclusive: keep what the server put before it.
          const older = cursor.olderThan(boundary, page.batch.items);
          if (older.length === 0) return end();
          const batch: RawBatch = { items: older, oldMessages: true };
          deps.track(batch);
          return { ok: true as const, body: { batch, response: page.reply.body }, verdict: 'ok' as const };
        }),
      );
    });
}
