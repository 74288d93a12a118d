import { normalizeNexusMessage } from '../../../lib/transports/nexus-v3/normalizeNexusMessage';
import { sanitizeNexusIndex } from '../../../lib/transports/nexus-v3/sanitizeNexusIndex';

const jane = { nickname: 'Jane', participantId: '198d', type: 'Customer' };
const now = 42;

describe('sanitizeNexusIndex', () => {
  it.each([
    [7, 7],
    ['7', 7],
    ['12-3', 123],
    ['1-2-3', 12],
    ['-5', 5],
    ['abc', undefined],
    ['', undefined],
    ['-', undefined],
    [Number.NaN, undefined],
    [undefined, undefined],
    [null, undefined],
  ])('%j → %s', (raw, expected) => {
    expect(sanitizeNexusIndex(raw)).toBe(expected);
  });
});

describe('normalizeNexusMessage', () => {
  it('maps a customer Text to a Client Message (contract §9.3)', () => {
    expect(normalizeNexusMessage({ index: '2-0', type: 'Text', text: 'Hello', utcTime: 1600000001000, from: jane }, now)).toEqual({
      index: 20,
      id: '2-0',
      type: 'Message',
      text: 'Hello',
      html: false,
      userData: {},
      timestamp: 1600000001000,
      from: { id: '198d', type: 'Client', name: 'Jane' },
    });
  });

  it.each([
    ['Customer', 'Client'],
    ['Agent', 'Agent'],
    ['Supervisor', 'Supervisor'],
    ['Bot', 'External'],
    ['System', 'External'],
    [undefined, 'External'],
  ])('maps from.type %s to %s', (type, expected) => {
    expect(normalizeNexusMessage({ index: '1-0', type: 'Notice', from: { type } }, now)?.from.type).toBe(expected);
  });

  it.each(['Notice', 'ParticipantJoined', 'ParticipantLeft'])('keeps type %s as-is', (type) => {
    expect(normalizeNexusMessage({ index: '1-0', type, from: jane }, now)?.type).toBe(type);
  });

  it('turns a PushUrl url into the text', () => {
    expect(normalizeNexusMessage({ index: '1-0', type: 'PushUrl', url: 'https://x.example/', from: jane }, now)?.text).toBe('https://x.example/');
  });

  it('marks typing messages and keeps their preview text', () => {
    expect(normalizeNexusMessage({ index: '1-0', type: 'TypingStarted', text: 'Hel', from: jane }, now)).toMatchObject({ isTyping: true, text: 'Hel' });
    expect(normalizeNexusMessage({ index: '2-0', type: 'TypingStopped', from: jane }, now)).toMatchObject({ isTyping: false, text: '' });
  });

  it('uses firstName when there is no nickname', () => {
    expect(normalizeNexusMessage({ index: '1-0', type: 'Text', from: { firstName: 'Kim', type: 'Agent' } }, now)?.from.name).toBe('Kim');
  });

  it('keeps a string index with a dash as id; the public index is the shipped client’s number (order and dedupe use the raw string)', () => {
    expect(normalizeNexusMessage({ index: '4-7', type: 'Text', from: jane }, now)).toMatchObject({ index: 47, id: '4-7' });
    expect(normalizeNexusMessage({ index: '5', type: 'Text', from: jane }, now)?.id).toBeUndefined();
    expect(normalizeNexusMessage({ index: 12, type: 'Text', from: jane }, now)).toMatchObject({ index: 12 });
  });

  it('keeps a message whose index holds no number (opaque): index 0, the raw string as id', () => {
    expect(normalizeNexusMessage({ index: 'ab-cd', type: 'Text', from: jane }, now)).toMatchObject({ index: 0, id: 'ab-cd' });
  });

  it('keeps content[] (images are inlined before normalizing)', () => {
    const content = [{ type: 'image', mime: 'image/png', url: 'data:image/png;base64,AA==' }];
    expect(normalizeNexusMessage({ index: '1-0', type: 'Text', content, from: jane }, now)?.content).toEqual(content);
  });

  it.each([
    ['a numeric string', '1600000000000', 1600000000000],
    ['an ISO date', '2020-09-13T12:26:40.000Z', 1600000000000],
    ['nothing', undefined, now],
    ['garbage', 'soon', now],
  ])('reads utcTime as %s', (_, utcTime, expected) => {
    expect(normalizeNexusMessage({ index: '1-0', type: 'Text', utcTime, from: jane }, now)?.timestamp).toBe(expected);
  });

  it('is undefined without an index to key by', () => {
    expect(normalizeNexusMessage({ type: 'Text', from: jane }, now)).toBeUndefined();
    expect(normalizeNexusMessage({ index: '', type: 'Text', from: jane }, now)).toBeUndefined();
    expect(normalizeNexusMessage({ index: Number.NaN, type: 'Text', from: jane }, now)).toBeUndefined();
  });
});
