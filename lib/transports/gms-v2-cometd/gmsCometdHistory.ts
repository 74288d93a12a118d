import { ReplaySubject, concatMap, defer, map, of, take, timeout, catchError } from 'rxjs';
import { gmsBatch } from '../gms-v2/gmsBatch';
import { gmsMessagesOf } from '../gms-v2/gmsMessagesOf';
import type { GmsEnvelope, GmsIdentity } from '../gms-v2/gmsWire';
import type { Outcome, RawBatch, TransportSession } from '../transport';
import type { GmsCometdContext } from './createGmsCometdSession';
import type { GmsCometdLink } from './gmsCometdLink';

/** The older pages of an async CometD chat (`contract.md` §6.18, §14.5). */
export interface GmsCometdHistory {
  /** Whether a pushed envelope is the answer to the pending page request (then it is that page, and nothing else). */
  claims(envelope: GmsEnvelope): boolean;
  fetch: NonNullable<TransportSession['fetchHistory']>;
}

/**
 * `fetchHistory` over CometD: `requestNotifications` from `maxMessagePageSize` before the oldest
 * index seen; the next push that carries an index below it is the page (its messages from there on
 * are already delivered), published with `oldMessages`. Nothing older than index 1 ⇒ `end`.
 *
 * @example
 * const history = gmsCometdHistory(context, link, id, 21); history.fetch().subscribe(…);
 *
 * @param context The transport's shared parts. @param link The chat's connection.
 * @param id The chat's identity. @param lowestIndex The oldest index delivered so far.
 */
export function gmsCometdHistory(context: GmsCometdContext, link: GmsCometdLink, id: GmsIdentity, lowestIndex: number): GmsCometdHistory {
  const { config, platform, settings, requests } = context;
  let lowest = lowestIndex;
  let pending: { from: number; page$: ReplaySubject<GmsEnvelope> } | undefined;
  return {
    claims: (envelope) => {
      if (!pending) return false;
      const older = gmsMessagesOf(envelope).some((m) => typeof m.index === 'number' && m.index < lowest);
      if (!older && envelope.statusCode !== 1) return false;
      pending.page$.next(envelope);
      return true;
    },
    fetch: () =>
      defer(() => {
        if (lowest <= 1) return of<Outcome<{ end: true }>>({ ok: true, verdict: 'ok', body: { end: true } });
        const from = Math.max(1, lowest - settings.maxMessagePageSize);
        const page$ = new ReplaySubject<GmsEnvelope>(1);
        pending = { from, page$ };
        const answer$ = page$.pipe(
          take(1),
          map((envelope): Outcome<{ batch: RawBatch; response: Record<string, unknown> }> => {
            const messages = gmsMessagesOf(envelope).filter((m) => typeof m.index === 'number' && m.index >= from && m.index < lowest);
            if (messages.length === 0) return { ok: false, verdict: 'serverBusy', failure: { statusCode: envelope.statusCode ?? 1 } };
            lowest = from;
            return { ok: true, verdict: 'ok', body: { batch: { ...gmsBatch(messages, false, undefined), oldMessages: true }, response: { statusCode: 0 } } };
          }),
          timeout({ first: config.ajaxTimeout, scheduler: platform.scheduler }),
          catchError(() => of<Outcome<never>>({ ok: false, verdict: 'networkDown', failure: { status: 0, statusText: 'timeout' } })),
        );
        return link.publish(requests.operation(id, 'requestNotifications', { transcriptPosition: from })).pipe(
          concatMap((sent) => (sent.ok ? answer$ : of(sent))),
          map((outcome) => {
            pending = undefined;
            return outcome;
          }),
        );
      }),
  };
}
