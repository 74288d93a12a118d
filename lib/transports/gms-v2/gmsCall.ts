import { Observable, map, take } from 'rxjs';
import type { HttpRequest, Platform } from '../../platform/platform';
import type { Outcome, Verdict } from '../transport';
import { isRecord } from '../shared/isRecord';
import { classifyGmsResponse } from './classifyGmsResponse';
import type { GmsEnvelope } from './gmsWire';
import { withoutSecureKey } from './withoutSecureKey';

/** Sends one GMS request; see {@link gmsCall}. `refresh` classifies as a refresh (error 204 ignored, §8.2). */
export type GmsCaller = (request: HttpRequest, options?: { refresh?: boolean }) => Observable<Outcome<GmsEnvelope>>;

/**
 * The one way the GMS transport talks to the server: one request, classified by
 * {@link classifyGmsResponse}; every answered response also goes to `responses$` (the
 * `ajaxResponse` event) without `secureKey`. Emits one outcome and completes; never errors.
 *
 * @example
 * const call = gmsCall(platform, responses$);
 * call(requests.refresh(id, 1, ''), { refresh: true }).subscribe((outcome) => …);
 *
 * @param platform The platform's `http` and clock.
 * @param report Called with every answered response, before the caller sees it.
 */
export function gmsCall(platform: Platform, report: (response: { body: Record<string, unknown>; verdict: Verdict }) => void): GmsCaller {
  return (request, options = {}) =>
    platform.http(request).pipe(
      take(1),
      map((response) => {
        const outcome = classifyGmsResponse(response, platform.now(), options);
        // `ajaxResponse` is published to every listener (bus: publishDirect): the secret stays out (issue 6).
        if (response.status !== 0) report({ body: isRecord(response.json) ? withoutSecureKey(response.json) : {}, verdict: outcome.verdict });
        return outcome;
      }),
    );
}
