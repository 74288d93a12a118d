import type { TransportConfig, WebChatConfig } from '../../lib/model/config';
import type { CloudSessionData, GmsSessionData, SessionData } from '../../lib/model/results';

/** The transports the playground serves (ids of `contract.md`). */
export type PlaygroundTransport = 'gms-v2' | 'gms-v2-cometd' | 'nexus-v3' | 'purecloud-v2';

/** Top-level keys of a config, plus `transport` keys (v3 and cloud) merged into the transport object. */
export type PlaygroundConfigLayer = Partial<Omit<WebChatConfig, 'transport'>> & { transport?: TransportConfig };

/**
 * Short timings for specs against the playground, per transport: Nexus polls at the 100 ms floor
 * of `pollTimeout`; Cloud reconnects within 150 ms and its watchdog stays above the playground's
 * heartbeat, so the reconnect and watchdog paths run in well under a second. GMS specs pick
 * their own `pollRate*`.
 */
export const quickTimings: Record<PlaygroundTransport, PlaygroundConfigLayer> = {
  'gms-v2': {},
  'gms-v2-cometd': {},
  'nexus-v3': { transport: { stream: 'live', pollTimeout: 100 } },
  'purecloud-v2': { backoffMax: 400, transport: { socketHeartbeatTrackerInterval: 1000, socketReconnectInterval: 150 } },
};

/**
 * The configuration of `transport` against a playground at `url`, at the transport's defaults
 * (only the keys a page must give), then each layer in turn: its top-level keys replace, its
 * `transport` keys merge into the transport object (v3 and cloud; GMS has none).
 *
 * @example
 * playgroundConfig('gms-v2', playground.url, { pollRateMin: 100 }) // { dataURL: 'http://127.0.0.1:…/genesys/2/chat/customer-support', pollRateMin: 100 }
 * playgroundConfig('purecloud-v2', playground.url, quickTimings['purecloud-v2'], { transport: { socketReconnectInterval: 50 } })
 *
 * @param transport Which back end of the playground.
 * @param url The playground's URL.
 * @param layers Overrides, applied in order.
 */
export function playgroundConfig(transport: PlaygroundTransport, url: string, ...layers: PlaygroundConfigLayer[]): WebChatConfig {
  const top = Object.assign({}, ...layers.map(({ transport: _, ...rest }) => rest)) as Partial<WebChatConfig>;
  const inner = Object.assign({}, ...layers.map((layer) => layer.transport ?? {})) as TransportConfig;
  switch (transport) {
    case 'gms-v2':
      return { dataURL: `${url}/genesys/2/chat/customer-support`, ...top };
    case 'gms-v2-cometd':
      return { ...top, cometD: { enabled: true, cometURL: `${url}/genesys/cometd`, apiURL: `${url}/genesys/2/chat-ntf`, ...top.cometD } };
    case 'nexus-v3':
      return {
        ...top,
        transport: { type: 'pureengage-v3-rest', dataURL: `${url}/nexus/v3/chat/sessions`, endpoint: 'GlobalChatSwitchboard', headers: { 'x-api-key': 'playground-key' }, ...inner },
      };
    case 'purecloud-v2':
      return {
        ...top,
        transport: {
          type: 'purecloud-v2-sockets',
          dataURL: url,
          deploymentKey: 'playground',
          orgGuid: 'playground',
          interactionData: { routing: { targetType: 'QUEUE', targetAddress: 'Support' } },
          ...inner,
        },
      };
  }
}

/** The playground store's session id behind a service's `sessionData` (gms chatId, cloud conversationId, v3 sessionId). */
export function storeSessionId(sessionData: SessionData): string {
  const data = sessionData as Partial<GmsSessionData & CloudSessionData> & { sessionId?: string | null };
  const id = data.conversationId ?? data.sessionID ?? data.sessionId;
  if (!id) throw new Error('the service has no session');
  return id;
}
