import type { ChatForm } from '../../model/commands';
import type { ResolvedConfig } from '../../model/config';
import type { FormField } from '../../platform/platform';
import { bracketFields } from './bracketFields';

/** Form keys the create request maps to fields of their own (`wire-nexus-v3.md` §6.1). */
const mappedFormKeys = new Set(['firstname', 'lastname', 'nickname']);

/**
 * The `data[...]` fields of the create / resume request (`wire-nexus-v3.md` §6.1), without
 * `operationId`: names from the form, `endpoint`/`stream`/`clientType` from `transport`, the other
 * form keys as-is, and the merged userData under `data[userData]` (`phone` renamed `PhoneNumber`).
 *
 * @example
 * createSessionFields(config, { firstname: 'Jane' }, { _genesys_source: 'web' })
 * // [['data[firstName]','Jane'], ['data[nickname]','Jane'], ['data[endpoint]','EP'], …, ['data[userData][_genesys_source]','web']]
 *
 * @param config The resolved configuration (`transport.endpoint`, `stream`, `clientType`).
 * @param form The start form (absent on an async resume: only the transport fields are sent).
 * @param userData The merged userData of the start (`contract.md` §6.2).
 */
export function createSessionFields(config: ResolvedConfig, form: ChatForm = {}, userData: Record<string, unknown> = {}): FormField[] {
  const { endpoint, stream, clientType } = config.transport;
  const nickname = nonEmpty(form.nickname) ?? nonEmpty(form.firstname);
  const named: Array<[string, unknown]> = [
    ['firstName', form.firstname],
    ['lastName', form.lastname],
    ['nickname', nickname],
    ['endpoint', endpoint],
    ['stream', stream],
    ['clientType', clientType],
  ];
  const custom = Object.entries(form).filter(([key]) => !mappedFormKeys.has(key) && !named.some(([n]) => n === key));
  const renamed = Object.fromEntries(Object.entries(userData).map(([key, value]) => [key === 'phone' ? 'PhoneNumber' : key, value]));
  return [
    ...[...named, ...custom].flatMap(([key, value]) => (value === undefined || value === '' ? [] : bracketFields(`data[${key}]`, value))),
    ...bracketFields('data[userData]', renamed),
  ];
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
