import type { WebChatConfig } from '../../../lib/model/config';

/** A Nexus service config against a playground at `url`, polling fast (the 100 ms floor of `pollTimeout`). */
export function nexusServiceConfig(url: string, transport: Partial<NonNullable<WebChatConfig['transport']>> = {}, top: Partial<WebChatConfig> = {}): WebChatConfig {
  return {
    ...top,
    transport: {
      type: 'pureengage-v3-rest',
      dataURL: `${url}/nexus/v3/chat/sessions`,
      endpoint: 'GlobalChatSwitchboard',
      stream: 'live',
      headers: { 'x-api-key': 'playground-key' },
      pollTimeout: 100,
      ...transport,
    },
  };
}
