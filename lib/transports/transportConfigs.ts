import type { TransportId } from '../model/config';
import { gmsConfig } from './gms-v2/gmsConfig';
import { gmsCometdConfig } from './gms-v2-cometd/gmsCometdConfig';
import { nexusConfig } from './nexus-v3/nexusConfig';
import { cloudConfig } from './purecloud-v2/cloudConfig';
import type { TransportConfigRules } from './transportDescriptor';

/**
 * How each back end reads a page's config, without the transports themselves (a legacy core that
 * loads its back end on demand resolves the config first): the config half of each descriptor.
 */
export const transportConfigs: Record<TransportId, TransportConfigRules> = {
  'gms-v2': gmsConfig,
  'gms-v2-cometd': gmsCometdConfig,
  'nexus-v3': nexusConfig,
  'purecloud-v2': cloudConfig,
};
