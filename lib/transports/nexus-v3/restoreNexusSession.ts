import { Observable, defer, map, of, switchMap } from 'rxjs';
import { restoreExpired } from '../../operators/restoreExpired';
import type { Outcome, RawBatch, RestoreOutcome } from '../transport';
import { createNexusSession } from './createNexusSession';
import type { NexusPage, NexusSession, NexusSessionContext } from './createNexusSession';
import { createSessionFields } from './createSessionFields';
import { decodeClientToken } from './decodeClientToken';
import { nexusError } from './nexusError';
import { nexusOutcome } from './nexusOutcome';

/** §14.3 step 3: sync restore replays the whole transcript. */
const wholeTranscript = 10000;

/**
 * Emits the outcome of a Nexus restore, then completes.
 *
 * Sync mode (`wire-nexus-v3.md` §11.1): the persisted token (or `options.sessionData`), the
 * `restoreTimeout` check on `…ping`, then `GET messages?count=10000`, replayed with
 * `restoring: true`. `INVALID_SESSION`/404 ⇒ keys cleared, `failed` (no `sessionLost`: nothing was
 * active yet); a network/HTTP failure ⇒ `failed`, keys kept.
 *
 * Async mode (§11.2, `contract.md` §14.5): the token from `setSessionData` (or
 * `options.sessionData`), a create POST with `x-nexus-client-key: <token>` for a fresh
 * `clientToken`, then `GET messages?count=<maxMessagePageSize>`; `restored {async: true}`.
 * 401/404/`INVALID_SESSION` ⇒ `deleteSessionData`, `failed` with `sessionLost`. No `restoreTimeout`.
 *
 * A replay whose reply says `chatEnded` ⇒ keys cleared, `timeout` (UNCONFIRMED: the contract only
 * says so for gms).
 *
 * @example
 * restoreNexusSession(context, { async: true }).subscribe((outcome) => …); // { kind: 'restored', async: true, session, batch }
 *
 * @param context The transport's shared session context.
 * @param options The `restore` command's options.
 */
export function restoreNexusSession(context: NexusSessionContext, options: { sessionData?: string }): Observable<RestoreOutcome> {
  return context.asyncStorage ? asyncRestore(context, options) : syncRestore(context, options);
}

function syncRestore(context: NexusSessionContext, options: { sessionData?: string }): Observable<RestoreOutcome> {
  const { config, platform, keys } = context;
  return defer(() => {
    const stored = keys?.read();
    const token = options.sessionData ?? stored?.token ?? undefined;
    if (!token) return of<RestoreOutcome>({ kind: 'none' });
    const ids = decodeClientToken(token);
    if (!ids) {
      keys?.clear();
      return of<RestoreOutcome>({ kind: 'none' });
    }
    if (!options.sessionData && restoreExpired(stored?.ping, platform.now(), config.restoreTimeout)) {
      keys?.clear();
      return of<RestoreOutcome>({ kind: 'timeout' });
    }
    const session = createNexusSession(context, { ...ids, token }, true);
    return session.fetchPage({ count: wholeTranscript }).pipe(
      map((page) => {
        if (page.reply.verdict === 'sessionLost') keys?.clear();
        else if (page.reply.verdict === 'ok') keys?.saveSession(ids.sessionId, token, platform.now());
        return replay(context, session, page, false);
      }),
    );
  });
}

function asyncRestore(context: NexusSessionContext, options: { sessionData?: string }): Observable<RestoreOutcome> {
  const { config, platform, call, requests, asyncStorage } = context;
  return defer(() => (options.sessionData ? of(options.sessionData) : asyncStorage!.read())).pipe(
    switchMap((stored) => {
      if (!stored) return of<RestoreOutcome>({ kind: 'none' });
      return call(requests.create(createSessionFields(config), stored), 'resume').pipe(
        switchMap((reply): Observable<RestoreOutcome> => {
          if (reply.verdict === 'sessionLost') {
            asyncStorage!.remove({ sessionData: { ...decodeClientToken(stored), token: stored }, response: reply.body });
            return of(lostOutcome(reply.body, nexusOutcome(reply, platform.now())));
          }
          const outcome = nexusOutcome(reply, platform.now());
          if (!outcome.ok) return of<RestoreOutcome>({ kind: 'failed', failure: asRecord(outcome.failure) });
          const token = (reply.body.data as { clientToken?: unknown } | undefined)?.clientToken;
          const ids = decodeClientToken(token);
          if (typeof token !== 'string' || !ids) return of<RestoreOutcome>({ kind: 'failed', failure: reply.body });
          const session = createNexusSession(context, { ...ids, token }, true);
          return session
            .fetchPage({ count: config.transport.maxMessagePageSize })
            .pipe(map((page) => replay(context, session, page, true)));
        }),
      );
    }),
  );
}

/** The restore outcome of the replay page. */
function replay(context: NexusSessionContext, session: NexusSession, page: NexusPage, async: boolean): RestoreOutcome {
  const outcome = nexusOutcome(page.reply, context.platform.now());
  if (page.reply.verdict === 'sessionLost' && async) {
    session.lose(page.reply);
    return lostOutcome(page.reply.body, outcome);
  }
  if (!outcome.ok) return { kind: 'failed', failure: asRecord(outcome.failure) };
  if (page.chatEnded) {
    session.forget();
    return { kind: 'timeout' };
  }
  session.persist();
  const batch: RawBatch = {
    items: page.batch.items.map((item) => ({ ...item, message: { ...item.message, restoring: true } })),
    restoring: true,
  };
  return { kind: 'restored', session, batch, async };
}

/** §14.5: a lost async session fails the restore and is published as `sessionLost` + `error`. */
function lostOutcome(response: Record<string, unknown>, outcome: Outcome): RestoreOutcome {
  return {
    kind: 'failed',
    failure: outcome.ok ? {} : asRecord(outcome.failure),
    sessionLost: { response, error: nexusError(response, 'INVALID_SESSION') },
  };
}

/** An AjaxFailure is a plain object too; `RestoreOutcome` wants the record type. */
function asRecord(failure: object): Record<string, unknown> {
  return failure as Record<string, unknown>;
}
