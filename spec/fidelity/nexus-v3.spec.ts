import { firstValueFrom } from 'rxjs';
import type { NexusSessionData } from '../../lib/model/results';
import { memoryStorage } from '../../lib/storage/memoryStorage';
import { redactSecret, startPlayground } from '../../playground/server/index';
import type { Playground, RequestDetail } from '../../playground/server/index';
import { playgroundConfig, quickTimings } from '../helpers/playgroundConfig';
import { nexusV3Wire } from '../fixtures/wire/nexus-v3';
import { agentJoinsAndSays, endAndSeeEnded, fidelityServices, nextRequest, startTyping, sendAndSeeEcho, typeThenStop, type FidelityChat } from './fidelityHarness';
import { expectOnlyPending, expectWire, type Bindings } from './wireCheck';
import { recordWire, type WireRecorder } from './wireRecorder';
import { pause } from '../helpers/eventually';

const PNG = Uint8Array.from([137, 80, 78, 71, 13, 10, 26, 10]);

describe('Nexus v3 wire fidelity: a whole chat, request by request against wire-nexus-v3.md', () => {
  let playground: Playground;
  let wire: WireRecorder;
  const bindings: Bindings = {};
  const services = fidelityServices(memoryStorage());
  const config = () => playgroundConfig('nexus-v3', playground.url, quickTimings['nexus-v3'], { userData: { orderId: 'A-1', phone: '555-0100' } }, { transport: { pollTimeout: 150 } });
  const open = (): FidelityChat => services.open(config());

  beforeAll(async () => {
    playground = await startPlayground({ agent: 'manual', recordRequests: true });
    wire = recordWire(playground, 'nexus-v3');
    bindings.apiKey = 'playground-key';
    let page = open();
    let { chat, events } = page;
    await events.next('ready');

    await wire.phase('create', async () => {
      await firstValueFrom(chat.startChat({ form: { firstname: 'Jane', lastname: 'Doe', email: 'jane@example.com', subject: 'Refund' } }));
      const session = (await firstValueFrom(chat.getSessionData())) as NexusSessionData & { token: string };
      Object.assign(bindings, { sessionId: session.sessionId, participantId: session.participantId, clientToken: session.token });
      await events.next('clientConnected');
    });
    const id = bindings.sessionId!;

    await wire.phase('poll', () => agentJoinsAndSays(playground, page, id, 'Kim', 'Hi Jane'));

    await wire.phase('typing', async () => {
      await startTyping(page, 'Where is');
    });

    await wire.phase('send', () => sendAndSeeEcho(page, 'Where is my parcel?'));

    await wire.phase('typingStop', () => typeThenStop(page, 'one sec'));

    await wire.phase('files', async () => {
      await firstValueFrom(chat.sendFile({ files: new Blob([PNG], { type: 'image/png' }) }));
      await events.next('messageReceived', (d) => d.messages.some((m) => m.from.type === 'Client' && Array.isArray(m.content) && m.content.length > 0));
    });

    await wire.phase('userData', async () => {
      await firstValueFrom(chat.updateUserData({ priority: 'high' }));
    });

    await firstValueFrom(chat.sleep());
    await events.next('sleeping');
    // Whatever poll was under way when sleep came has been answered or aborted by now.
    await pause(100);
    bindings.lastIndex = lastRawIndex(Object.values(wire.phases).flat());
    await wire.phase('wake', async () => {
      playground.agent.say(id, 'Still there?');
      await firstValueFrom(chat.wake());
      await events.next('messageReceived', (d) => d.messages.some((m) => m.text === 'Still there?'));
    });

    await wire.phase('restore', async () => {
      // The page goes away without ending the chat; a new page life restores from the same storage (§11.1).
      page = await services.reopen(config());
      ({ chat, events } = page);
      await events.next('messageReceived');
      await nextRequest(playground, 'messages');
    });
    bindings.restoredIndex = lastRawIndex(wire.phases.restore.slice(0, 1));

    await wire.phase('end', () => endAndSeeEnded(page));
  }, 30_000);

  afterAll(async () => {
    services.destroyAll();
    await playground.close();
  });

  it('create: session form fields, userData with PhoneNumber and every automatic key, no client key (§6.1)', () => expectWire(wire.phases.create, nexusV3Wire.phases.create, bindings, 'requests'));
  it('create: answers carry the client token and string indexes (§6.1, §7)', () => expectWire(wire.phases.create, nexusV3Wire.phases.create, bindings, 'replies'));
  it('poll: GET messages with operationId and no index, with both headers (§6.2, §2)', () => expectWire(wire.phases.poll, nexusV3Wire.phases.poll, bindings, 'requests'));
  it('poll: answers carry string indexes (§7)', () => expectWire(wire.phases.poll, nexusV3Wire.phases.poll, bindings, 'replies'));
  it('typing: TypingStarted with the preview in data[text] (§6.3)', () => expectWire(wire.phases.typing, nexusV3Wire.phases.typing, bindings));
  it('send: data[type]=Text, no TypingStopped (§6.3, contract §12.1)', () => expectWire(wire.phases.send, nexusV3Wire.phases.send, bindings, 'requests'));
  it('send: the echo comes back with a string index (§7)', () => expectWire(wire.phases.send, nexusV3Wire.phases.send, bindings, 'replies'));
  it('typing stop: TypingStarted then TypingStopped (§6.3, contract §12.1)', () => expectWire(wire.phases.typingStop, nexusV3Wire.phases.typingStop, bindings));
  it('files: multipart upload with operationId and one file part, then the image fetched with the §2 headers (§6.6, §6.7)', () => expectWire(wire.phases.files, nexusV3Wire.phases.files, bindings, 'requests'));
  it('files: the image message comes back with a string index (§7)', () => expectWire(wire.phases.files, nexusV3Wire.phases.files, bindings, 'replies'));
  it('userData: PUT userdata with data[key] (§6.5)', () => expectWire(wire.phases.userData, nexusV3Wire.phases.userData, bindings));
  it('wake: polls at once with index= the last raw index, sent back as received (§10, §7)', () => expectWire(wire.phases.wake, nexusV3Wire.phases.wake, bindings, 'requests'));
  it('wake: answers carry string indexes (§7)', () => expectWire(wire.phases.wake, nexusV3Wire.phases.wake, bindings, 'replies'));
  it('restore: GET messages?count=10000 with the stored token, then polling (§11.1)', () => expectWire(wire.phases.restore, nexusV3Wire.phases.restore, bindings, 'requests'));
  it('restore: the transcript comes back with string indexes (§7)', () => expectWire(wire.phases.restore, nexusV3Wire.phases.restore, bindings, 'replies'));
  it('end: DELETE the own participant with operationId (§6.4)', () => expectWire(wire.phases.end, nexusV3Wire.phases.end, bindings));
  it('every phase of the fixture matches, also one no test above names', () => expectOnlyPending(wire.phases, nexusV3Wire.phases, bindings, {}));
  it('records secrets only as digests', () => {
    const all = JSON.stringify(wire.phases);
    expect(all).not.toContain(bindings.clientToken);
    expect(all).toContain(redactSecret(bindings.clientToken!));
  });
});

/** The raw `index` of the last message the recorded answers delivered, as a string (what `index=` must echo). */
function lastRawIndex(recorded: RequestDetail[]): string | undefined {
  const indexes = recorded.flatMap((request) => {
    const messages = (request.reply?.json as { data?: { messages?: Array<{ index?: unknown }> } } | undefined)?.data?.messages;
    return Array.isArray(messages) ? messages.map((m) => m.index) : [];
  });
  return indexes.length ? String(indexes[indexes.length - 1]) : undefined;
}
