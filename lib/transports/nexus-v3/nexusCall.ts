import type { Observable } from 'rxjs';
import type { HttpRequest, Platform } from '../../platform/platform';
import type { Verdict } from '../transport';
import { classifiedCall } from '../shared/classifiedCall';
import type { TransportReply } from '../shared/classifiedCall';
import { classifyNexusResponse } from './classifyNexusResponse';
import type { NexusCallKind } from './classifyNexusResponse';

/** One completed Nexus request: the raw response, its parsed body (`{}` when none) and its verdict. */
export type NexusReply = TransportReply;

/** Sends one request; see {@link nexusCall}. */
export type NexusCaller = (request: HttpRequest, kind?: NexusCallKind) => Observable<NexusReply>;

/**
 * The one way the Nexus transport talks to the server: each call emits exactly one
 * {@link NexusReply} and completes (never errors; unsubscribing aborts), and every answered reply,
 * whatever its HTTP status, is also handed to `report` as `{body, verdict}` (the transport's
 * `answeredResponses`: `ajaxResponse` and the `response` health signal). A status-0 failure is no response (the poll's `health` signal
 * reports it).
 *
 * @example
 * const call = nexusCall(platform, answered.report);
 * call(requests.send(session, 'Text', 'Hi')).subscribe(({ verdict, body }) => …);
 *
 * @param platform The platform's `http`.
 * @param report Called with every answered reply, before the caller sees it.
 */
export function nexusCall(platform: Platform, report: (response: { body: Record<string, unknown>; verdict: Verdict }) => void): NexusCaller {
  return classifiedCall(platform.http, classifyNexusResponse, ({ response, body, verdict }) => response.status !== 0 && report({ body, verdict }));
}
