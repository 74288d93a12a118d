import { gmsNoSessionData } from '../../model/results';
import { restoreExpired } from '../../operators/restoreExpired';
import { gmsCall } from '../gms-v2/gmsCall';
import { gmsKeys } from '../gms-v2/gmsKeys';
import { answeredResponses } from '../shared/answeredResponses';
import type { Transport, TransportContext } from '../transport';
import type { GmsCometdContext } from './createGmsCometdSession';
import { gmsCometdSettings } from './gmsCometdConfig';
import { gmsCometdAsync } from './gmsCometdKeys';
import { gmsCometdRequests } from './gmsCometdRequests';
import { restoreGmsCometdSession } from './restoreGmsCometdSession';
import { startGmsCometdSession } from './startGmsCometdSession';

/** How long the customer may pause before typing stops: two idle 5 s ticks (`contract.md` §7 CometD column). */
const typingIdleMs = 10000;

/**
 * The GMS Chat API v2 transport over CometD (`wire-gms-v2.md` §11): `cometD.enabled: true`.
 * Commands are publishes on `cometD.channel`, notifications are pushed on it, files go to
 * `cometD.apiURL`; no polling (`Polling is not supported when using CometD`, from the §7 table in
 * `model/capabilities`); async mode (`async.enabled`) only here.
 *
 * @example
 * const transport = createGmsCometdTransport({ config, platform, store });
 *
 * @param context The resolved config, the platform and the service's session store.
 */
export function createGmsCometdTransport(context: TransportContext): Transport {
  const { config, platform, store } = context;
  // The file API's answers (chat-ntf): bodies for `ajaxResponse`. The Bayeux link reports the connection's health itself.
  const answered = answeredResponses();
  const settings = gmsCometdSettings(config);
  const keys = gmsKeys(store);
  const sessionContext: GmsCometdContext = {
    config,
    platform,
    settings,
    requests: gmsCometdRequests(config, settings),
    keys,
    call: gmsCall(platform, answered.report),
    ...(settings.asyncEnabled ? { async: gmsCometdAsync(config.webchat.async, store, platform.logger) } : {}),
  };
  return {
    id: 'gms-v2-cometd',
    capabilities: { async: settings.asyncEnabled, asyncClose: 'hideChat', pagination: settings.asyncEnabled, fileUpload: true },
    botEvents: true,
    typingIdleMs,
    responses$: answered.responses$,
    persisted: () => {
      const persisted = keys.read();
      return { exists: !!persisted, fresh: !!persisted && (settings.asyncEnabled || !restoreExpired(persisted.ping, platform.now(), config.restoreTimeout)) };
    },
    start: (request) => startGmsCometdSession(sessionContext, request),
    restore: (options) => restoreGmsCometdSession(sessionContext, options),
    emptySessionData: gmsNoSessionData,
  };
}
