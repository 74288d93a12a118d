import WebSocket from 'ws';
import { redactSecret, startPlayground } from '../../playground/server';
import { gmsOp, startGmsChat } from './helpers/gmsClient';

describe('startPlayground({ recordRequests })', () => {
  it('is off by default: the request log carries no detail', async () => {
    const playground = await startPlayground({ agent: 'manual' });
    try {
      await startGmsChat(`${playground.url}/genesys/2/chat/customer-support`);
      expect(playground.requestLog).toHaveLength(1);
      expect(playground.requestLog[0].detail).toBeUndefined();
    } finally {
      await playground.close();
    }
  });

  it('records GMS form fields and headers, with the secureKey only as a digest, and the answer', async () => {
    const playground = await startPlayground({ agent: 'manual', recordRequests: true });
    try {
      const service = `${playground.url}/genesys/2/chat/customer-support`;
      const chat = await startGmsChat(service, { nickname: 'Ada', 'userData[orderId]': 'A-1' });
      await gmsOp(service, chat, 'refresh', { transcriptPosition: '2', message: '' });
      const [create, refresh] = playground.requestLog.map((entry) => entry.detail!);
      expect(create).toMatchObject({ method: 'POST', path: '/genesys/2/chat/customer-support/', body: 'form', fields: { nickname: 'Ada', secureKey: '', 'userData[orderId]': 'A-1' } });
      expect(create.reply).toMatchObject({ status: 200, json: { statusCode: 0, secureKey: redactSecret(chat.triple.secureKey) } });
      expect(refresh.fields).toEqual({ userId: chat.triple.userId, secureKey: redactSecret(chat.triple.secureKey), alias: chat.triple.alias, transcriptPosition: '2', message: '' });
      expect(refresh.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
      expect(JSON.stringify(playground.requestLog)).not.toContain(chat.triple.secureKey);
    } finally {
      await playground.close();
    }
  });

  it('records a Nexus multipart upload parsed after the log entry, the client token as a digest, and a Cloud stream path without its JWT', async () => {
    const playground = await startPlayground({ agent: 'manual', recordRequests: true });
    const headers = { 'x-api-key': 'playground-key' };
    try {
      const created = (await (await fetch(`${playground.url}/nexus/v3/chat/sessions`, { method: 'POST', headers, body: new URLSearchParams({ operationId: 'o1', 'data[nickname]': 'Jane', 'data[endpoint]': 'EP' }) })).json()) as { data: { clientToken: string; entity: { id: string } } };
      const { clientToken, entity } = created.data;
      const form = new FormData();
      form.append('operationId', 'o2');
      form.append('file', new Blob([Uint8Array.from([137, 80, 78, 71])], { type: 'image/png' }), 'label.png');
      await fetch(`${playground.url}/nexus/v3/chat/sessions/${entity.id}/images`, { method: 'POST', headers: { ...headers, 'x-nexus-client-key': clientToken }, body: form });
      const upload = playground.requestLog.find((entry) => entry.route === 'upload')!.detail!;
      expect(upload).toMatchObject({ body: 'multipart', fields: { operationId: 'o2' }, files: [{ field: 'file', name: 'label.png', type: 'image/png' }], headers: { 'x-nexus-client-key': redactSecret(clientToken) } });
      expect(upload.headers['content-type']).toBe('multipart/form-data; boundary=*');

      const cloudReply = await fetch(`${playground.url}/api/v2/webchat/guest/conversations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ organizationId: 'o', deploymentId: 'd', routingTarget: { targetType: 'QUEUE', targetAddress: 'Q' }, memberInfo: { displayName: 'Ada' } }),
      });
      const cloud = (await cloudReply.json()) as { jwt: string; eventStreamUri: string };
      const socket = new WebSocket(cloud.eventStreamUri);
      await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
      socket.close();
      const attach = playground.requestLog.find((entry) => entry.route === 'socket')!.detail!;
      expect(attach.path).toBe(`/v1/token/${redactSecret(cloud.jwt)}`);
      expect(playground.requestLog.find((entry) => entry.transport === 'purecloud-v2' && entry.route === 'create')!.detail!.reply!.json).toMatchObject({ jwt: redactSecret(cloud.jwt) });
      const log = JSON.stringify(playground.requestLog);
      expect(log).not.toContain(clientToken);
      expect(log).not.toContain(cloud.jwt);
    } finally {
      await playground.close();
    }
  });

  it('keeps values that only look dotted (host names, versions) in clear', async () => {
    const playground = await startPlayground({ agent: 'manual', recordRequests: true });
    try {
      await startGmsChat(`${playground.url}/genesys/2/chat/customer-support`, { nickname: 'Ada', 'userData[host]': 'shop.example.com', 'userData[v]': 'webchat-rx.0.1' });
      expect(playground.requestLog[0].detail!.fields).toMatchObject({ 'userData[host]': 'shop.example.com', 'userData[v]': 'webchat-rx.0.1' });
    } finally {
      await playground.close();
    }
  });

  it('redactSecret keeps an empty value empty and gives equal secrets equal digests', () => {
    expect(redactSecret('')).toBe('');
    expect(redactSecret('K1')).toBe(redactSecret('K1'));
    expect(redactSecret('K1')).not.toBe(redactSecret('K2'));
    expect(redactSecret('K1')).not.toContain('K1');
  });
});
