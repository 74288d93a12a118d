import type { WebChatConfig } from '../../../lib/model/config';
import type { ResolvedConfig } from '../../../lib/model/config';
import type { HttpRequest, Platform } from '../../../lib/platform/platform';
import { resolveConfig } from '../../../lib/service/resolveConfig';
import { createSessionStore } from '../../../lib/storage/sessionStore';
import type { SessionStore } from '../../../lib/storage/sessionStore';

/** A Nexus config resolved the way the service resolves it. */
export function nexusConfig(extra: Partial<WebChatConfig['transport']> = {}, top: Partial<WebChatConfig> = {}): ResolvedConfig {
  const resolution = resolveConfig({
    ...top,
    transport: {
      type: 'pureengage-v3-rest',
      dataURL: 'https://host/nexus/v3/chat/sessions',
      endpoint: 'EP',
      stream: 'live',
      headers: { 'x-api-key': 'K' },
      ...extra,
    },
  });
  if (!resolution.ok) throw new Error(resolution.rejection);
  return resolution.config;
}

/** The store of a platform, with its keys readable by short name. */
export function storeOf(platform: Platform): SessionStore {
  return createSessionStore(platform.storage);
}

/** The form fields of a request, as an object (last value wins). */
export function formOf(request: HttpRequest | undefined): Record<string, string> {
  const body = request?.body;
  if (!body || body.kind === 'json') return {};
  return Object.fromEntries(body.fields);
}

/** The query of a request URL, as an object. */
export function queryOf(request: HttpRequest | undefined): Record<string, string> {
  return Object.fromEntries(new URL(request?.url ?? 'http://x/').searchParams);
}
