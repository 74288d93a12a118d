import { decodeClientToken } from '../../../lib/transports/nexus-v3/decodeClientToken';
import { fakeToken } from '../../fixtures/nexusTokens';

describe('decodeClientToken', () => {
  it('reads {sessionId, transportId, participantId} from the JWT payload without verifying it', () => {
    const token = fakeToken({ sessionId: 'af78', transportId: 'b3ee', participantId: '198d' });
    expect(decodeClientToken(token)).toEqual({ sessionId: 'af78', transportId: 'b3ee', participantId: '198d' });
  });

  it('decodes base64url payloads with UTF-8 text', () => {
    const token = fakeToken({ sessionId: 'sé-ß', transportId: 't', participantId: 'p?>' });
    expect(decodeClientToken(token)?.sessionId).toBe('sé-ß');
  });

  it('tolerates a missing transportId', () => {
    expect(decodeClientToken(fakeToken({ sessionId: 's', participantId: 'p' }))).toEqual({ sessionId: 's', participantId: 'p', transportId: '' });
  });

  it.each([
    ['not a string', 42],
    ['no payload part', 'abc'],
    ['a payload that is not JSON', 'a.!!!.c'],
    ['a payload without sessionId', fakeToken({ participantId: 'p' })],
    ['a payload without participantId', fakeToken({ sessionId: 's' })],
    ['a JSON array payload', `x.${Buffer.from('[1]').toString('base64url')}.y`],
  ])('is undefined for %s', (_, token) => {
    expect(decodeClientToken(token)).toBeUndefined();
  });
});
