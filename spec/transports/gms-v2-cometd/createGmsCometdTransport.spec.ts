import { firstValueFrom } from 'rxjs';
import { createWebChatService } from '../../../lib/createWebChatService';
import type { WebChatConfig } from '../../../lib/model/config';
import { Rejections } from '../../../lib/model/rejections';
import { fakePlatform, httpJson } from '../../../lib/testing/fakePlatform';
import type { HttpRequest, KeyValueStorage } from '../../../lib/platform/platform';
import { memoryStorage } from '../../../lib/storage/memoryStorage';
import { recordEvents } from '../../helpers/eventRecorder';
import { fakeCometd } from '../../helpers/fakeCometd';

const cometURL = 'https://gms.example/genesys/cometd';
const base: WebChatConfig = { cometD: { enabled: true, cometURL, apiURL: 'https://gms.example/genesys/2/chat-ntf' } };
const from = (type: string, participantId: number) => ({ nickname: type === 'Client' ? 'Ada' : 'Dana', participantId, type });
const msg = (index: number, type: string, who = 'Agent', text = '') => ({ index, type, utcTime: index, text, from: from(who, who === 'Client' ? 1 : 2) });
const created = { statusCode: 0, chatId: 'C1', userId: 'U1', secureKey: 'K1', alias: '117', nextPosition: 2, chatEnded: false, messages: [msg(1, 'ParticipantJoined', 'Client')] };

/** The transcript the fake server keeps; `requestNotifications` answers from the position asked. */
function server(transcript = [msg(1, 'ParticipantJoined', 'Client')]) {
  return fakeCometd((data) => {
    switch (data.operation) {
      case 'requestChat':
        return [created];
      case 'requestNotifications': {
        const position = Number(data.transcriptPosition);
        const messages = position < 0 ? [] : transcript.filter((m) => m.index >= position);
        return [{ statusCode: 0, chatEnded: false, nextPosition: transcript.length + 1, messages }];
      }
      case 'disconnect':
        return [{ statusCode: 0, chatEnded: true, messages: [] }];
      case 'sendMessage': {
        // Stored and pushed back: the push that answers the send.
        transcript.push(msg(transcript.length + 1, 'Message', 'Client', String(data.message)));
        return [{ statusCode: 0, chatEnded: false, nextPosition: transcript.length + 1, messages: transcript.slice(-1) }];
      }
      default:
        return undefined;
    }
  });
}

function open(cometd = server(), config: WebChatConfig = {}, storage: KeyValueStorage = memoryStorage(), http?: (r: HttpRequest) => ReturnType<typeof httpJson> | undefined) {
  const platform = fakePlatform({ storage, ...(http ? { http } : {}) });
  const chat = createWebChatService({ ...base, ...config, cometD: { ...base.cometD, ...config.cometD } }, { ...platform, cometd: cometd.opener });
  const events = recordEvents(chat.events$);
  return { chat, events, cometd, platform };
}

describe('gms-v2-cometd: config (contract §1, §2.1, §2.5)', () => {
  it('selects CometD for cometD.enabled without transport.type, with its capabilities', async () => {
    const { chat, events } = open(server(), { async: { enabled: true } });
    expect(await events.next('capabilitiesChanged')).toEqual({ async: true, asyncClose: 'hideChat', pagination: true, fileUpload: true });
    chat.destroy();
  });

  it('refuses a CometD config without cometURL, and async without CometD keeps its own text', async () => {
    const noUrl = createWebChatService({ cometD: { enabled: true } }, fakePlatform());
    await expect(firstValueFrom(noUrl.startChat({}))).rejects.toBe(Rejections.config);
    const rest = createWebChatService({ dataURL: 'https://gms.example/x', async: { enabled: true } }, fakePlatform());
    await expect(firstValueFrom(rest.startChat({}))).rejects.toBe(Rejections.configAsync);
    noUrl.destroy();
    rest.destroy();
  });
});

