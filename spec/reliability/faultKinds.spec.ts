import type { SoakTransportId } from '../soak/soakProfiles';
import { waitUntil } from '../helpers/eventually';
import type { WebChatEventName } from '../../lib/model/events';
import { HTTP_FAULT_KINDS, type FaultKind } from '../../playground/server/faults';
import { startPlayground, type Playground } from '../../playground/server/index';
import { startedChat, type StartedChat } from './reliabilityHarness';

/** What provokes the request a fault waits for, and what the client must show for it (if anything). */
interface Case {
  kind: FaultKind;
  route: string;
  provoke: (chat: StartedChat, playground: Playground) => void;
  shows?: WebChatEventName;
  count?: number;
}

const agentSaysTwo = (chat: StartedChat, playground: Playground) => {
  playground.agent.say(chat.id, 'first');
  playground.agent.say(chat.id, 'second');
};
const idle = () => undefined;
const customerSends = (chat: StartedChat) => chat.chat.sendMessage({ message: 'provoking' }).subscribe({ error: () => undefined });

/**
 * Issue 6 item 1: every fault kind really applies on every transport it is meant for — the
 * playground counts it as injected on the named route of the named session, and where the kind
 * has a visible consequence, the client shows it.
 */
const matrix: Record<SoakTransportId, Case[]> = {
  'gms-v2': [
    ...HTTP_FAULT_KINDS.map((kind): Case => ({ kind, route: 'refresh', provoke: idle })),
    { kind: 'gmsStatusCode1', route: 'refresh', provoke: idle, shows: 'connectionPending', count: 2 },
    { kind: 'gmsStatusCode2', route: 'refresh', provoke: idle, shows: 'ended' },
    { kind: 'duplicate', route: 'refresh', provoke: agentSaysTwo },
    { kind: 'outOfOrder', route: 'refresh', provoke: agentSaysTwo },
  ],
  'nexus-v3': [
    ...HTTP_FAULT_KINDS.map((kind): Case => ({ kind, route: 'messages', provoke: idle })),
    { kind: 'nexusInvalidSession', route: 'messages', provoke: idle, shows: 'sessionLost' },
    { kind: 'duplicate', route: 'messages', provoke: agentSaysTwo },
    { kind: 'outOfOrder', route: 'messages', provoke: agentSaysTwo },
  ],
  'gms-v2-cometd': [
    { kind: 'drop', route: 'connect', provoke: idle, shows: 'disconnected' },
    { kind: 'slow', route: 'push', provoke: agentSaysTwo },
    { kind: 'duplicate', route: 'push', provoke: agentSaysTwo },
    { kind: 'gmsStatusCode1', route: 'sendMessage', provoke: customerSends },
    { kind: 'gmsStatusCode2', route: 'sendMessage', provoke: customerSends, shows: 'ended' },
  ],
  'purecloud-v2': [
    ...HTTP_FAULT_KINDS.map((kind): Case => ({ kind, route: 'send', provoke: customerSends })),
    { kind: 'socketClose', route: 'socket', provoke: idle, shows: 'disconnected' },
    { kind: 'socketTerminate', route: 'socket', provoke: idle, shows: 'disconnected' },
    { kind: 'missHeartbeats', route: 'socket', provoke: idle, shows: 'disconnected', count: 6 },
    { kind: 'duplicate', route: 'socket', provoke: agentSaysTwo },
    { kind: 'outOfOrder', route: 'socket', provoke: agentSaysTwo },
  ],
};

describe.each(Object.keys(matrix) as SoakTransportId[])('%s: every fault kind applies', (transport) => {
  let playground: Playground;
  let chat: StartedChat;

  beforeAll(async () => {
    playground = await startPlayground({ agent: 'manual', heartbeatIntervalMs: 300 });
  });
  afterAll(() => playground.close());
  beforeEach(async () => {
    chat = await startedChat(playground, transport);
  });
  afterEach(() => chat.close());

  it.each(matrix[transport].map((c) => [c.kind, c.route, c] as const))('%s on %s', async (kind, route, c) => {
    const before = playground.faults.injected[kind];
    playground.faults.add({ transport, route, sessionId: chat.id, kind, count: c.count ?? 1, ...(kind === 'slow' ? { delayMs: 50 } : {}) });
    c.provoke(chat, playground);
    const injected = await waitUntil(() => playground.faults.injected[kind] > before, 5000);
    expect({ kind, injected }).toEqual({ kind, injected: true });
    // CometD's drop and slow act on the Bayeux session and its pushes, which are no HTTP requests of the log.
    if (transport !== 'gms-v2-cometd' && HTTP_FAULT_KINDS.includes(kind as (typeof HTTP_FAULT_KINDS)[number])) {
      expect(playground.requestLog.some((e) => e.sessionId === chat.id && e.route === route && e.fault === kind)).toBe(true);
    }
    if (c.shows) await chat.events.next(c.shows, undefined, 5000);
  });
});
