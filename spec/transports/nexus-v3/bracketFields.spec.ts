import { bracketFields } from '../../../lib/transports/nexus-v3/bracketFields';

describe('bracketFields', () => {
  it.each([
    ['a scalar', 'data[text]', 'Hi', [['data[text]', 'Hi']]],
    ['a number', 'data[n]', 5, [['data[n]', '5']]],
    ['a boolean', 'data[b]', false, [['data[b]', 'false']]],
    ['null as an empty value', 'data[x]', null, [['data[x]', '']]],
    ['undefined as nothing', 'data[x]', undefined, []],
    ['a function as nothing', 'data[x]', () => 1, []],
    ['a nested object', 'data[userData]', { a: '1', b: { c: 2 } }, [['data[userData][a]', '1'], ['data[userData][b][c]', '2']]],
    ['an array of scalars with []', 'data[tags]', ['x', 'y'], [['data[tags][]', 'x'], ['data[tags][]', 'y']]],
    ['an array of objects with indexes', 'data[list]', [{ a: 1 }, { a: 2 }], [['data[list][0][a]', '1'], ['data[list][1][a]', '2']]],
    ['a date as ISO text', 'data[d]', new Date(0), [['data[d]', '1970-01-01T00:00:00.000Z']]],
  ])('encodes %s', (_, name, value, expected) => {
    expect(bracketFields(name, value)).toEqual(expected);
  });
});
