import { parseNexusIndex } from '../../playground/server/nexus-v3/parseNexusIndex';

describe('parseNexusIndex (wire-nexus-v3 §7)', () => {
  it('is absent when the query has no index', () => {
    expect(parseNexusIndex(undefined)).toEqual({ kind: 'absent' });
  });

  it.each([
    ['the default string index', '12-0', 12],
    ['another <n>-<m> (m is UNCONFIRMED; the seq is n)', '7-2', 7],
    ['a plain number (numeric sessions, the client’s index=0)', '12', 12],
    ['zero', '0', 0],
  ])('reads %s', (_, value, seq) => {
    expect(parseNexusIndex(value)).toEqual({ kind: 'seq', seq });
  });

  it.each([
    ['no digits', 'abc'],
    ['a trailing dash', '1-'],
    ['a negative number', '-1'],
    ['two dashes', '1-2-3'],
    ['a decimal', '1.5'],
    ['spaces', ' 1-0'],
    ['empty', ''],
    ['a repeated parameter', ['1-0', '2-0']],
    ['beyond safe integers', '99999999999999999999'],
  ])('refuses %s', (_, value) => {
    expect(parseNexusIndex(value)).toEqual({ kind: 'invalid' });
  });
});
