import { Rejections } from '../../model/rejections';
import type { TransportConfigRules } from '../transportDescriptor';
import { readAgentTypingTimeout, trimSlash } from '../transportDescriptor';

/**
 * How Genesys Cloud reads a page's config (`contract.md` §2, `transport.type: 'purecloud-v2-sockets'`):
 * `transport.dataURL`, `deploymentKey`, `orgGuid` (or `organizationId`) and
 * `interactionData.routing.targetAddress` are required; requests time out after 12 s at the least
 * (§2.2); a history page holds at most 100 messages (§2.5).
 *
 * @example
 * cloudConfig.resolveConfig({ webchat, transport, interactionData, read }, common)
 */
export const cloudConfig: TransportConfigRules = {
  types: ['purecloud-v2-sockets'],
  resolveConfig: (raw) => {
    const { transport, interactionData, read } = raw;
    if (typeof transport.dataURL !== 'string' || !transport.dataURL) return { rejection: Rejections.config };
    const routing = (typeof interactionData.routing === 'object' && interactionData.routing !== null && !Array.isArray(interactionData.routing) ? interactionData.routing : {}) as Record<string, unknown>;
    if (!transport.deploymentKey || !(transport.orgGuid || transport.organizationId) || !routing.targetAddress) return { rejection: Rejections.config };
    return {
      dataURL: trimSlash(transport.dataURL),
      asyncMode: false,
      ajaxTimeout: Math.max(read.number('ajaxTimeout', 12000, 1), 12000),
      maxMessagePageSize: read.number('transport.maxMessagePageSize', 100, 1, 100),
      agentTypingTimeout: readAgentTypingTimeout(raw, 3000),
    };
  },
};
