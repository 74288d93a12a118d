import { Observable, map } from 'rxjs';
import type { HttpRequest, Platform } from '../../platform/platform';
import { classifiedCall } from '../shared/classifiedCall';
import type { Outcome, Verdict } from '../transport';
import { classifyGmsResponse } from './classifyGmsResponse';
import { gmsOutcome } from './gmsOutcome';
import type { GmsEnvelope } from './gmsWire';
import { withoutSecureKey } from './withoutSecureKey';

/** Sends one GMS request; see {@link gmsCall}. `refresh` classifies as a refresh (error 204 ignored, §8.2). */
export type GmsCaller = (request: HttpRequest, options?: { refresh?: boolean }) => Observable<Outcome<GmsEnvelope>>;

/**
 * The one way the GMS transport talks to the server: the shared {@link classifiedCall} with
 * {@link classifyGmsResponse}'s verdict and {@link gmsOutcome}; every answered response also goes to `report` (the
 * `ajaxResponse` event) without `secureKey`. Emits the classified outcome (GMS failures carry the
 * envelope, without the secret) and completes; never errors.
 *
 * @example
 * const call = gmsCall(platform, (response) => responses$.next(response));
 * call(requests.refresh(id, 1, ''), { refresh: true }).subscribe((outcome) => …);
 *
 * @param platform The platform's `http` and clock.
 * @param report Called with every answered response, before the caller sees it.
 */
export function gmsCall(platform: Platform, report: (response: { body: Record<string, unknown>; verdict: Verdict }) => void): GmsCaller {
  const call = classifiedCall(
    platform.http,
    (response, refresh?: boolean) => classifyGmsResponse(response, { refresh }),
    // `ajaxResponse` is published to every listener (bus: publishDirect): the secret stays out (issue 6).
    ({ response, body, verdict }) => response.status !== 0 && report({ body: withoutSecureKey(body), verdict }),
  );
  return (request, options = {}) => call(request, options.refresh).pipe(map((reply) => gmsOutcome(reply.response, reply.verdict, platform.now())));
}
