import type { ErrorEventData } from '../../model/results';

/**
 * The payloads of the `error` event on this transport (`contract.md` §4, `wire-purecloud-v2.md` §4):
 * `{errors: [{code, response}]}`, with the code naming what failed.
 */
export const cloudErrors = {
  /** An HTTP error of the guest API: `purecloud-v2-sockets-<status>` (localized keys exist for 400, 500, 503). */
  http(status: number, response: unknown): ErrorEventData {
    return { errors: [{ code: `purecloud-v2-sockets-${status}`, response }] };
  },
  /** The create request or the first socket open failed. */
  startFailed(response: unknown): ErrorEventData {
    return { errors: [{ code: 'StartFailed', response }] };
  },
  /** A message could not be sent (HTTP error, or the event stream is reconnecting). */
  messageFailed(response: unknown): ErrorEventData {
    return { errors: [{ code: 'MessageFailed', response }] };
  },
} as const;
