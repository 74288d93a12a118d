import { nexusPollDelay } from '../../lib/operators/nexusPollDelay';

const config = { pollTimeout: 3000, pollIntervalMultiplier: 1.2, max: 30000 };

describe('nexusPollDelay', () => {
  it.each`
    failures | retryAfterMs | expected | why
    ${0}     | ${undefined} | ${3000}  | ${'pollTimeout after a success'}
    ${1}     | ${undefined} | ${3600}  | ${'× 1.2 after one failed poll'}
    ${2}     | ${undefined} | ${4320}  | ${'compounding'}
    ${3}     | ${undefined} | ${5184}  | ${'compounding'}
    ${13}    | ${undefined} | ${30000} | ${'capped at max'}
    ${500}   | ${undefined} | ${30000} | ${'stays capped'}
    ${0}     | ${10000}     | ${10000} | ${'a 429 Retry-After is honoured'}
    ${3}     | ${1000}      | ${5184}  | ${'a shorter Retry-After is moot'}
  `('$failures failures, Retry-After $retryAfterMs ⇒ $expected ($why)', ({ failures, retryAfterMs, expected }) => {
    expect(nexusPollDelay(failures, config, retryAfterMs)).toBeCloseTo(expected, 9);
  });

  it('reads its own multiplier and cap', () => {
    expect(nexusPollDelay(2, { pollTimeout: 100, pollIntervalMultiplier: 2, max: 350 })).toBe(350);
    expect(nexusPollDelay(1, { pollTimeout: 100, pollIntervalMultiplier: 2, max: 350 })).toBe(200);
  });
});
