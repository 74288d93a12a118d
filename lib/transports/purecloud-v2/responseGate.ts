import type { CloudReply } from './cloudCall';

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
 * Decides when a REST response body may reach `responses$` (`ajaxResponse`). Cloud's health is its
 * event stream's alone (the session's receive emits it; a REST verdict never reaches the service):
 * while the stream is down, responses are held, and released once it is back and caught up
 * (`wire-purecloud-v2.md` §6), just before the receive stream's `health ok` (`reconnected`). So a
 * page hears what was answered during the outage after the missed messages, not in their middle.
 * Network failures (status 0) are not responses and are never reported (as on gms).
 *
 * @example
 * const gate = responseGate((body) => responses$.next(body));
 * const call = cloudCall(platform.http, gate.report);
 *
 * @param emit Where released responses go.
 */
export function responseGate(emit: (body: Record<string, unknown>) => void): ResponseGate {
  let down = false;
  const held: Array<Record<string, unknown>> = [];
  return {
    report(reply) {
      if (reply.response.status === 0) return;
      if (down) held.push(reply.body);
      else emit(reply.body);
    },
    down() {
      down = true;
    },
    up() {
      down = false;
      for (const body of held.splice(0)) emit(body);
    },
    reset() {
      down = false;
      held.length = 0;
    },
    isDown: () => down,
  };
}
