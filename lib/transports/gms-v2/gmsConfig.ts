import { Rejections } from '../../model/rejections';
import type { TransportConfigRules } from '../transportDescriptor';
import { readAgentTypingTimeout, trimSlash } from '../transportDescriptor';
import { cometdEnabled } from '../gms-v2-cometd/gmsCometdConfig';

/**
 * How GMS reads a page's config (`contract.md` §2): the default back end (no `transport.type`);
 * `dataURL` (or the older `serverURL`) at the top level is required; `async.enabled` is refused with
 * its own text (GMS has no async mode); requests time out after 3 s and agent typing never expires
 * by default.
 *
 * @example
 * gmsConfig.resolveConfig({ webchat, transport: {}, interactionData: {}, read }, common)
 */
export const gmsConfig: TransportConfigRules = {
  types: [''],
  selects: (webchat) => !cometdEnabled(webchat),
  resolveConfig: (raw) => {
    const { webchat, read } = raw;
    const async = webchat.async as { enabled?: unknown } | undefined;
    if (typeof async === 'object' && async !== null && !Array.isArray(async) && async.enabled === true) return { rejection: Rejections.configAsync };
    const url = typeof webchat.dataURL === 'string' && webchat.dataURL ? webchat.dataURL : webchat.serverURL;
    if (typeof url !== 'string' || !url) return { rejection: Rejections.config };
    return {
      dataURL: trimSlash(url),
      asyncMode: false,
      ajaxTimeout: read.number('ajaxTimeout', 3000, 1),
      maxMessagePageSize: read.number('transport.maxMessagePageSize', 20, 16),
      agentTypingTimeout: readAgentTypingTimeout(raw, 0),
    };
  },
};
