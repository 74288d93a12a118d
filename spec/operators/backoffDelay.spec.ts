import { backoffDelay } from '../../lib/operators/backoffDelay';

const config = { base: 2000, max: 30000 };

describe('backoffDelay', () => {
  it.each`
    attempt | random  | retryAfterMs | expected | why
    ${1}    | ${0}    | ${undefined} | ${1000}  | ${'d = base; lowest draw is d/2'}
    ${1}    | ${1}    | ${undefined} | ${2000}  | ${'d = base; highest draw is d'}
    ${1}    | ${0.5}  | ${undefined} | ${1500}  | ${'uniform in [d/2, d]'}
    ${2}    | ${1}    | ${undefined} | ${4000}  | ${'doubles per attempt'}
    ${3}    | ${0}    | ${undefined} | ${4000}  | ${'d = 8000'}
    ${4}    | ${1}    | ${undefined} | ${16000} | ${'d = 16000'}
    ${5}    | ${1}    | ${undefined} | ${30000} | ${'capped at max'}
    ${5}    | ${0}    | ${undefined} | ${15000} | ${'jitter applies to the cap too'}
    ${40}   | ${1}    | ${undefined} | ${30000} | ${'stays capped'}
    ${0}    | ${1}    | ${undefined} | ${2000}  | ${'attempt below 1 counts as 1'}
    ${1}    | ${0}    | ${5000}      | ${5000}  | ${'Retry-After longer than the delay wins'}
    ${3}    | ${1}    | ${5000}      | ${8000}  | ${'Retry-After shorter than the delay is moot'}
    ${1}    | ${0}    | ${0}         | ${1000}  | ${'Retry-After: 0 changes nothing'}
  `('attempt $attempt, random $random, Retry-After $retryAfterMs ⇒ $expected ($why)', ({ attempt, random, retryAfterMs, expected }) => {
    expect(backoffDelay(attempt, config, () => random, retryAfterMs)).toBe(expected);
  });

  it('draws exactly one random number per call', () => {
    const random = jest.fn(() => 0.25);
    expect(backoffDelay(2, config, random)).toBe(2500);
    expect(random).toHaveBeenCalledTimes(1);
  });
});
