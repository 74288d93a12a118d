import { randomUUID } from 'node:crypto';

/** The guest API's ErrorBody (wire-purecloud-v2 §4). */
export interface ErrorBody {
  message: string;
  code: string;
  status: number;
  contextId: string;
  details: unknown[];
  errors: unknown[];
}

/** The codes the playground answers with. */
const DEFAULT_CODES: Record<number, string> = {
  400: 'bad.request',
  401: 'bad.credentials',
  403: 'not.authorized',
  404: 'not.found',
  408: 'request.timeout',
  409: 'conflict',
  413: 'request.entity.too.large',
  415: 'unsupported.media.type',
  429: 'too.many.requests.retry.after',
  500: 'internal.server.error',
  502: 'bad.gateway',
  503: 'service.unavailable',
  504: 'gateway.timeout',
};

/**
 * An ErrorBody as the guest API answers it (§4): `contextId` is also sent as the
 * `inin-correlation-id` header by the caller.
 *
 * @example
 * cloudErrorBody(404); // { status: 404, code: 'not.found', message: 'The requested operation failed with status 404', contextId, details: [], errors: [] }
 * cloudErrorBody(429, { retryAfter: 42 }); // message 'Rate limit exceeded the maximum. Retry the request in [42] seconds'
 *
 * @param status The HTTP status.
 * @param options A specific `code`/`message`, or the `Retry-After` seconds of a 429.
 */
export function cloudErrorBody(status: number, options: { code?: string; message?: string; retryAfter?: number } = {}): ErrorBody {
  const message =
    options.message ??
    (status === 429
      ? `Rate limit exceeded the maximum. Retry the request in [${options.retryAfter ?? 1}] seconds`
      : `The requested operation failed with status ${status}`);
  return { message, code: options.code ?? DEFAULT_CODES[status] ?? 'error', status, contextId: randomUUID(), details: [], errors: [] };
}
