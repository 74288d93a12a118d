import type { ProtocolFactory } from '../protocol';
import { gmsV2Protocol } from './gms-v2';
import { gmsV2CometdProtocol } from './gms-v2-cometd';
import { nexusV3Protocol } from './nexus-v3';
import { purecloudV2Protocol } from './purecloud-v2';

/** Every wire protocol the playground speaks; `startPlayground()` mounts each one (one import line per protocol). */
export const protocols: readonly ProtocolFactory[] = [gmsV2Protocol, gmsV2CometdProtocol, purecloudV2Protocol, nexusV3Protocol];
