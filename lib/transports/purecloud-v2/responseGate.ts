import type { Verdict } from '../transport';
import type { CloudReply } from './cloudCall';

/** What `Transport.responses$` carries. */
export interface ReportedResponse {
  body: Record<string, unknown>;
  verdict: Verdict;
}

/** The link state of the session and the door of `responses$`. */
export interface ResponseGate {
  /** Hands a completed response to `responses$`, or holds it while the event stream is down. */
  report(reply: CloudReply): void;
  /** The event stream was lost: hold responses, refuse sends. */
  down(): void;
  /** The event stream is back and caught up: release the held responses in order. */
  up(): void;
  /** A new session: open, and forget what an earlier session left held. */
  reset(): void;
  isDown(): boolean;
}

/**
 * Decides when a REST response may reach `responses$`. The service turns an `ok` response into
 * `reconnected` (`contract.md` §13.2); on the cloud transport the connection that matters is the
 * event stream, and `reconnected` must wait until the missed messages are caught up
 * (`wire-purecloud-v2.md` §6). So while the stream is down, responses are held, and released when
 * it is back. Network failures (status 0) are not responses and are never reported (as on gms).
 *
 * @example
 * const gate = responseGate((response) => responses$.next(response));
 * const call = cloudCall(platform.http, gate.report);
 *
 * @param emit Where released responses go.
 */
export function responseGate(emit: (response: ReportedResponse) => void): ResponseGate {
  let down = false;
  const held: ReportedResponse[] = [];
  return {
    report(reply) {
      if (reply.response.status === 0) return;
      const response = { body: reply.body, verdict: reply.verdict };
      if (down) held.push(response);
      else emit(response);
    },
    down() {
      down = true;
    },
    up() {
      down = false;
      for (const response of held.splice(0)) emit(response);
    },
    reset() {
      down = false;
      held.length = 0;
    },
    isDown: () => down,
  };
}
