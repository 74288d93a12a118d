import { writeFileSync } from 'node:fs';
import { firstValueFrom } from 'rxjs';
import type { WebChatConfig } from '../../lib/model/config';
import { memoryStorage } from '../../lib/storage/memoryStorage';
import { redactSecret, startPlayground } from '../../playground/server/index';
import type { Playground } from '../../playground/server/index';
import { gmsV2Wire } from '../fixtures/wire/gms-v2';
import { agentJoinsAndSays, endAndSeeEnded, fidelityServices, nextRequest, startTyping, sendAndSeeEcho, typeThenStop, type FidelityChat } from './fidelityHarness';
import { expectOnlyPending, expectWire, type Bindings } from './wireCheck';
import { recordWire, type WireRecorder } from './wireRecorder';
import { playgroundConfig } from '../helpers/playgroundConfig';

const API_KEY = 'k-123';

describe('GMS v2 wire fidelity: a whole chat, request by request against wire-gms-v2.md', () => {
  let playground: Playground;
  let wire: WireRecorder;
  const bindings: Bindings = {};
  const services = fidelityServices(memoryStorage());
  const config = (): WebChatConfig => playgroundConfig('gms-v2', playground.url, { apikey: API_KEY, pollRateMin: 150, pollRateMax: 200, userData: { orderId: 'A-1' } });
  const open = (): FidelityChat => services.open(config());

  beforeAll(async () => {
    playground = await startPlayground({ agent: 'manual', gmsApiKey: API_KEY, recordRequests: true });
    wire = recordWire(playground, 'gms-v2');
    bindings.apikey = API_KEY;
    let page = open();
    let { chat, events } = page;
    await events.next('ready');

    await wire.phase('create', async () => {
      const started = await firstValueFrom(chat.startChat({ nickname: 'Ada', firstname: 'Ada', lastname: 'Lovelace', email: 'ada@example.com', subject: 'Billing' }));
      Object.assign(bindings, { chatId: started.chatId, userId: started.userId, secureKey: started.secureKey, alias: started.alias });
      await events.next('pollingStarted');
    });
    const id = bindings.chatId!;

    await wire.phase('poll', () => agentJoinsAndSays(playground, page, id, 'Dana', 'Hello Ada'));

    await wire.phase('typing', async () => {
      await startTyping(page, 'My ord');
      await nextRequest(playground, 'refresh');
    });

    await wire.phase('send', async () => {
      await sendAndSeeEcho(page, 'My order is late');
    });
    await wire.phase('afterSend', () => nextRequest(playground, 'refresh'));

    await wire.phase('typingStop', () => typeThenStop(page, 'one sec'));
    await wire.phase('afterTypingStop', () => nextRequest(playground, 'refresh'));

    await wire.phase('files', async () => {
      await firstValueFrom(chat.getFileLimits());
      const file = new File([new TextEncoder().encode('receipt bytes')], 'receipt.txt', { type: 'text/plain' });
      const uploaded = (await firstValueFrom(chat.sendFile({ files: [file] }))) as { userData?: Record<string, string> };
      bindings.fileId = uploaded.userData?.['file-id'];
      await firstValueFrom(chat.downloadFile({ fileId: bindings.fileId! }));
    });

    await wire.phase('restore', async () => {
      // The page goes away without ending the chat; a new page life restores from the same storage.
      page = await services.reopen(config());
      ({ chat, events } = page);
      await events.next('pollingStarted');
      await nextRequest(playground, 'refresh');
    });

    await wire.phase('end', () => endAndSeeEnded(page));
  }, 30_000);

  afterAll(async () => {
    services.destroyAll();
    await playground.close();
  });

  it('create: Request chat (§6.1) with the identity triple empty and every automatic userData key', () => expectWire(wire.phases.create, gmsV2Wire.phases.create, bindings));
  it('poll: refresh with the triple, transcriptPosition and an empty preview (§6.3)', () => expectWire(wire.phases.poll, gmsV2Wire.phases.poll, bindings));
  it('typing: startTyping with the preview, and polls that carry it (§6.4, §6.3)', () => expectWire(wire.phases.typing, gmsV2Wire.phases.typing, bindings));
  it('send: send with message and messageType, no stopTyping (§6.2, §12 step 6)', () => expectWire(wire.phases.send, gmsV2Wire.phases.send, bindings));
  it('after a send: the next refresh carries message= (empty) (§12 step 7)', () => expectWire(wire.phases.afterSend, gmsV2Wire.phases.afterSend, bindings));
  it('typing stop: startTyping then stopTyping (§6.4, §6.5)', () => expectWire(wire.phases.typingStop, gmsV2Wire.phases.typingStop, bindings));
  it('after typing stops: the next refresh carries message= (empty) (contract §11.1)', () => expectWire(wire.phases.afterTypingStop, gmsV2Wire.phases.afterTypingStop, bindings));
  it('files: limits, multipart upload with the triple, download (§6.11-§6.13)', () => expectWire(wire.phases.files, gmsV2Wire.phases.files, bindings));
  it('restore: refresh from position 1 with the stored triple, then polling (contract §14.3)', () => expectWire(wire.phases.restore, gmsV2Wire.phases.restore, bindings));
  it('end: disconnect with the triple (§6.6)', () => expectWire(wire.phases.end, gmsV2Wire.phases.end, bindings));
  it('every phase of the fixture matches, also one no test above names', () => expectOnlyPending(wire.phases, gmsV2Wire.phases, bindings, {}));
  it('records secrets only as digests', () => {
    const all = JSON.stringify(wire.phases);
    expect(all).not.toContain(bindings.secureKey);
    expect(all).toContain(redactSecret(bindings.secureKey!));
  });
});
