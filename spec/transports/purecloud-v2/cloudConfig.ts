import type { WebChatConfig } from '../../../lib/model/config';

/**
 * A cloud configuration against the playground, with short timings so the reconnect and
 * watchdog paths run in well under a second (the playground's heartbeat must stay below the watchdog).
 *
 * @param url The playground's URL (`transport.dataURL`, the API host).
 * @param overrides Top-level keys and `transport` keys to change.
 */
export function cloudConfig(url: string, overrides: Partial<WebChatConfig> & { transport?: WebChatConfig['transport'] } = {}): WebChatConfig {
  const { transport, ...rest } = overrides;
  return {
    backoffMax: 400,
    ...rest,
    transport: {
      type: 'purecloud-v2-sockets',
      dataURL: url,
      deploymentKey: 'playground',
      orgGuid: 'playground',
      interactionData: { routing: { targetType: 'QUEUE', targetAddress: 'Support' } },
      socketHeartbeatTrackerInterval: 1000,
      socketReconnectInterval: 150,
      ...transport,
    },
  };
}
