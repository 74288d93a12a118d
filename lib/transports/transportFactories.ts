import type { TransportId } from '../model/config';
import { createGmsTransport } from './gms-v2/createGmsTransport';
import { createNexusTransport } from './nexus-v3/createNexusTransport';
import type { TransportFactory } from './transport';

/** The transport of each `transportId` (`contract.md` top table): the only place that names them. */
export const transportFactories: Record<TransportId, TransportFactory | undefined> = {
  'gms-v2': createGmsTransport,
  'nexus-v3': createNexusTransport,
  'purecloud-v2': undefined,
};
