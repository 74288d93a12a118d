import { TestScheduler } from 'rxjs/testing';
import { gmsPollGap, GmsPollGapConfig } from '../../lib/operators/gmsPollGap';
import { poll } from '../../lib/operators/poll';

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

describe('the GMS polling cadence (poll + gmsPollGap)', () => {
  it('polls at 500, 600, 720 … ms between starts, back to pollRateMin after a send', () => {
    new TestScheduler((actual, expected) => expect(actual).toEqual(expected)).run(({ cold, hot, expectObservable }) => {
      const refresh = cold('(r|)');
      const sent$ = hot('   2000ms s');
      // Starts at 0, 500, 1100, 1820; the send at 2000 re-plans the wait for 2684 to 1820 + 500; then 600.
      const expected = '    r 499ms r 599ms r 719ms r 499ms r 599ms r';
      const result = poll(() => refresh, {
        measureFrom: 'start',
        delay: (_, { step, sleeping }) => gmsPollGap(step, defaults, sleeping),
        reset$: sent$,
      });
      expectObservable(result, '^ 3000ms !').toBe(expected);
    });
  });

  it('polls every pollRateSleep while sleeping, and at once then at the normal pace on waking', () => {
    new TestScheduler((actual, expected) => expect(actual).toEqual(expected)).run(({ cold, hot, expectObservable }) => {
      const refresh = cold('(r|)');
      const sleeping$ = hot('100ms s 59999ms w', { s: true, w: false });
      const wake$ = hot('    100ms - 59999ms w');
      // Asleep at 100: the wait from 0 becomes 30000. Awake at 60100: wake polls now (§6.21, trigger$),
      // then the cadence goes on at step 3 (864).
      const expected = '    r 29999ms r 29999ms r 99ms r 863ms r';
      const result = poll(() => refresh, {
        measureFrom: 'start',
        delay: (_, { step, sleeping }) => gmsPollGap(step, defaults, sleeping),
        sleeping$,
        trigger$: wake$,
      });
      expectObservable(result, '^ 61000ms !').toBe(expected);
    });
  });
});
