/**
 * Whether a persisted session is too old to restore (`contract.md` §14.3 step 2): true when the
 * last server contact `ping` exists and `now − ping ≥ restoreTimeout`.
 *
 * A missing (or unreadable) ping does not expire the session: the shipped client goes on to ask
 * the server, which has the last word.
 *
 * @example
 * restoreExpired(1_000, 61_000, 60_000); // true
 * restoreExpired(null, 61_000, 60_000);  // false
 *
 * @param ping Epoch ms of the last server contact, as persisted (`…state.ping`).
 * @param now The platform's `now()`.
 * @param restoreTimeout `restoreTimeout` (60000).
 */
export function restoreExpired(ping: number | null | undefined, now: number, restoreTimeout: number): boolean {
  if (typeof ping !== 'number' || !Number.isFinite(ping)) return false;
  return now - ping >= restoreTimeout;
}
