import type { ErrorEventData } from '../../model/results';
import { nexusErrorCode } from './classifyNexusResponse';

/**
 * The `error` event payload of a Nexus server error (`contract.md` §4, `wire-nexus-v3.md` §9):
 * `{errors: [{code: 'pureengage-v3-rest-' + status.code, text: status.message, response}]}`.
 *
 * @example
 * nexusError({ status: { code: 'INVALID_SESSION', message: 'Session not found' } })
 * // { errors: [{ code: 'pureengage-v3-rest-INVALID_SESSION', text: 'Session not found', response: {…} }] }
 *
 * @param response The parsed reply body (or the failure object when there is no envelope).
 * @param fallbackCode The code to report when the body carries none (e.g. a bare HTTP 404).
 */
export function nexusError(response: unknown, fallbackCode = 'UNKNOWN'): ErrorEventData {
  const code = nexusErrorCode(response) ?? fallbackCode;
  const status = typeof response === 'object' && response !== null ? (response as { status?: unknown }).status : undefined;
  const message = typeof status === 'object' && status !== null ? (status as { message?: unknown }).message : undefined;
  return { errors: [{ code: `pureengage-v3-rest-${code}`, text: typeof message === 'string' ? message : '', response }] };
}
