import { Observable, Subject } from 'rxjs';
import type { NoSessionData } from '../../model/results';
import { restoreExpired } from '../../operators/restoreExpired';
import type { Transport, TransportContext } from '../transport';
import { classifyFrame } from './classifyFrame';
import { cloudCall } from './cloudCall';
import type { CloudContext } from './cloudContext';
import { cloudKeys } from './cloudKeys';
import type { CloudIdentity } from './cloudKeys';
import { cloudRequests } from './cloudRequests';
import { heldConnection } from './heldConnection';
import { openSocket as openPlatformSocket } from '../../platform/openSocket';
import { responseGate } from './responseGate';
import { restoreCloudSession } from './restoreCloudSession';
import { socketConnection } from './socketConnection';
import type { SocketEvent } from './socketConnection';
import { startCloudSession } from './startCloudSession';
import { withoutGuestToken } from './withoutGuestToken';

/** Test seams: replace the WebSocket layer (unit specs drive socket events in virtual time). */
export interface PurecloudTransportOptions {
  openSocket?: (url: string) => Observable<SocketEvent>;
}

/**
 * The Genesys Cloud guest chat transport (`transport.type: 'purecloud-v2-sockets'`,
 * `wire-purecloud-v2.md`): REST for every action, one WebSocket per conversation for everything
 * the server says.
 *
 * - `start`: `POST conversations` → persist the keys → open the event stream → `ok` with the
 *   guest's synthetic `ParticipantJoined` (§7; the conversation is routed only once the socket is on).
 * - `restore`: `GET members/{self}` must be CONNECTED → reopen the stream → one descending page
 *   (`pagination`) or every page → `GET members` → the replay (§7).
 * - The session (`createCloudSession`, from `startCloudSession` or `restoreCloudSession`): frames to batches, heartbeat watchdog, reconnect
 *   with backoff and catch-up, sends, typing (no stop call), end, history pages.
 *
 * @example
 * const transport = createPurecloudTransport({ config, platform, store });
 * transport.start(request).subscribe((outcome) => outcome.ok && outcome.body.session.receive(control$).subscribe(…));
 *
 * @param context The resolved config, the platform (http, WebSocket, scheduler, random) and the prefixed store.
 * @param options Test seams only.
 */
export function createPurecloudTransport(context: TransportContext, options: PurecloudTransportOptions = {}): Transport {
  const { config, platform, store } = context;
  const responses = new Subject<Record<string, unknown>>();
  // `ajaxResponse` goes to every listener: the guest JWT stays out of it (issue 6).
  const gate = responseGate((body) => responses.next(withoutGuestToken(body)));
  const keys = cloudKeys(store);
  const heartbeatMs = config.transport.socketHeartbeatTrackerInterval;
  const openSocket = options.openSocket ?? ((url: string) => openPlatformSocket(url, platform.WebSocket, heartbeatMs));
  const cloud: CloudContext = {
    config,
    platform,
    keys,
    requests: cloudRequests(config.dataURL, config.ajaxTimeout),
    call: cloudCall(platform.http, (reply) => gate.report(reply)),
    gate,
    connect: (identity: CloudIdentity) =>
      heldConnection(
        socketConnection({
          open: () => openSocket(identity.eventStreamUri),
          heartbeatMs,
          reconnectBase: config.transport.socketReconnectInterval,
          reconnectMax: config.backoffMax,
          random: platform.random,
          isClosingFrame: (data) => classifyFrame(data).kind === 'closing',
          scheduler: platform.scheduler,
        }),
      ),
  };

  return {
    id: 'purecloud-v2',
    capabilities: { async: false, asyncClose: 'hideChat', pagination: config.transport.pagination, fileUpload: false },
    botEvents: config.transport.botEventsEnabled,
    responses$: responses.asObservable(),
    persisted: () => {
      const exists = keys.identity() !== null;
      return { exists, fresh: exists && !restoreExpired(keys.ping(), platform.now(), config.restoreTimeout) };
    },
    start: (request) => startCloudSession(cloud, request),
    restore: () => restoreCloudSession(cloud),
    emptySessionData: (): NoSessionData => ({}),
  };
}
