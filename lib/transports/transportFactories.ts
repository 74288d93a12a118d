import type { TransportId } from '../model/config';
import { createGmsTransport } from './gms-v2/createGmsTransport';
import { createGmsCometdTransport } from './gms-v2-cometd/createGmsCometdTransport';
import { createNexusTransport } from './nexus-v3/createNexusTransport';
import { createPurecloudTransport } from './purecloud-v2/createPurecloudTransport';
import type { TransportFactory } from './transport';
import { transportConfigs } from './transportConfigs';
import type { TransportDescriptor } from './transportDescriptor';

/** Each back end as one descriptor: its config rules and its factory (`contract.md` top table). */
export const transportDescriptors: Record<TransportId, TransportDescriptor> = {
  'gms-v2': { type: 'gms-v2', ...transportConfigs['gms-v2'], create: createGmsTransport },
  'gms-v2-cometd': { type: 'gms-v2-cometd', ...transportConfigs['gms-v2-cometd'], create: createGmsCometdTransport },
  'nexus-v3': { type: 'nexus-v3', ...transportConfigs['nexus-v3'], create: createNexusTransport },
  'purecloud-v2': { type: 'purecloud-v2', ...transportConfigs['purecloud-v2'], create: createPurecloudTransport },
};

/** The transport of each `transportId`: the only place that names them. */
export const transportFactories: Record<TransportId, TransportFactory> = {
  'gms-v2': createGmsTransport,
  'gms-v2-cometd': createGmsCometdTransport,
  'nexus-v3': createNexusTransport,
  'purecloud-v2': createPurecloudTransport,
};
