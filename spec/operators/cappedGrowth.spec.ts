import { cappedGrowth } from '../../lib/operators/cappedGrowth';

describe('cappedGrowth', () => {
  it.each`
    start  | factor | steps  | cap     | expected
    ${500} | ${1.2} | ${0}   | ${3000} | ${500}
    ${500} | ${1.2} | ${1}   | ${3000} | ${600}
    ${500} | ${1.2} | ${4}   | ${3000} | ${1036.8}
    ${500} | ${1.2} | ${10}  | ${3000} | ${3000}
    ${500} | ${1.2} | ${1e9} | ${3000} | ${3000}
    ${500} | ${1.2} | ${-1}  | ${3000} | ${500}
    ${900} | ${2}   | ${0}   | ${800}  | ${900}
    ${900} | ${2}   | ${1}   | ${800}  | ${900}
  `('g($steps) from $start × $factor capped at $cap is $expected', ({ start, factor, steps, cap, expected }) => {
    expect(cappedGrowth(start, factor, steps, cap)).toBeCloseTo(expected, 9);
  });
});
