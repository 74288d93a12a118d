import { cold, hot } from 'jest-marbles';
import { asyncScheduler } from 'rxjs';
import { serverFailing } from '../../lib/operators/serverFailing';
import type { Verdict } from '../../lib/model/receive';

const verdicts: Record<string, Verdict> = {
  o: 'ok',
  e: 'serverError',
  b: 'serverBusy',
  n: 'networkDown',
  r: 'refused',
  x: 'ended',
};
const flags = { t: true, f: false };

describe('serverFailing', () => {
  it('false to start with; true from a failure until the next ok; repeats are not emitted', () => {
    const input = hot('  -o-e--e--o-', verdicts);
    const expected = '   f--t-----f-';
    expect(input.pipe(serverFailing(asyncScheduler, 100))).toBeObservable(cold(expected, flags));
  });

  it('a statusCode 1 streak and a network failure count; a refusal or an end does not', () => {
    const input = hot('  -r-x-b-o-n-o-', verdicts);
    const expected = '   f----t-f-t-f-';
    expect(input.pipe(serverFailing(asyncScheduler, 100))).toBeObservable(cold(expected, flags));
  });

  it('without an ok for holdAtMost ms, it lets go; each new failure holds again', () => {
    const input = hot('  -e---------e-------', verdicts);
    const expected = '   ft----f----t----f--';
    expect(input.pipe(serverFailing(asyncScheduler, 5))).toBeObservable(cold(expected, flags));
  });

  it('an end of the verdicts waits for a running hold to let go; after an ok it ends at once', () => {
    expect(cold('-e-|', verdicts).pipe(serverFailing(asyncScheduler, 5))).toBeObservable(cold('ft----(f|)', flags));
    expect(cold('-e-o|', verdicts).pipe(serverFailing(asyncScheduler, 5))).toBeObservable(cold('ft-f|', flags));
  });

  it('an error of the verdicts goes through at once', () => {
    expect(cold('-e-#', verdicts).pipe(serverFailing(asyncScheduler, 5))).toBeObservable(cold('ft-#', flags));
  });
});