describe('gms-v2-cometd: headers (contract §2.1 apikey, enableCustomHeader, §16)', () => {
  it('sends apikey and main.header Authorization on the Bayeux requests and the file requests', async () => {
    const cometd = server();
    const platform = fakePlatform({ http: () => httpJson(200, { statusCode: 0, messages: [] }) });
    const chat = createWebChatService(
      { ...base, apikey: 'k-1', enableCustomHeader: true },
      { ...platform, cometd: cometd.opener, main: { header: { Authorization: 'Bearer abc' } } },
    );
    await firstValueFrom(chat.startChat({ nickname: 'Ada' }));
    expect(cometd.opened[0]?.requestHeaders).toEqual({ apikey: 'k-1', Authorization: 'Bearer abc' });
    await firstValueFrom(chat.getFileLimits());
    expect(platform.requests[0]?.headers).toEqual({ apikey: 'k-1', Authorization: 'Bearer abc' });
    chat.destroy();
  });
});

describe('gms-v2-cometd: a chat over the channel (wire-gms-v2 §11)', () => {
  it('publishes requestChat with a nested userData, takes the pushed answer as the start, and publishes every command', async () => {
    const { chat, events, cometd } = open(server(), { cometD: { channel: '/service/chatV2/sales', websocketEnabled: false, logLevel: 'debug' } });
    const started = await firstValueFrom(chat.startChat({ nickname: 'Ada', userData: { tier: 'gold' } }));
    expect(started).toMatchObject({ chatId: 'C1', secureKey: 'K1' });
    expect(cometd.opened[0]).toMatchObject({ url: cometURL, channel: '/service/chatV2/sales', websocketEnabled: false, logLevel: 'debug' });
    expect(cometd.published[0]).toMatchObject({ operation: 'requestChat', nickname: 'Ada', userData: { GCTI_LanguageCode: 'en', tier: 'gold' } });
    await events.next('clientConnected');
    cometd.push({ statusCode: 0, chatEnded: false, messages: [msg(2, 'ParticipantJoined'), msg(3, 'Message', 'Agent', 'hello')] });
    cometd.push({ statusCode: 0, chatEnded: false, messages: [msg(3, 'Message', 'Agent', 'hello')] });
    await events.next('agentConnected');
    await firstValueFrom(chat.sendMessage({ message: 'hi' }));
    await firstValueFrom(chat.sendCustomNotice({ message: 'note' }));
    await firstValueFrom(chat.updateUserData({ orderId: 'A-1' }));
    const ops = cometd.published.slice(1).map(({ operation, chatId, secureKey }) => ({ operation, chatId, secureKey }));
    expect(ops).toEqual(['sendMessage', 'customNotice', 'updateData'].map((operation) => ({ operation, chatId: 'C1', secureKey: 'K1' })));
    expect(cometd.published[3]).toMatchObject({ userData: { orderId: 'A-1' } });
    await firstValueFrom(chat.endChat());
    await events.next('ended');
    expect(cometd.published.at(-1)).toMatchObject({ operation: 'disconnect' });
    const texts = events.all('messageReceived').flatMap((batch) => batch.messages.map((m) => m.index));
    expect(texts).toEqual([1, 2, 3]);
    expect(cometd.open).toBe(false);
    chat.destroy();
  });

  it('rejects poll, startPoll and stopPoll with the CometD text, pausePoll with the product pattern', async () => {
    const { chat } = open();
    await firstValueFrom(chat.startChat({ nickname: 'Ada' }));
    for (const command of ['startPoll', 'stopPoll'] as const) await expect(firstValueFrom(chat[command]())).rejects.toBe(Rejections.pollCometD);
    await expect(firstValueFrom(chat.command('WebChatService.poll', {}, 'WebChatService'))).rejects.toBe(Rejections.pollCometD);
    await expect(firstValueFrom(chat.pausePoll())).rejects.toBe("This transport doesn't support pausePoll command.");
    chat.destroy();
  });

  it('ends the session on a pushed chatEnded, with error first for statusCode 2 with errors', async () => {
    const { chat, events, cometd } = open();
    await firstValueFrom(chat.startChat({ nickname: 'Ada' }));
    cometd.push({ statusCode: 2, chatEnded: true, secureKey: 'K1', errors: [{ code: 249, advice: 'media' }], messages: [] });
    const error = await events.next('error');
    expect(error).not.toHaveProperty('secureKey');
    await events.next('ended');
    chat.destroy();
  });
});

