import { nexusIndexKey } from '../../../lib/transports/nexus-v3/nexusIndexKey';

describe('nexusIndexKey', () => {
  it.each([
    ['the default string index', '12-0', '12-0'],
    ['another a-b shape', '7-2', '7-2'],
    ['a plain numeric string', '12', '12'],
    ['a number, stringified', 12, '12'],
    ['zero', 0, '0'],
    ['a string with no digits', 'ab-cd', 'ab-cd'],
  ])('keys %s by its raw text', (_, raw, expected) => {
    expect(nexusIndexKey(raw)).toBe(expected);
  });

  it('tells apart indexes the shipped client’s replace("-", "") would merge', () => {
    expect(nexusIndexKey('1-10')).not.toBe(nexusIndexKey('11-0'));
  });

  it.each([
    ['absent', undefined],
    ['null', null],
    ['empty', ''],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['an object', { seq: 1 }],
  ])('has no key when %s', (_, raw) => {
    expect(nexusIndexKey(raw)).toBeUndefined();
  });
});
