import type { TransportConfig, WebChatConfig } from '../lib/model/config';
import type { CloudSessionData, GmsSessionData, SessionData } from '../lib/model/results';

/** The transports the playground figures run against (ids of `contract.md`). */
export type BenchTransport = 'gms-v2' | 'nexus-v3' | 'purecloud-v2';

/**
 * The configuration of `transport` against a playground at `url`, at the transport's defaults
 * (only the keys a page must give), plus `overrides` at the top level and `transportOverrides`
 * inside `transport` (v3 and cloud).
 *
 * @example configFor('gms-v2', playground.url) // { dataURL: 'http://127.0.0.1:…/genesys/2/chat/customer-support' }
 */
export function configFor(transport: BenchTransport, url: string, overrides: Partial<WebChatConfig> = {}, transportOverrides: TransportConfig = {}): WebChatConfig {
  switch (transport) {
    case 'gms-v2':
      return { dataURL: `${url}/genesys/2/chat/customer-support`, ...overrides };
    case 'nexus-v3':
      return {
        ...overrides,
        transport: { type: 'pureengage-v3-rest', dataURL: `${url}/nexus/v3/chat/sessions`, endpoint: 'Bench', headers: { 'x-api-key': 'playground-key' }, ...transportOverrides },
      };
    case 'purecloud-v2':
      return {
        ...overrides,
        transport: {
          type: 'purecloud-v2-sockets',
          dataURL: url,
          deploymentKey: 'bench',
          orgGuid: 'bench',
          interactionData: { routing: { targetType: 'QUEUE', targetAddress: 'Support' } },
          ...transportOverrides,
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
