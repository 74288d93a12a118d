import { Rejections } from '../../model/rejections';
import type { TransportConfigRules } from '../transportDescriptor';
import { readAgentTypingTimeout, trimSlash } from '../transportDescriptor';

/**
 * How Nexus v3 reads a page's config (`contract.md` §2, `transport.type: 'pureengage-v3-rest'`):
 * `transport.dataURL` and `transport.endpoint` are required; async mode needs `transport.async.enabled`
 * with both `getSessionData` and `setSessionData` (§14.5); requests time out after 9 s by default.
 *
 * @example
 * nexusConfig.resolveConfig({ webchat, transport, interactionData, read }, common)
 */
export const nexusConfig: TransportConfigRules = {
  types: ['pureengage-v3-rest'],
  resolveConfig: (raw) => {
    const { transport, read } = raw;
    if (typeof transport.dataURL !== 'string' || !transport.dataURL) return { rejection: Rejections.config };
    if (typeof transport.endpoint !== 'string' || !transport.endpoint) return { rejection: Rejections.config };
    const async = (typeof transport.async === 'object' && transport.async !== null ? transport.async : {}) as Record<string, unknown>;
    return {
      dataURL: trimSlash(transport.dataURL),
      asyncMode: async.enabled === true && typeof async.getSessionData === 'function' && typeof async.setSessionData === 'function',
      ajaxTimeout: read.number('ajaxTimeout', 9000, 1),
      maxMessagePageSize: read.number('transport.maxMessagePageSize', 20, 16),
      agentTypingTimeout: readAgentTypingTimeout(raw, 3000),
    };
  },
};
