import { restoreExpired } from '../../operators/restoreExpired';
import type { Transport, TransportContext } from '../transport';
import { answeredResponses } from '../shared/answeredResponses';
import type { GmsSessionContext } from './createGmsSession';
import { gmsCall } from './gmsCall';
import { gmsKeys } from './gmsKeys';
import { gmsRequests } from './gmsRequests';
import { restoreGmsSession } from './restoreGmsSession';
import { startGmsSession } from './startGmsSession';
import { gmsNoSessionData } from '../../model/results';

/**
 * The GMS Chat API v2 transport over REST polling (`wire-gms-v2.md`), the default "v2" configuration.
 *
 * @example
 * const transport = createGmsTransport({ config, platform, store });
 *
 * @param context The resolved config, the platform and the service's session store.
 */
export function createGmsTransport(context: TransportContext): Transport {
  const { config, platform, store } = context;
  const answered = answeredResponses();
  const keys = gmsKeys(store);
  const sessionContext: GmsSessionContext = {
    config,
    platform,
    call: gmsCall(platform, answered.report),
    answered$: answered.signals$,
    requests: gmsRequests(config),
    keys,
  };
  return {
    id: 'gms-v2',
    capabilities: { async: false, asyncClose: 'hideChat', pagination: false, fileUpload: true },
    botEvents: true,
    responses$: answered.responses$,
    persisted: () => {
      const persisted = keys.read();
      return { exists: !!persisted, fresh: !!persisted && !restoreExpired(persisted.ping, platform.now(), config.restoreTimeout) };
    },
    start: (request) => startGmsSession(sessionContext, request),
    restore: () => restoreGmsSession(sessionContext),
    emptySessionData: gmsNoSessionData,
  };
}
