import { firstValueFrom } from 'rxjs';
import type { CloudSessionData } from '../../lib/model/results';
import { memoryStorage } from '../../lib/storage/memoryStorage';
import { redactSecret, startPlayground } from '../../playground/server/index';
import type { Playground } from '../../playground/server/index';
import { playgroundConfig, quickTimings } from '../helpers/playgroundConfig';
import { startRoutedChat } from '../transports/purecloud-v2/startRoutedChat';
import { purecloudV2Wire } from '../fixtures/wire/purecloud-v2';
import { agentJoinsAndSays, endAndSeeEnded, fidelityServices, sendAndSeeEcho, startTyping, typeThenStop, type FidelityChat } from './fidelityHarness';
import { expectOnlyPending, expectWire, type Bindings } from './wireCheck';
import { recordWire, type WireRecorder } from './wireRecorder';
import { eventually } from '../helpers/eventually';

describe('Genesys Cloud v2 wire fidelity: a whole chat, request by request against wire-purecloud-v2.md', () => {
  let playground: Playground;
  let wire: WireRecorder;
  const bindings: Bindings = {};
  const services = fidelityServices(memoryStorage());
  const config = () =>
    playgroundConfig('purecloud-v2', playground.url, quickTimings['purecloud-v2'], {
        userData: { orderId: 'A-1' },
        transport: {
          orgGuid: 'org-1',
          deploymentKey: 'dep-1',
          maxMessagePageSize: 25,
          interactionData: { routing: { targetType: 'QUEUE', targetAddress: 'Support', skills: ['Billing'], language: 'English - Written', priority: 2 } },
        },
      });
  const open = (): FidelityChat => services.open(config());

  beforeAll(async () => {
    playground = await startPlayground({ agent: 'manual', recordRequests: true, heartbeatIntervalMs: 300 });
    wire = recordWire(playground, 'purecloud-v2');
    let page = open();
    let { chat, events } = page;
    await events.next('ready');

    await wire.phase('create', async () => {
      await startRoutedChat(chat, playground, { nickname: 'Ada', firstname: 'Ada', lastname: 'Lovelace', email: 'ada@example.com', subject: 'Billing', userData: { phone: '555-0100' } });
      const session = (await firstValueFrom(chat.getSessionData())) as CloudSessionData;
      Object.assign(bindings, { conversationId: session.conversationId, memberId: session.memberId, bearer: `Bearer ${session.jwt}`, jwt: session.jwt, streamToken: redactSecret(String(session.jwt)) });
      await events.next('clientConnected');
      // §7 Start: the own-member read goes out once the stream is open, beside the synthetic join; give
      // it a bounded moment to land in this phase (if it never comes, the check below names it missing).
      const ownMember = `/members/${session.memberId}`;
      await eventually(() => expect(playground.requestLog.some((entry) => entry.method === 'GET' && entry.path.endsWith(ownMember))).toBe(true), 2000).catch(() => undefined);
    });
    const id = bindings.conversationId!;

    await wire.phase('push', async () => {
      await agentJoinsAndSays(playground, page, id, 'Kim', 'Hi Ada');
      bindings.agentId = playground.store.get(id)!.participants.find((p) => p.role === 'agent')?.id;
    });
    await wire.phase('typing', () => startTyping(page, 'My ord'));
    await wire.phase('send', () => sendAndSeeEcho(page, 'My order is late'));
    await wire.phase('typingStop', () => typeThenStop(page, 'one sec'));
    await wire.phase('files', async () => {
      // §2.7: this API has no file upload; the command is refused without a request.
      await expect(firstValueFrom(chat.sendFile({ files: new Blob(['x'], { type: 'text/plain' }) }))).rejects.toBeDefined();
    });
    await wire.phase('restore', async () => {
      page = await services.reopen(config());
      ({ chat, events } = page);
      await events.next('messageReceived');
    });
    await wire.phase('end', () => endAndSeeEnded(page));
  }, 30_000);

  afterAll(async () => {
    services.destroyAll();
    await playground.close();
  });

  /** Calls `from`..`to` of the create phase, recorded and expected (the create body, the socket, the member lookup apart). */
  const createCalls = (from: number, to?: number) => [wire.phases.create.slice(from, to), { ...purecloudV2Wire.phases.create, calls: purecloudV2Wire.phases.create.calls.slice(from, to) }, bindings] as const;

  it('create: the JSON body field by field, customFields included (§2.1)', () => expectWire(...createCalls(0, 1)));
  it('create: then the event stream opens on the URI the create answered, with no headers (§5)', () => expectWire(...createCalls(1, 2)));
  it('create: once the socket is open, GET the own member (§7 Start, §8)', () => expectWire(...createCalls(1)));
  it("push: an agent's first frame makes one member lookup, with the Bearer token (§5.2)", () => expectWire(wire.phases.push, purecloudV2Wire.phases.push, bindings));
  it('typing: POST typing with no body (§2.4)', () => expectWire(wire.phases.typing, purecloudV2Wire.phases.typing, bindings));
  it('send: POST messages with only body (§2.3)', () => expectWire(wire.phases.send, purecloudV2Wire.phases.send, bindings));
  it('typing stop: no stop-typing call exists (§2.4)', () => expectWire(wire.phases.typingStop, purecloudV2Wire.phases.typingStop, bindings));
  it('files: no request at all (§2.7)', () => expectWire(wire.phases.files, purecloudV2Wire.phases.files, bindings));
  it('restore: own member, socket, one descending page, members, in that order (§7 Restore)', () => expectWire(wire.phases.restore, purecloudV2Wire.phases.restore, bindings));
  it('end: DELETE the own member (§2.6)', () => expectWire(wire.phases.end, purecloudV2Wire.phases.end, bindings));
  it('every phase of the fixture matches, also one no test above names', () => expectOnlyPending(wire.phases, purecloudV2Wire.phases, bindings, {}));
  it('records secrets only as digests', () => {
    const all = JSON.stringify(wire.phases);
    expect(all).not.toContain(bindings.jwt);
    expect(all).toContain(redactSecret(bindings.bearer!));
  });
});