describe('gms-v2-cometd: pushes carry no request id (wire-gms-v2 §11)', () => {
  it('a send refused with statusCode 1 is answered by that push, not by the Bayeux reply: the server did not take it, so the outbox sends it again once (as on REST GMS)', async () => {
    let sends = 0;
    const echoed = { statusCode: 0, secureKey: 'K1', chatEnded: false, messages: [msg(2, 'Message', 'Client', 'hi')] };
    const cometd = fakeCometd((data) => {
      if (data.operation === 'requestChat') return [created];
      if (data.operation !== 'sendMessage') return undefined;
      sends += 1;
      return sends === 1 ? [{ statusCode: 1, secureKey: 'K1', messages: [] }] : [echoed];
    });
    const { chat, events } = open(cometd);
    await firstValueFrom(chat.startChat({ nickname: 'Ada' }));
    const sent = firstValueFrom(chat.sendMessage({ message: 'hi' }));
    // Settled on the Bayeux reply, the send would resolve with `{statusCode: 0}` and never go again.
    await expect(sent).resolves.toMatchObject({ statusCode: 0, messages: [{ index: 2, text: 'hi' }] });
    expect(cometd.published.filter((p) => p.operation === 'sendMessage')).toHaveLength(2);
    expect(chat.state.outbox).toEqual([]);
    expect(events.all('messageReceived').flatMap((b) => b.messages).filter((m) => m.text === 'hi')).toHaveLength(1);
    chat.destroy();
  });

  it('a send made as the connection is lost is not published, and the outbox sends it once the connection is back (never a refusal)', async () => {
    const cometd = server();
    const { chat, events } = open(cometd);
    await firstValueFrom(chat.startChat({ nickname: 'Ada' }));
    // The link knows of the loss at once, the outbox a tick later: a send in that tick must not fail.
    cometd.drop();
    const sent = firstValueFrom(chat.sendMessage({ message: 'in the gap' }));
    await events.next('disconnected');
    await events.next('reconnected', undefined, 6000);
    await expect(sent).resolves.toMatchObject({ statusCode: 0 });
    expect(cometd.published.filter((p) => p.operation === 'sendMessage').map((p) => p.message)).toEqual(['in the gap']);
    expect(chat.state.outbox).toEqual([]);
    chat.destroy();
  }, 15000);

  it('a queued send the server answers with statusCode 2 (chatEnded) ends the chat: error, then ended, and the send rejects', async () => {
    const ending = { statusCode: 2, chatEnded: true, secureKey: 'K1', errors: [{ code: 249, advice: 'media' }], messages: [] };
    const cometd = fakeCometd((data) => (data.operation === 'requestChat' ? [created] : data.operation === 'sendMessage' ? [ending] : undefined));
    const { chat, events } = open(cometd);
    await firstValueFrom(chat.startChat({ nickname: 'Ada' }));
    cometd.drop();
    await events.next('disconnected');
    const sent = firstValueFrom(chat.sendMessage({ message: 'last words' }));
    sent.catch(() => undefined);
    expect(chat.state.outbox.map((e) => e.status)).toEqual(['queued']);
    await events.next('error', undefined, 6000);
    await events.next('ended');
    await expect(sent).rejects.toMatchObject({ statusCode: 2 });
    expect(chat.state.outbox).toEqual([]);
    chat.destroy();
  }, 15000);

  it('a send no push answers (its message or its failure lost to a drop) is not resolved on the Bayeux reply: its fate is unknown, never sent again', async () => {
    const cometd = fakeCometd((data) => (data.operation === 'requestChat' ? [created] : data.operation === 'sendMessage' ? [] : undefined));
    const { chat } = open(cometd, { ajaxTimeout: 200 });
    await firstValueFrom(chat.startChat({ nickname: 'Ada' }));
    await expect(firstValueFrom(chat.sendMessage({ message: 'into the void' }))).rejects.toMatchObject({ errorReason: 'MessageDeliveryUnknown' });
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(cometd.published.filter((p) => p.operation === 'sendMessage')).toHaveLength(1);
    expect(chat.state.outbox.map((e) => e.status)).toEqual(['failed']);
    chat.destroy();
  });

  it('a send still waiting for its answer when the chat ends on another push settles (the link closed under it)', async () => {
    const cometd = fakeCometd((data) => (data.operation === 'requestChat' ? [created] : data.operation === 'sendMessage' ? [] : undefined));
    const { chat, events } = open(cometd, { ajaxTimeout: 5000 });
    await firstValueFrom(chat.startChat({ nickname: 'Ada' }));
    const sent = firstValueFrom(chat.sendMessage({ message: 'as it ends' }));
    sent.catch(() => undefined);
    expect(chat.state.outbox.map((e) => e.status)).toEqual(['sending']);
    cometd.push({ statusCode: 0, chatEnded: true, messages: [] });
    await events.next('ended');
    await expect(Promise.race([sent.then(() => 'resolved', () => 'rejected'), new Promise((resolve) => setTimeout(() => resolve('hanging'), 1000))])).resolves.toBe('rejected');
    chat.destroy();
  });

  it('a send whose message comes back late (within two ajaxTimeouts, as a re-attach brings it) resolves with that push', async () => {
    const cometd = fakeCometd((data) => (data.operation === 'requestChat' ? [created] : data.operation === 'sendMessage' ? [] : undefined));
    const { chat } = open(cometd, { ajaxTimeout: 300 });
    await firstValueFrom(chat.startChat({ nickname: 'Ada' }));
    const sent = firstValueFrom(chat.sendMessage({ message: 'late' }));
    setTimeout(() => cometd.push({ statusCode: 0, chatEnded: false, messages: [msg(2, 'Message', 'Client', 'late')] }), 450);
    await expect(sent).resolves.toMatchObject({ messages: [{ index: 2, text: 'late' }] });
    chat.destroy();
  });

  it('a push past a missing index is held, the gap asked for with requestNotifications, and all published in order', async () => {
    const cometd = fakeCometd((data) =>
      data.operation === 'requestChat' ? [created] : data.operation === 'requestNotifications' ? [{ statusCode: 0, chatEnded: false, messages: [msg(2, 'ParticipantJoined'), msg(3, 'Message', 'Agent', 'late')] }] : undefined,
    );
    const { chat, events } = open(cometd);
    await firstValueFrom(chat.startChat({ nickname: 'Ada' }));
    await events.next('messageReceived');
    cometd.push({ statusCode: 0, chatEnded: false, messages: [msg(3, 'Message', 'Agent', 'late')] });
    await events.next('messageReceived', (batch) => batch.messages.some((m) => m.text === 'late'));
    expect(cometd.published.at(-1)).toMatchObject({ operation: 'requestNotifications', transcriptPosition: 2 });
    cometd.push({ statusCode: 0, chatEnded: false, messages: [msg(2, 'ParticipantJoined')] });
    expect(events.all('messageReceived').flatMap((batch) => batch.messages.map((m) => m.index))).toEqual([1, 2, 3]);
    chat.destroy();
  });
});

