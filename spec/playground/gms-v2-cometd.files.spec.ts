import { redactSecret, startPlayground, type Playground } from '../../playground/server';
import { GMS_COMETD_TRANSPORT } from '../../playground/server/protocols/gms-v2-cometd';
import { cometdCustomer, CHANNEL, type CometdCustomer } from './helpers/cometdClient';

/** The CometD file API (`POST /genesys/2/chat-ntf`, wire-gms-v2 §11) and the recording of publishes. */
describe('playground GMS v2 over CometD: chat-ntf files and recorded publishes', () => {
  let playground: Playground;
  let customer: CometdCustomer;
  let chatId: string;
  let secureKey: string;

  beforeAll(async () => {
    playground = await startPlayground({ agent: 'manual', recordRequests: true });
    customer = await cometdCustomer(`${playground.url}/genesys/cometd`, 'websocket');
    await customer.publish({ operation: 'requestChat', nickname: 'Ada' });
    const first = await customer.nextPush();
    chatId = first.chatId as string;
    secureKey = first.secureKey as string;
  });
  afterAll(async () => {
    await customer.close();
    await playground.close();
  });

  const ntf = async (fields: Record<string, string>, file?: { name: string; bytes: string }) => {
    const form = new FormData();
    for (const [key, value] of Object.entries(fields)) form.set(key, value);
    if (file) form.set('file', new Blob([file.bytes], { type: 'text/plain' }), file.name);
    const response = await fetch(`${playground.url}/genesys/2/chat-ntf`, { method: 'POST', body: form, signal: AbortSignal.timeout(5000) });
    return { status: response.status, type: response.headers.get('content-type') ?? '', text: await response.text() };
  };
  const json = (reply: { text: string }) => JSON.parse(reply.text) as Record<string, unknown> & { messages: Array<Record<string, unknown>> };

  it('fileGetLimits answers the file-client-cfg-get notice', async () => {
    const reply = await ntf({ operation: 'fileGetLimits', secureKey });
    expect(reply.status).toBe(200);
    expect(json(reply)).toMatchObject({ statusCode: 0, chatId, messages: [{ type: 'Notice', text: 'file-client-cfg-get', userData: { 'upload-max-files': '5', 'used-upload-max-files': '0' } }] });
  });

  it('fileUpload stores the file, answers its file-id and pushes FileUploaded on the channel; download and delete follow', async () => {
    const upload = await ntf({ operation: 'fileUpload', secureKey, 'userData[file-description]': 'receipt' }, { name: 'receipt.txt', bytes: 'paid' });
    expect(upload.status).toBe(200);
    const fileId = (json(upload).userData as Record<string, string>)['file-id'];
    expect(fileId).toEqual(expect.any(String));
    const pushed = await customer.pushWhere((p) => p.messages.some((m) => m.type === 'FileUploaded'));
    expect(pushed.messages[0]).toMatchObject({ index: 2, userData: { 'file-id': fileId, 'file-name': 'receipt.txt', 'file-size': '4', 'file-description': 'receipt' } });

    const download = await ntf({ operation: 'fileDownload', secureKey, fileId });
    expect(download).toMatchObject({ status: 200, text: 'paid' });
    expect(download.type).toMatch(/^text\/plain/);

    expect(json(await ntf({ operation: 'fileDelete', secureKey, fileId }))).toMatchObject({ statusCode: 0 });
    await customer.pushWhere((p) => p.messages.some((m) => m.type === 'FileDeleted'));
    expect((await ntf({ operation: 'fileDownload', secureKey, fileId })).status).toBe(404);
  });

  it('refuses a wrong key (§13 envelope), a file type out of the limits (HTTP 400, code 203) and an unknown operation', async () => {
    expect(json(await ntf({ operation: 'fileGetLimits', secureKey: 'nope' }))).toMatchObject({ statusCode: 2, errors: [{ code: 404 }] });
    const refused = await ntf({ operation: 'fileUpload', secureKey }, { name: 'tool.exe', bytes: 'MZ' });
    expect(refused.status).toBe(400);
    expect(json(refused)).toMatchObject({ statusCode: 2, errors: [{ code: 203 }] });
    expect((await ntf({ operation: 'fileRename', secureKey })).status).toBe(400);
  });

  it('the HTTP faults apply to the chat-ntf routes', async () => {
    playground.faults.add({ transport: GMS_COMETD_TRANSPORT, route: 'fileLimits', kind: 'http503' });
    expect((await ntf({ operation: 'fileGetLimits', secureKey })).status).toBe(503);
    expect((await ntf({ operation: 'fileGetLimits', secureKey })).status).toBe(200);
  });

  it('records every publish with its operation and the secureKey redacted, and the push that answered it', async () => {
    await customer.publish({ operation: 'sendMessage', message: 'recorded', secureKey });
    await customer.pushWhere((p) => p.messages.some((m) => m.text === 'recorded'));
    const entry = playground.requestLog.find((e) => e.transport === GMS_COMETD_TRANSPORT && e.route === 'sendMessage');
    expect(entry).toMatchObject({ method: 'PUBLISH', path: CHANNEL, sessionId: chatId });
    expect(entry!.detail!.json).toEqual({ operation: 'sendMessage', message: 'recorded', secureKey: redactSecret(secureKey) });
    expect(entry!.detail!.reply).toMatchObject({ status: 200, json: { statusCode: 0, secureKey: redactSecret(secureKey), messages: [{ text: 'recorded' }] } });
    expect(JSON.stringify(playground.requestLog)).not.toContain(secureKey);
    expect(playground.requestLog.some((e) => e.route === 'handshake' && e.transport === GMS_COMETD_TRANSPORT)).toBe(true);
  });
});
