import { Rejections } from '../../model/rejections';
import type { TransportConfigRules } from '../transportDescriptor';
import { trimSlash } from '../transportDescriptor';

/**
 * How Nexus v3 reads a page's config (`contract.md` §2, `transport.type: 'pureengage-v3-rest'`):
 * `transport.dataURL` and `transport.endpoint` are required; async mode needs `transport.async.enabled`
 * with both `getSessionData` and `setSessionData` (§14.5); requests time out after 9 s by default.
 *
 * @example
 * nexusConfig.resolveConfig({ webchat, transport, interactionData })
 */
export const nexusConfig: TransportConfigRules = {
  types: ['pureengage-v3-rest'],
  resolveConfig: ({ transport }) => {
    if (typeof transport.dataURL !== 'string' || !transport.dataURL) return { rejection: Rejections.config };
    if (typeof transport.endpoint !== 'string' || !transport.endpoint) return { rejection: Rejections.config };
    const async = (typeof transport.async === 'object' && transport.async !== null ? transport.async : {}) as Record<string, unknown>;
    return {
      dataURL: trimSlash(transport.dataURL),
      asyncMode: async.enabled === true && typeof async.getSessionData === 'function' && typeof async.setSessionData === 'function',
      ajaxTimeout: { fallback: 9000 },
      maxMessagePageSize: { fallback: 20, min: 16 },
      agentTypingTimeout: 3000,
    };
  },
};