describe('gms-v2-cometd: files go to cometD.apiURL (wire-gms-v2 §11)', () => {
  it('posts multipart with the operation and the identity, and parses the limits', async () => {
    const limits = { statusCode: 0, messages: [{ type: 'Notice', text: 'file-client-cfg-get', userData: { 'upload-max-files': '5', 'upload-file-types': 'png:pdf' } }] };
    const { chat, platform } = open(server(), {}, memoryStorage(), () => httpJson(200, limits));
    await firstValueFrom(chat.startChat({ nickname: 'Ada' }));
    const answer = (await firstValueFrom(chat.getFileLimits())) as { limits: { uploadMaxFiles: number; uploadFileTypes: string[] } };
    expect(answer.limits).toMatchObject({ uploadMaxFiles: 5, uploadFileTypes: ['png', 'pdf'] });
    await firstValueFrom(chat.sendFile({ files: new Blob(['x']) as File }));
    const [get, upload] = platform.requests;
    const fields = (r: HttpRequest) => (r.body?.kind === 'multipart' ? Object.fromEntries(r.body.fields) : {});
    expect(get.url).toBe('https://gms.example/genesys/2/chat-ntf');
    expect(fields(get)).toMatchObject({ operation: 'fileGetLimits', secureKey: 'K1', chatId: 'C1' });
    expect(fields(upload)).toMatchObject({ operation: 'fileUpload', secureKey: 'K1' });
    expect(upload.body?.kind === 'multipart' && upload.body.files).toHaveLength(1);
    chat.destroy();
  });
});

