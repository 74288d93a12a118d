import type { MainConfig, ResolvedConfig, TransportId, WebChatConfig } from '../model/config';
import { Rejections } from '../model/rejections';
import type { Logger } from '../platform/platform';
import { transportConfigs } from '../transports/transportConfigs';
import type { CommonConfig, ConfigReader, RawTransportConfig } from '../transports/transportDescriptor';

/** The outcome of reading a page's config: the resolved config, or the contract's rejection text. */
export type ConfigResolution = { ok: true; config: ResolvedConfig } | { ok: false; rejection: string };

/** The answer to every malformed config (§2.5). */
const invalid: ConfigResolution = { ok: false, rejection: Rejections.config };

/**
 * The back end a page's config selects (`contract.md` top table: `transport.type`, GMS when absent),
 * or `undefined` for a type no transport answers to. Read before the service exists by a legacy
 * page that loads the transport's module on demand.
 */
export function transportIdOf(webchat: unknown): TransportId | undefined {
  const transport = isObject(webchat) && isObject(webchat.transport) ? webchat.transport : {};
  const type = transport.type === undefined || transport.type === '' ? '' : String(transport.type);
  return (Object.keys(transportConfigs) as TransportId[]).find((id) => transportConfigs[id]?.types.includes(type) && (transportConfigs[id]?.selects?.(webchat as Record<string, unknown>) ?? true));
}

/**
 * Applies the defaults, aliases and ranges of `contract.md` §2 and the validation of §2.5: the
 * common keys first, then the back end's own through its descriptor (`resolveConfig(raw, common)`).
 * A value of the wrong type or outside its range is replaced by the default and a warning is logged
 * (product rule); a missing required key rejects `Invalid configuration`.
 */
export function resolveConfig(input: unknown, main: MainConfig = {}, logger?: Logger): ConfigResolution {
  if (!isObject(input)) return invalid;
  const webchat = input as WebChatConfig & Record<string, unknown>;
  const transport = isObject(webchat.transport) ? webchat.transport : {};
  const transportId = transportIdOf(webchat);
  const rules = transportId && transportConfigs[transportId];
  if (!transportId || !rules) return invalid;
  const interactionData = isObject(transport.interactionData) ? transport.interactionData : {};
  const raw: RawTransportConfig = { webchat, transport, interactionData, read: configReader(webchat, transport, logger) };
  const common = resolveCommon(raw, main);
  const settings = rules.resolveConfig(raw, common);
  if ('rejection' in settings) return { ok: false, rejection: settings.rejection };
  const { maxMessagePageSize, ...own } = settings;
  return { ok: true, config: { transportId, ...common, ...own, transport: { ...common.transport, maxMessagePageSize } } };
}

/**
 * A {@link ConfigReader} over a page's config: a value of the wrong type or outside its range is
 * replaced by the default and a warning is logged (product rule). Timers take at most 2^31−1 ms; a
 * larger value would fire at once.
 */
export function configReader(webchat: Record<string, unknown>, transport: Record<string, unknown>, logger?: Logger): ConfigReader {
  const read = <T>(key: string, fallback: T, valid: (value: unknown) => boolean, value: unknown): T => {
    if (value === undefined) return fallback;
    if (valid(value)) return value as T;
    logger?.warn(`[WebChatService] invalid ${key}=${JSON.stringify(value)}, default used`);
    return fallback;
  };
  const at = (key: string): unknown => (key.startsWith('transport.') ? transport[key.slice(10)] : webchat[key]);
  return {
    number: (key, fallback, min = -Infinity, max = 2 ** 31 - 1, value = at(key)) =>
      read(key, fallback, (v) => typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max, value),
    boolean: (key, fallback, value = at(key)) => read(key, fallback, (v) => typeof v === 'boolean', value),
  };
}

/** The keys every back end shares (§2): what the service keeps for itself. */
function resolveCommon({ webchat, transport, interactionData, read }: RawTransportConfig, main: MainConfig): CommonConfig {
  const { number: num, boolean: bool } = read;
  const pollRateMin = num('pollRateMin', 500, 250);
  const maxMessageLength = num('maxMessageLength', Infinity, 1);
  return {
    webchat,
    main,
    enableUrlTrailingSlash: bool('enableUrlTrailingSlash', true),
    apikey: webchat.apikey === undefined || webchat.apikey === '' ? undefined : String(webchat.apikey),
    endpoint: typeof webchat.endpoint === 'string' ? webchat.endpoint : undefined,
    enableCustomHeader: bool('enableCustomHeader', false),
    userData: isObject(webchat.userData) ? { ...webchat.userData } : {},
    fileUploadTimeout: num('fileUploadTimeout', 0, 0),
    withCredentials: isObject(webchat.xhrFields) && webchat.xhrFields.withCredentials === true,
    pollExceptionLimit: num('pollExceptionLimit', 5, 0),
    restoreTimeout: num('restoreTimeout', 60000, 0),
    // Infinity (absent or invalid) is no limit: undefined.
    maxMessageLength: maxMessageLength === Infinity ? undefined : maxMessageLength,
    dynamicPolling: bool('dynamicPolling', true),
    pollRate: num('pollRate', 3000, 1000, 30000),
    pollRateMin,
    pollRateMax: Math.max(pollRateMin, num('pollRateMax', 3000, 1, 30000, webchat.pollRateMax ?? webchat.pollIntervalIdle_ms)),
    pollRateMult: num('pollRateMult', 1.2, 1.0000001),
    pollRateSleep: num('pollRateSleep', 30000, 1000, 30000),
    sleepEnabled: bool('sleepEnabled', false, transport.sleepEnabled ?? webchat.sleepEnabled),
    backoffMax: num('backoffMax', 30000, 1),
    sendQueueTimeout: num('sendQueueTimeout', 180000, 0),
    transport: {
      ...transport,
      pollTimeout: num('transport.pollTimeout', 3000, 100),
      pollIntervalMultiplier: num('transport.pollIntervalMultiplier', 1.2, 1),
      socketHeartbeatTrackerInterval: num('transport.socketHeartbeatTrackerInterval', 14000, 1),
      socketReconnectInterval: num('transport.socketReconnectInterval', 2000, 0),
      socketConnectionCloseTime: num('transport.socketConnectionCloseTime', 2, 0),
      pagination: bool('transport.pagination', true),
      botEventsEnabled: bool('transport.botEventsEnabled', false),
      interactionData,
      headers: isObject(transport.headers) ? (transport.headers as Record<string, string>) : {},
    },
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `resolveConfig`, but a config that throws when read (a page's proxy, a getter) is refused like any
 * malformed one (§2.5 `Invalid configuration`) instead of throwing out of `createWebChatService`.
 */
export function resolveSafely(config: WebChatConfig, main: MainConfig, logger: Logger): ConfigResolution {
  try {
    return resolveConfig(config, main, logger);
  } catch (error) {
    logger.warn('[WebChatService] unreadable configuration', error);
    return { ok: false, rejection: Rejections.config };
  }
}
