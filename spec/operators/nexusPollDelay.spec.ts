import { defer, map } from 'rxjs';
import type { Observable } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { nexusPollDelay } from '../../lib/operators/nexusPollDelay';
import { poll } from '../../lib/operators/poll';

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

describe('the Nexus polling cadence (poll + nexusPollDelay)', () => {
  type Kind = 'ok' | 'fail' | 'throttled';
  interface NexusPoll {
    kind: Kind;
    failures: number;
    retryAfterMs?: number;
  }

  /** A poll loop as the nexus-v3 transport runs it: each request answers the next kind of the script (after 100 ms by default). */
  function nexusPolls(
    script: Kind[],
    cold: (marbles: string, values: Record<string, Kind>) => Observable<Kind>,
    cadence = config,
    requestMarbles = '100ms (k|)',
  ): Observable<NexusPoll> {
    let next = 0;
    let failures = 0;
    const request = () =>
      defer(() => cold(requestMarbles, { k: script[Math.min(next++, script.length - 1)]! })).pipe(
        map((kind): NexusPoll => {
          // A failure slows the cadence, a success resets it, a 429 does neither (§11.2).
          failures = kind === 'fail' ? failures + 1 : kind === 'ok' ? 0 : failures;
          return kind === 'throttled' ? { kind, failures, retryAfterMs: 10000 } : { kind, failures };
        }),
      );
    return poll(request, { measureFrom: 'end', delay: (last) => nexusPollDelay(last.failures, cadence, last.retryAfterMs) });
  }

  it('waits pollTimeout from the end of one poll to the start of the next, slows ×1.2 per failed poll, recovers on success and honours a 429 Retry-After', () => {
    new TestScheduler((actual, expected) => expect(actual).toEqual(expected)).run(({ cold, expectObservable }) => {
      const result = nexusPolls(['ok', 'fail', 'fail', 'fail', 'ok', 'throttled', 'ok'], cold).pipe(map((poll) => poll.kind[0]));
      // Each value marks the END of a poll; the progression after it is the wait + the next poll's 100 ms − its own frame.
      //      poll starts:  0          3100        6800        11220       16504       19604        29704
      //      wait after:         3000        3600        4320        5184        3000        10000
      const expected = '    100ms o 3099ms f 3699ms f 4419ms f 5283ms o 3099ms t 10099ms o';
      expectObservable(result, '^ 30000ms !').toBe(expected);
    });
  });

  it('stays at the cap while failures go on, and is back to pollTimeout after one success', () => {
    new TestScheduler((actual, expected) => expect(actual).toEqual(expected)).run(({ cold, expectObservable }) => {
      const cadence = { pollTimeout: 10, pollIntervalMultiplier: 2, max: 35 };
      const script: Kind[] = ['fail', 'fail', 'fail', 'fail', 'ok', 'ok'];
      const result = nexusPolls(script, cold, cadence, '(k|)').pipe(map((poll) => poll.kind[0]));
      // Instant polls; waits 20, 35 (40 capped), 35, 35, then 10 after the success.
      const expected = '    f 19ms f 34ms f 34ms f 34ms o 9ms o';
      expectObservable(result, '^ 140ms !').toBe(expected);
    });
  });
});