describe('gms-v2-cometd: restore after navigation (contract §14.3)', () => {
  it('re-attaches with the stored keys and replays the transcript from 1 once, then only new pushes', async () => {
    const storage = memoryStorage();
    const transcript = [msg(1, 'ParticipantJoined', 'Client'), msg(2, 'ParticipantJoined'), msg(3, 'Message', 'Agent', 'hello')];
    const first = open(server(transcript), {}, storage);
    await firstValueFrom(first.chat.startChat({ nickname: 'Ada' }));
    first.chat.destroy();
    const second = open(server(transcript), {}, storage);
    const replay = await second.events.next('messageReceived');
    expect(replay.restoring).toBe(true);
    expect(replay.messages.map((m) => m.index)).toEqual([1, 2, 3]);
    expect(second.cometd.published[0]).toMatchObject({ operation: 'requestNotifications', transcriptPosition: 1, chatId: 'C1', secureKey: 'K1' });
    second.cometd.push({ statusCode: 0, chatEnded: false, messages: [msg(3, 'Message', 'Agent', 'hello'), msg(4, 'Message', 'Agent', 'again')] });
    const live = await second.events.next('messageReceived');
    expect(live.messages.map((m) => m.index)).toEqual([4]);
    second.chat.destroy();
  });
});

describe('gms-v2-cometd: async mode (contract §14.5, webchat.async)', () => {
  const transcript = Array.from({ length: 30 }, (_, i) => msg(i + 1, 'Message', i % 2 ? 'Agent' : 'Client', `m${i + 1}`));

  it('hands the session to getSessionData, restores from setSessionData at -1 then one page back, and pages older with fetchHistory', async () => {
    const written: Array<Record<string, unknown>> = [];
    const async = { enabled: true, maxMessagePageSize: 10, getSessionData: (data: Record<string, unknown>) => void written.push(data), setSessionData: () => written.at(-1) };
    const first = open(server(transcript), { async });
    await firstValueFrom(first.chat.startChat({ nickname: 'Ada' }));
    expect(first.cometd.published[0]).toMatchObject({ userData: { GCTI_Chat_AsyncMode: 'true' } });
    expect(written.at(-1)).toMatchObject({ secureKey: 'K1', sessionID: 'C1', transcriptPosition: 2 });
    first.chat.destroy();

    const second = open(server(transcript), { async }, memoryStorage());
    expect(await second.events.next('restored')).toEqual({ async: true });
    const page = await second.events.next('messageReceived');
    expect(page.restoring).toBe(true);
    expect(page.messages.map((m) => m.index)).toEqual([21, 22, 23, 24, 25, 26, 27, 28, 29, 30]);
    expect(second.cometd.published.map((p) => p.transcriptPosition)).toEqual([-1, 21]);
    await firstValueFrom(second.chat.fetchHistory());
    const older = await second.events.next('messageReceived');
    expect(older.oldMessages).toBe(true);
    expect(older.messages.map((m) => m.index).sort((a, b) => a - b)).toEqual([11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
    await firstValueFrom(second.chat.fetchHistory());
    await expect(firstValueFrom(second.chat.fetchHistory())).rejects.toBe(Rejections.historyEnd);
    second.chat.destroy();
  });

  it('without async, fetchHistory keeps the async-only rejection', async () => {
    const { chat } = open();
    await firstValueFrom(chat.startChat({ nickname: 'Ada' }));
    await expect(firstValueFrom(chat.fetchHistory())).rejects.toBe(Rejections.historyAsync);
    chat.destroy();
  });
});
