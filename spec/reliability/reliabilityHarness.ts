import { firstValueFrom, type Observable } from 'rxjs';
import { soakProfiles, type SoakProfile, type SoakTransportId } from '../soak/soakProfiles';
import { waitUntil } from '../helpers/eventually';
import { createWebChatService } from '../../lib/createWebChatService';
import type { WebChatConfig } from '../../lib/model/config';
import type { WebChatService } from '../../lib/service/WebChatService';
import type { Playground } from '../../playground/server/index';
import { recordEvents, type EventRecorder } from '../helpers/eventRecorder';
import { nodeServiceOptions } from '../helpers/nodeServiceOptions';

export const transports: readonly SoakTransportId[] = ['gms-v2', 'gms-v2-cometd', 'nexus-v3', 'purecloud-v2'];

/** The route each transport's customer send takes in the playground (for fault rules). */
export const sendRoute: Record<SoakTransportId, string> = { 'gms-v2': 'send', 'gms-v2-cometd': 'sendMessage', 'nexus-v3': 'send', 'purecloud-v2': 'send' };

/** What a command settled with. */
export type Settled = { ok: true; value: unknown } | { ok: false; rejection: unknown };

export const settle = (call: Observable<unknown>): Promise<Settled> =>
  firstValueFrom(call).then(
    (value) => ({ ok: true as const, value }),
    (rejection: unknown) => ({ ok: false as const, rejection }),
  );

/** A started chat on one transport against the playground, with its recorder and the playground's session id. */
export interface StartedChat {
  chat: WebChatService;
  events: EventRecorder;
  profile: SoakProfile;
  id: string;
  /** How many times the server's transcript holds a message with this text. */
  onServer(text: string): number;
  close(): void;
}

/**
 * Starts a chat on `transport` with the soak's short timings (the same configs `npm run soak`
 * uses), waits until the server can route it (cloud: socket attached), and joins an agent.
 *
 * @param playground A playground started with `agent: 'manual'`.
 * @param transport Which transport.
 * @param overrides Config keys to change.
 */
export async function startedChat(playground: Playground, transport: SoakTransportId, overrides: Partial<WebChatConfig> = {}): Promise<StartedChat> {
  const profile = soakProfiles[transport];
  const base = profile.config(playground.url);
  const transportKeys = base.transport || overrides.transport ? { transport: { ...base.transport, ...overrides.transport } } : {};
  const chat = createWebChatService({ ...base, ...overrides, ...transportKeys }, nodeServiceOptions());
  const events = recordEvents(chat.events$);
  await firstValueFrom(chat.startChat({ nickname: 'Ada' }));
  const id = profile.sessionId(chat.state.sessionData)!;
  await waitUntil(() => playground.store.get(id)?.routable === true, 5000);
  playground.agent.join(id, { name: 'Dana' });
  await events.next('agentConnected');
  return {
    chat,
    events,
    profile,
    id,
    onServer: (text) => (playground.store.get(id)?.transcript ?? []).filter((e) => e.kind === 'message' && e.text === text).length,
    close: () => {
      events.stop();
      chat.destroy();
    },
  };
}
