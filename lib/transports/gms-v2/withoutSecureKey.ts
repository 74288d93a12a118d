import { isRecord } from '../shared/isRecord';

/** `"secureKey": "…` in a body that is not JSON any more (a truncated envelope): the value up to its quote or the end. */
const secureKeyInText = /("secureKey"\s*:\s*")[^"]*/g;

/**
 * A copy of a GMS failure without the session secret: the envelope echoes `secureKey` on every
 * response (`wire-gms-v2.md` §3), and failures travel into rejections, `error` events and
 * integrators' logs, where a secret must never be (issue 6 "Secrets"). Only `started` and
 * `getSessionData` hand the secret out (`contract.md` §6.16, §8.3). The key goes from the failure,
 * from its `responseJSON`, and from a `responseText` that is a cut-off envelope.
 *
 * @example
 * withoutSecureKey({ statusCode: 2, secureKey: 'K1', errors: [{ code: 204 }] }); // { statusCode: 2, errors: [{ code: 204 }] }
 * withoutSecureKey({ status: 200, responseText: '{"secureKey":"K1","ali' }); // { status: 200, responseText: '{"secureKey":"[redacted]","ali' }
 *
 * @param failure A failure object (a ServerFailure envelope or an AjaxFailure).
 */
export function withoutSecureKey<T extends object>(failure: T): T {
  const source = failure as Record<string, unknown>;
  const text = typeof source.responseText === 'string' ? source.responseText : undefined;
  const textLeaks = text !== undefined && secureKeyInText.test(text);
  secureKeyInText.lastIndex = 0;
  if (!('secureKey' in source) && !hasSecureKey(source.responseJSON) && !textLeaks) return failure;
  const { secureKey: _secret, ...rest } = source;
  if (hasSecureKey(rest.responseJSON)) {
    const { secureKey: _echoed, ...body } = rest.responseJSON;
    rest.responseJSON = body;
  }
  if (textLeaks) rest.responseText = text.replace(secureKeyInText, '$1[redacted]');
  return rest as unknown as T;
}

function hasSecureKey(value: unknown): value is Record<string, unknown> & { secureKey: unknown } {
  return isRecord(value) && 'secureKey' in value;
}
