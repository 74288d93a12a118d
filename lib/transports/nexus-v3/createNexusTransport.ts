import type { Capabilities } from '../../model/capabilities';
import type { NoSessionData } from '../../model/results';
import { restoreExpired } from '../../operators/restoreExpired';
import type { Transport, TransportContext } from '../transport';
import { answeredResponses } from '../shared/answeredResponses';
import type { NexusSessionContext } from './createNexusSession';
import { nexusAsyncStorage } from './nexusAsyncStorage';
import { nexusCall } from './nexusCall';
import { nexusKeys } from './nexusKeys';
import { withoutClientToken } from './withoutClientToken';
import { nexusRequests } from './nexusRequests';
import { restoreNexusSession } from './restoreNexusSession';
import { startNexusSession } from './startNexusSession';

/** `contract.md` §3: capabilities of Nexus v3, sync and async. */
const syncCapabilities: Capabilities = { async: false, asyncClose: 'hideChat', pagination: false, fileUpload: true };
const asyncCapabilities: Capabilities = { async: true, asyncClose: 'endChat', pagination: true, fileUpload: true };

/**
 * The Nexus chat v3 transport (`transport.type: 'pureengage-v3-rest'`, `wire-nexus-v3.md`): REST
 * short polling, typing as messages, image upload and inline image download, and async mode
 * (`transport.async`: the session outlives the page, stored by the integrator's callbacks).
 *
 * Sync mode persists `…pureengage-v3-rest.session/.keys/.index/.ping`; async mode persists nothing
 * itself and goes through `getSessionData` / `setSessionData` / `deleteSessionData` instead
 * (`contract.md` §14.5), so `persisted()` is always empty there and the service restores with
 * `restore({async: true})`.
 *
 * @example
 * const transport = createNexusTransport({ config, platform, store });
 * transport.start({ form: { firstname: 'Jane' }, userData: {}, interactionData: {} }).subscribe(…);
 *
 * @param context The resolved config, the platform and the service's session store.
 */
export function createNexusTransport(context: TransportContext): Transport {
  const { config, platform, store } = context;
  const asyncMode = config.asyncMode;
  // `ajaxResponse` goes to every listener: the client token stays out of it (issue 6).
  const answered = answeredResponses(withoutClientToken);
  const keys = asyncMode ? undefined : nexusKeys(store);
  const sessionContext: NexusSessionContext = {
    config,
    platform,
    call: nexusCall(platform, answered.report),
    answered$: answered.signals$,
    requests: nexusRequests({
      dataURL: config.transport.dataURL ?? '',
      headers: config.transport.headers,
      timeout: config.ajaxTimeout,
      uploadTimeout: config.fileUploadTimeout,
      random: () => platform.random(),
    }),
    ...(keys ? { keys } : { asyncStorage: nexusAsyncStorage(config.transport.async, store, platform.logger) }),
  };

  return {
    id: 'nexus-v3',
    capabilities: asyncMode ? asyncCapabilities : syncCapabilities,
    botEvents: false,
    responses$: answered.responses$,
    persisted: () => {
      const stored = keys?.read();
      if (!stored?.token) return { exists: false, fresh: false };
      return { exists: true, fresh: !restoreExpired(stored.ping, platform.now(), config.restoreTimeout) };
    },
    start: (request) => startNexusSession(sessionContext, request),
    restore: (options) => restoreNexusSession(sessionContext, options),
    emptySessionData: (): NoSessionData => ({}),
  };
}
