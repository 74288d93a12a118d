import { nexusRequests } from '../../../lib/transports/nexus-v3/nexusRequests';
import { uuidV4 } from '../../../lib/transports/nexus-v3/operationId';
import { formOf, queryOf } from './nexusTestKit';
import { token1 } from '../../fixtures/nexusTokens';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const requests = nexusRequests({
  dataURL: 'https://host/nexus/v3/chat/sessions/',
  headers: { 'x-api-key': 'K' },
  timeout: 9000,
  uploadTimeout: 0,
  random: Math.random,
});
const session = { sessionId: 'sess 1', participantId: 'P/1', transportId: 't', token: token1 };

describe('nexusRequests', () => {
  it('creates with a form POST to dataURL (trailing slash dropped), x-api-key, an operationId and no client key', () => {
    const request = requests.create([['data[firstName]', 'Jane']]);
    expect(request).toMatchObject({ method: 'POST', url: 'https://host/nexus/v3/chat/sessions', headers: { 'x-api-key': 'K' }, timeout: 9000 });
    expect(request.headers).not.toHaveProperty('x-nexus-client-key');
    expect(formOf(request)).toEqual({ operationId: expect.stringMatching(uuid), 'data[firstName]': 'Jane' });
  });

  it('resumes with x-nexus-client-key on the create', () => {
    expect(requests.create([], 'T0').headers).toEqual({ 'x-api-key': 'K', 'x-nexus-client-key': 'T0' });
  });

  it('polls with GET, operationId in the query, the client key, and the raw index / count when given', () => {
    const plain = requests.messages(session);
    expect(plain).toMatchObject({ method: 'GET', url: expect.stringMatching(/^https:\/\/host\/nexus\/v3\/chat\/sessions\/sess%201\/messages\?/) });
    expect(plain.headers).toEqual({ 'x-api-key': 'K', 'x-nexus-client-key': token1 });
    expect(plain.body).toBeUndefined();
    expect(queryOf(plain)).toEqual({ operationId: expect.stringMatching(uuid) });
    expect(queryOf(requests.messages(session, { index: '4-7', count: 20 }))).toMatchObject({ index: '4-7', count: '20' });
  });

  it('sends text and typing as data[type] + data[text]', () => {
    expect(formOf(requests.send(session, 'TypingStarted', 'Hel'))).toMatchObject({ 'data[type]': 'TypingStarted', 'data[text]': 'Hel' });
    expect(requests.send(session, 'Text', 'x')).toMatchObject({ method: 'POST', url: 'https://host/nexus/v3/chat/sessions/sess%201/messages' });
  });

  it('ends with DELETE on the own participant, with an operationId form', () => {
    const request = requests.end(session);
    expect(request).toMatchObject({ method: 'DELETE', url: 'https://host/nexus/v3/chat/sessions/sess%201/participants/P%2F1' });
    expect(formOf(request)).toEqual({ operationId: expect.stringMatching(uuid) });
  });

  it('updates userData with PUT data[<key>]', () => {
    const request = requests.userData(session, { orderId: 'A-991', nested: { a: 1 } });
    expect(request.method).toBe('PUT');
    expect(formOf(request)).toMatchObject({ 'data[orderId]': 'A-991', 'data[nested][a]': '1' });
  });

  it('uploads one file as multipart "file" with an operationId field', () => {
    const file = new Blob(['x'], { type: 'image/png' });
    const request = requests.uploadImage(session, file, 'a.png');
    expect(request).toMatchObject({ method: 'POST', url: 'https://host/nexus/v3/chat/sessions/sess%201/images', timeout: 0 });
    expect(request.body).toMatchObject({ kind: 'multipart', files: [{ name: 'file', file, fileName: 'a.png' }] });
    expect(formOf(request)).toEqual({ operationId: expect.stringMatching(uuid) });
  });

  it('fetches images from the chat root (dataURL without /sessions) as blobs with the session headers', () => {
    expect(requests.image(session, '/sessions/s/images/i1')).toMatchObject({
      method: 'GET',
      url: 'https://host/nexus/v3/chat/sessions/s/images/i1',
      responseType: 'blob',
      headers: { 'x-api-key': 'K', 'x-nexus-client-key': token1 },
    });
    expect(requests.image(session, 'https://HOST/nexus/v3/chat/sessions/s/images/i1')?.url).toBe('https://HOST/nexus/v3/chat/sessions/s/images/i1');
  });

  it('never sends the session headers to another origin', () => {
    expect(requests.image(session, 'https://evil.example/x.png')).toBeUndefined();
  });

  it('never sends Authorization', () => {
    const all = [requests.create([]), requests.messages(session), requests.end(session), requests.send(session, 'Text', 'x')];
    for (const request of all) expect(Object.keys(request.headers ?? {})).not.toContain('Authorization');
  });
});

describe('uuidV4', () => {
  it('builds a version 4, variant 10 UUID from the random source', () => {
    expect(uuidV4(() => 0)).toBe('00000000-0000-4000-8000-000000000000');
    expect(uuidV4(() => 0.999)).toMatch(uuid);
  });
});
