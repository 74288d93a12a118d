import type { TransportId } from '../model/config';
import { createGmsTransport } from './gms-v2/createGmsTransport';
import { createNexusTransport } from './nexus-v3/createNexusTransport';
import { createPurecloudTransport } from './purecloud-v2/createPurecloudTransport';
import type { TransportFactory } from './transport';

/** The transport of each `transportId` (`contract.md` top table): the only place that names them. */
export const transportFactories: Record<TransportId, TransportFactory> = {
  'gms-v2': createGmsTransport,
  'nexus-v3': createNexusTransport,
  'purecloud-v2': createPurecloudTransport,
};
