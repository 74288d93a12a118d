import { defer } from 'rxjs';
import type { Observable } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { attachRetry } from '../../lib/operators/attachRetry';

const testScheduler = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));

/** A source whose n-th subscription is `each[n]` (the last one repeats). */
function attempts<T>(...each: Observable<T>[]): Observable<T> {
  let n = 0;
  return defer(() => each[Math.min(n++, each.length - 1)]!);
}

const config = (handshakes: number, reattaches: number) => ({
  handshake: { base: 2, max: 2, attempts: handshakes, random: () => 1 },
  reattach: { gap: 3, attempts: reattaches },
  attached: (value: string) => value === 'a',
});

describe('attachRetry', () => {
  it('backs off between handshakes and gives up on the last one (start fails after 5 in the transport)', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const connection = cold('-#');
      const result = connection.pipe(attachRetry(config(3, 30)));
      expectObservable(result).toBe('-------#', undefined, { exhausted: 'handshake', error: 'error' });
      expectSubscriptions(connection.subscriptions).toBe([
        '^!     ',
        '---^!  ', // failed at 1, waits 2
        '------^!', // failed at 4, waits 2; the third failure is the last
      ]);
    });
  });

  it('once attached, a loss emits lost, then re-attaches every gap until the budget is spent', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const first = cold('  -#');
      const second = cold(' -a--#');
      const third = cold('  -#');
      const fourth = cold(' -#');
      const result = attempts(first, second, third, fourth).pipe(attachRetry(config(5, 2)));
      expectObservable(result).toBe('----a--L-------#', { a: 'a', L: { type: 'lost' } }, { exhausted: 'reattach', error: 'error' });
      expectSubscriptions(first.subscriptions).toBe('  ^!              ');
      expectSubscriptions(second.subscriptions).toBe(' ---^---!         '); // handshake backoff 2; attached at 4, lost at 7
      expectSubscriptions(third.subscriptions).toBe('  ----------^!     '); // 3 later: re-attach 1 fails
      expectSubscriptions(fourth.subscriptions).toBe(' --------------^! '); // 3 later: re-attach 2 fails, the last
    });
  });

  it('an attach resets the count: a second loss gets the whole budget again', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const result = attempts<string>(cold('-a#'), cold('-a#'), cold('-#')).pipe(attachRetry(config(5, 1)));
      // attached at 1, lost at 2; re-attached at 6 (count back to 0), lost at 7: lost again, one more try; fails at 11
      expectObservable(result).toBe('-aL---aL---#', { a: 'a', L: { type: 'lost' } }, { exhausted: 'reattach', error: 'error' });
    });
  });
});
