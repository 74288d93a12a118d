import { classifyCloudResponse } from '../../../lib/transports/purecloud-v2/classifyCloudResponse';
import { classifyFrame } from '../../../lib/transports/purecloud-v2/classifyFrame';

describe('classifyCloudResponse', () => {
  it.each([
    [200, 'ok'],
    [204, 'ok'],
    [0, 'networkDown'],
    [401, 'sessionLost'],
    [404, 'sessionLost'],
    [408, 'serverError'],
    [429, 'serverError'],
    [500, 'serverError'],
    [503, 'serverError'],
    [400, 'refused'],
    [403, 'refused'],
    [413, 'refused'],
  ])('HTTP %i ⇒ %s', (status, verdict) => {
    expect(classifyCloudResponse({ status })).toBe(verdict);
  });
});

describe('classifyFrame', () => {
  const conv = { id: 'CV' };
  const frame = (type: string | undefined, eventBody: unknown, topicName = 'v2.conversations.chats.CV.messages') =>
    JSON.stringify({ topicName, version: '2', eventBody, ...(type ? { metadata: { CorrelationId: 'c', type } } : {}) });

  it.each<[string, string, unknown]>([
    ['the heartbeat', JSON.stringify({ topicName: 'channel.metadata', eventBody: { message: 'WebSocket Heartbeat' } }), { kind: 'heartbeat' }],
    [
      'a message',
      frame('message', { id: 'm3', conversation: conv, sender: { id: 'AG' }, body: 'Hi', bodyType: 'standard', timestamp: '2020-08-05T13:09:49.546Z' }),
      { kind: 'message', message: expect.objectContaining({ id: 'm3', body: 'Hi' }) },
    ],
    ['a member-join', frame('message', { id: 'm2', sender: { id: 'AG' }, body: '', bodyType: 'member-join' }), { kind: 'message', message: expect.objectContaining({ bodyType: 'member-join' }) }],
    ['a typing indicator', frame('typing-indicator', { id: 't-41', conversation: conv, sender: { id: 'AG' }, timestamp: 'x' }), { kind: 'typing', typing: expect.objectContaining({ id: 't-41' }) }],
    [
      'a member-change',
      frame('member-change', { conversation: conv, member: { id: 'AG', state: 'CONNECTED' } }, 'v2.conversations.chats.CV.members'),
      { kind: 'memberChange', change: expect.objectContaining({ member: { id: 'AG', state: 'CONNECTED' } }) },
    ],
    ['the socket_closing topic', frame(undefined, {}, 'v2.system.socket_closing'), { kind: 'closing' }],
    ['text that is not JSON', 'ping', { kind: 'unknown', reason: 'malformed' }],
    ['a message without a sender', frame('message', { id: 'm9', body: 'x' }), { kind: 'unknown', reason: 'unrecognised' }],
    ['an unknown metadata type', frame('media-request', { id: 'r1', sender: { id: 'AG' } }), { kind: 'unknown', reason: 'unrecognised' }],
    ['JSON without a topic', JSON.stringify({ hello: 1 }), { kind: 'unknown', reason: 'unrecognised' }],
  ])('%s', (_name, data, expected) => {
    expect(classifyFrame(data)).toEqual(expected);
  });

  it('a binary frame is unknown', () => {
    expect(classifyFrame(new Uint8Array([1, 2]))).toEqual({ kind: 'unknown', reason: 'malformed' });
  });
});
