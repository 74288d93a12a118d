import { startPlayground, type Playground } from '../../playground/server';
import { gmsOp, gmsPost, startGmsChat, summary, type GmsChat } from './helpers/gmsClient';

/** A multipart upload form with the identity triple, as §6.12 shows it. */
function uploadForm(chat: GmsChat, name: string, bytes: Uint8Array<ArrayBuffer> | string, type = 'image/png', description?: string): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(chat.triple)) form.set(key, value);
  if (description) form.set('userData[file-description]', description);
  form.set('file', new Blob([bytes], { type }), name);
  return form;
}

describe('playground GMS v2 files (§6.11–6.14, §10)', () => {
  let playground: Playground;
  let service: string;
  beforeAll(async () => {
    playground = await startPlayground({ agent: 'manual' });
    service = `${playground.url}/genesys/2/chat/customer-support`;
  });
  afterAll(() => playground.close());

  const limitsOf = async (chat: GmsChat) => {
    const { body } = await gmsOp(service, chat, 'file/limits');
    expect(body.statusCode).toBe(0);
    expect(body.messages).toHaveLength(1);
    return body.messages[0];
  };

  it('announces the limits as a file-client-cfg-get notice with string values, outside the transcript', async () => {
    const chat = await startGmsChat(service);
    const notice = await limitsOf(chat);
    expect(notice).toMatchObject({ type: 'Notice', text: 'file-client-cfg-get', from: { nickname: 'system', participantId: 0, type: 'External' } });
    expect(notice.index).toBeUndefined();
    expect(notice.userData).toEqual({
      'download-attempts': '10',
      'upload-max-files': '5',
      'upload-max-file-size': '10485760',
      'upload-max-total-size': '52428800',
      'upload-need-agent': 'true',
      'upload-file-types': 'jpg:png:gif:pdf:txt',
      'used-upload-max-files': '0',
      'used-upload-max-total-size': '0',
      'used-download-attempts': '0',
      'delete-file': 'odd',
    });
    expect(playground.store.get(chat.chatId)!.transcript).toHaveLength(1);
  });

  it('round trip: upload → FileUploaded in the transcript → download the same bytes → delete → FileDeleted', async () => {
    const chat = await startGmsChat(service);
    const bytes = new Uint8Array([137, 80, 78, 71, 1, 2, 3, 250]);
    const upload = await gmsPost(`${service}/${chat.chatId}/file`, uploadForm(chat, 'receipt.png', bytes, 'image/png', 'my receipt'));
    expect(upload.status).toBe(200);
    expect(upload.body).toMatchObject({ statusCode: 0, chatId: chat.chatId, userData: { 'file-id': expect.any(String) } });
    const fileId: string = upload.body.userData['file-id'];

    const refresh = await gmsOp(service, chat, 'refresh', { transcriptPosition: '2' });
    expect(refresh.body.messages).toEqual([
      expect.objectContaining({ index: 2, type: 'FileUploaded', from: expect.objectContaining({ type: 'Client' }), userData: { 'file-id': fileId, 'file-name': 'receipt.png', 'file-size': '8', 'file-description': 'my receipt' } }),
    ]);
    expect((await limitsOf(chat)).userData).toMatchObject({ 'used-upload-max-files': '1', 'used-upload-max-total-size': '8' });

    const download = await fetch(`${service}/${chat.chatId}/file/${fileId}/download`, { method: 'POST', body: uploadFormFields(chat), signal: AbortSignal.timeout(3000) });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('image/png');
    expect(download.headers.get('content-disposition')).toBe('attachment; filename="receipt.png"');
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(bytes);
    expect((await limitsOf(chat)).userData['used-download-attempts']).toBe('1');

    const deleted = await gmsOp(service, chat, `file/${fileId}/delete`);
    expect(deleted.body).toMatchObject({ statusCode: 0, chatEnded: false });
    const after = await gmsOp(service, chat, 'refresh', { transcriptPosition: '3' });
    expect(summary(after.body.messages)).toEqual(['3 FileDeleted:Client:receipt.png']);
    const again = await gmsOp(service, chat, `file/${fileId}/download`);
    expect(again.status).toBe(404);
    expect(again.body.errors).toEqual([{ code: 404, advice: 'File not found' }]);
  });

  it('downloads with an urlencoded form too (the browser client submits a form)', async () => {
    const chat = await startGmsChat(service);
    const upload = await gmsPost(`${service}/${chat.chatId}/file`, uploadForm(chat, 'note.txt', 'hello', 'text/plain'));
    const download = await fetch(`${service}/${chat.chatId}/file/${upload.body.userData['file-id']}/download`, { method: 'POST', body: new URLSearchParams(chat.triple), signal: AbortSignal.timeout(3000) });
    expect(download.status).toBe(200);
    expect(await download.text()).toBe('hello');
  });

  it('refuses a file type not in the list with HTTP 400 and code 203', async () => {
    const chat = await startGmsChat(service);
    const { status, body } = await gmsPost(`${service}/${chat.chatId}/file`, uploadForm(chat, 'tool.exe', 'MZ', 'application/octet-stream'));
    expect(status).toBe(400);
    expect(body).toMatchObject({ statusCode: 2, chatId: chat.chatId, errors: [{ code: 203, advice: 'File type is not allowed' }] });
    expect(playground.store.get(chat.chatId)!.transcript).toHaveLength(1);
  });

  it('refuses a file over the size limit with HTTP 400 and code 202', async () => {
    const chat = await startGmsChat(service);
    const { status, body } = await gmsPost(`${service}/${chat.chatId}/file`, uploadForm(chat, 'big.pdf', new Uint8Array(10485761), 'application/pdf'));
    expect(status).toBe(400);
    expect(body.errors).toEqual([{ code: 202, advice: 'Upload size limit exceeded' }]);
  });

  it('refuses the sixth file with HTTP 400 and code 201; a deleted file frees its slot', async () => {
    const chat = await startGmsChat(service);
    const ids: string[] = [];
    for (let n = 1; n <= 5; n += 1) {
      const { status, body } = await gmsPost(`${service}/${chat.chatId}/file`, uploadForm(chat, `f${n}.txt`, `file ${n}`, 'text/plain'));
      expect(status).toBe(200);
      ids.push(body.userData['file-id']);
    }
    const sixth = await gmsPost(`${service}/${chat.chatId}/file`, uploadForm(chat, 'f6.txt', 'six', 'text/plain'));
    expect(sixth.status).toBe(400);
    expect(sixth.body.errors).toEqual([{ code: 201, advice: 'Maximum number of attachments exceeded' }]);
    await gmsOp(service, chat, `file/${ids[0]}/delete`);
    const retry = await gmsPost(`${service}/${chat.chatId}/file`, uploadForm(chat, 'f6.txt', 'six', 'text/plain'));
    expect(retry.status).toBe(200);
  });

  it('refuses an upload without a file with HTTP 400 and the envelope', async () => {
    const chat = await startGmsChat(service);
    const { status, body } = await gmsPost(`${service}/${chat.chatId}/file`, uploadFormFields(chat));
    expect(status).toBe(400);
    expect(body.statusCode).toBe(2);
  });

  it('shows files the agent sends as FileUploaded from the agent, downloadable by the customer', async () => {
    const chat = await startGmsChat(service);
    playground.agent.join(chat.chatId, { name: 'Dana' });
    const sent = playground.agent.sendFile(chat.chatId, { name: 'guide.pdf', type: 'application/pdf', bytes: Buffer.from('%PDF') });
    expect(sent).toHaveProperty('file');
    const { body } = await gmsOp(service, chat, 'refresh', { transcriptPosition: '3' });
    expect(body.messages[0]).toMatchObject({ type: 'FileUploaded', from: { type: 'Agent' }, userData: { 'file-name': 'guide.pdf', 'file-size': '4' } });
    const download = await gmsOp(service, chat, `file/${body.messages[0].userData['file-id']}/download`);
    expect(download.status).toBe(200);
    expect(download.body).toEqual({ text: '%PDF' });
  });
});

/** Only the identity triple, multipart. */
function uploadFormFields(chat: GmsChat): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(chat.triple)) form.set(key, value);
  return form;
}
