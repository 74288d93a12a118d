import { Observable, concatMap, finalize, of, take, tap } from 'rxjs';
import type { ResolvedConfig } from '../../model/config';
import type { HttpRequest, Platform } from '../../platform/platform';
import type { CloudReply } from './cloudCall';
import type { CloudIdentity, CloudKeys } from './cloudKeys';
import type { CloudRequests } from './cloudRequests';
import type { HeldConnection } from './heldConnection';
import type { ResponseGate } from './responseGate';

/** What the start and the restore of one Cloud transport share. */
export interface CloudContext {
  config: ResolvedConfig;
  platform: Platform;
  keys: CloudKeys;
  requests: CloudRequests;
  call: (request: HttpRequest) => Observable<CloudReply>;
  gate: ResponseGate;
  /** The event stream of one conversation, opened now and held for the session. */
  connect(identity: CloudIdentity): HeldConnection;
}

/** The failure of a start or restore whose first socket connect failed (§6 step 6). */
export const socketFailure = { status: 0, statusText: 'error', responseText: 'The chat event stream could not be opened.' };

/**
 * Waits for the held connection's first signal: `open` goes on with `then`, a failed first connect
 * gives `failed()` (§6 step 6: a socket error before the session is active fails the start or
 * restore). The connection is closed unless the value that comes out `keeps` it (a session now
 * owns it) — also when unsubscribed before that.
 *
 * @example
 * whenOpen(connection, () => of(started), () => failed, (outcome) => outcome.ok)
 */
export function whenOpen<T>(connection: HeldConnection, then: () => Observable<T>, failed: () => T, keeps: (value: T) => boolean): Observable<T> {
  let kept = false;
  return connection.first.pipe(
    concatMap((signal) => (signal.type === 'open' ? then() : of(failed()))),
    take(1),
    tap((value) => (kept = keeps(value))),
    finalize(() => {
      if (!kept) connection.close();
    }),
  );
}
