import type { ResolvedConfig } from '../../model/config';
import { Rejections } from '../../model/rejections';
import type { TransportConfigRules } from '../transportDescriptor';
import { readAgentTypingTimeout, trimSlash } from '../transportDescriptor';

/** The `cometD.*` and `async.*` keys this transport reads (`contract.md` §2.1), after defaults. */
export interface GmsCometdSettings {
  /** `cometD.cometURL`: the Bayeux endpoint (required). */
  cometURL: string;
  /** `cometD.channel`, default `/service/chatV2/customer-support`. */
  channel: string;
  /** `cometD.apiURL`: the file API (`…/genesys/2/chat-ntf`); `''` = no file commands. */
  apiURL: string;
  /** `cometD.websocketEnabled`, default `true`. */
  websocketEnabled: boolean;
  /** `cometD.logLevel`, default `info`. */
  logLevel: string;
  /** `async.enabled` (§14.5): CometD is the only GMS mode that has it. */
  asyncEnabled: boolean;
  /** `async.maxMessagePageSize`, default 20: the page a restore and each `fetchHistory` read. */
  maxMessagePageSize: number;
}

const defaultChannel = '/service/chatV2/customer-support';

const record = (value: unknown): Record<string, unknown> => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {});

/** Whether a page's `webchat` block selects CometD (`cometD.enabled: true`, no `transport.type`). */
export function cometdEnabled(webchat: unknown): boolean {
  return record(record(webchat).cometD).enabled === true;
}

/**
 * The `cometD.*` / `async.*` settings of a resolved config (a wrong type keeps the default).
 *
 * @example
 * gmsCometdSettings(config).channel // '/service/chatV2/customer-support'
 */
export function gmsCometdSettings(config: Pick<ResolvedConfig, 'webchat'>): GmsCometdSettings {
  const cometD = record(config.webchat.cometD);
  const async = record(config.webchat.async);
  const text = (value: unknown, fallback: string) => (typeof value === 'string' && value !== '' ? value : fallback);
  const page = async.maxMessagePageSize;
  return {
    cometURL: text(cometD.cometURL, ''),
    channel: text(cometD.channel, defaultChannel),
    apiURL: trimSlash(text(cometD.apiURL, '')),
    websocketEnabled: cometD.websocketEnabled !== false,
    logLevel: text(cometD.logLevel, 'info'),
    asyncEnabled: async.enabled === true,
    maxMessagePageSize: typeof page === 'number' && Number.isInteger(page) && page >= 1 ? page : 20,
  };
}

/**
 * How GMS over CometD reads a page's config (`contract.md` §2.1): selected by `cometD.enabled: true`
 * without `transport.type`; `cometD.cometURL` is required (`dataURL` is ignored); `async.enabled` is
 * honoured here and only here (§14.5); REST timings as GMS (3 s), agent typing never expires.
 *
 * @example
 * gmsCometdConfig.resolveConfig({ webchat: { cometD: { enabled: true, cometURL } }, transport: {}, interactionData: {} })
 */
export const gmsCometdConfig: TransportConfigRules = {
  types: [''],
  selects: cometdEnabled,
  resolveConfig: (raw) => {
    const { webchat, read } = raw;
    const settings = gmsCometdSettings({ webchat });
    if (!settings.cometURL) return { rejection: Rejections.config };
    return {
      dataURL: trimSlash(settings.cometURL),
      asyncMode: settings.asyncEnabled,
      ajaxTimeout: read.number('ajaxTimeout', 3000, 1),
      maxMessagePageSize: settings.maxMessagePageSize,
      agentTypingTimeout: readAgentTypingTimeout(raw, 0),
    };
  },
};
