import { gmsPollGap, GmsPollGapConfig } from '../../lib/operators/gmsPollGap';

const defaults: GmsPollGapConfig = {
  dynamicPolling: true,
  pollRate: 3000,
  pollRateMin: 500,
  pollRateMax: 3000,
  pollRateMult: 1.2,
  pollRateSleep: 30000,
};

describe('gmsPollGap', () => {
  it('grows by pollRateMult from pollRateMin to pollRateMax (contract §11.1 defaults)', () => {
    const gaps = Array.from({ length: 12 }, (_, step) => gmsPollGap(step, defaults));
    const expected = [500, 600, 720, 864, 1036.8, 1244.16, 1492.992, 1791.5904, 2149.90848, 2579.890176, 3000, 3000];
    gaps.forEach((gap, step) => expect(gap).toBeCloseTo(expected[step]!, 6));
  });

  it.each`
    case                          | step  | config                                                 | sleeping | expected
    ${'dynamic, first gap'}       | ${0}  | ${defaults}                                            | ${false} | ${500}
    ${'dynamic, capped'}          | ${50} | ${defaults}                                            | ${false} | ${3000}
    ${'fixed rate ignores step'}  | ${0}  | ${{ ...defaults, dynamicPolling: false }}              | ${false} | ${3000}
    ${'fixed rate, later step'}   | ${7}  | ${{ ...defaults, dynamicPolling: false, pollRate: 1000 }} | ${false} | ${1000}
    ${'sleeping wins (dynamic)'}  | ${0}  | ${defaults}                                            | ${true}  | ${30000}
    ${'sleeping wins (fixed)'}    | ${3}  | ${{ ...defaults, dynamicPolling: false }}              | ${true}  | ${30000}
    ${'custom min and mult'}      | ${2}  | ${{ ...defaults, pollRateMin: 250, pollRateMult: 2 }}  | ${false} | ${1000}
  `('$case: step $step ⇒ $expected ms', ({ step, config, sleeping, expected }) => {
    expect(gmsPollGap(step, config, sleeping)).toBeCloseTo(expected, 9);
  });
});
