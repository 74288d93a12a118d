import type { Observable, Subject } from 'rxjs';
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
 * whatever its HTTP status, is also pushed to `responses$` as `{body, verdict}` — the service
 * publishes `ajaxResponse` from it. A status-0 failure is no response (the poll's `health` signal
 * reports it).
 *
 * @example
 * const call = nexusCall(platform, responses$);
 * call(requests.send(session, 'Text', 'Hi')).subscribe(({ verdict, body }) => …);
 *
 * @param platform The platform's `http`.
 * @param responses$ The transport's `responses$` subject.
 */
export function nexusCall(platform: Platform, responses$: Subject<{ body: Record<string, unknown>; verdict: Verdict }>): NexusCaller {
  return classifiedCall(platform.http, classifyNexusResponse, ({ response, body, verdict }) => response.status !== 0 && responses$.next({ body, verdict }));
}
