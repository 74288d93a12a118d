import { Subject, map } from 'rxjs';
import type { Observable } from 'rxjs';
import type { ReceiveSignal, Verdict } from '../transport';

/** A transport's answered requests, split for their two readers. */
export interface AnsweredResponses {
  /** Every answered request (any HTTP status, not status 0), polls included, in order. */
  report(response: { body: Record<string, unknown>; verdict: Verdict }): void;
  /** The bodies: `Transport.responses$`, the service's `ajaxResponse`. */
  responses$: Observable<Record<string, unknown>>;
  /** The verdicts as `response` signals, for the receive stream of the running session. */
  signals$: Observable<ReceiveSignal>;
}

/**
 * The health a polled transport reads from its requests (`contract.md` §13.2): each answered
 * request's verdict goes out on the session's receive stream as a `response` signal, which ends a
 * `disconnected` episode when `ok` and never counts toward `pollExceptionLimit`. The body reaches
 * `responses$` first: a subscriber of `responses$` (the service, from its start) hears each answer
 * before the session's receive does, so `ajaxResponse` precedes the `reconnected` it causes.
 *
 * @example
 * const answered = answeredResponses(withoutClientToken);
 * const call = nexusCall(platform, answered.report);  // sessions: merge(events$, answered.signals$)
 *
 * @param clean What `ajaxResponse` may show of a body (a session secret stays out, issue 6).
 */
export function answeredResponses(clean: (body: Record<string, unknown>) => Record<string, unknown> = (body) => body): AnsweredResponses {
  const answered$ = new Subject<{ body: Record<string, unknown>; verdict: Verdict }>();
  return {
    report: (response) => answered$.next(response),
    responses$: answered$.pipe(map((response) => clean(response.body))),
    signals$: answered$.pipe(map(({ verdict }): ReceiveSignal => ({ type: 'response', verdict }))),
  };
}
