import { defer } from 'rxjs';
import type { Observable } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { backoff } from '../../lib/operators/backoff';

const testScheduler = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));

/** A source whose n-th subscription is `attempts[n]` (the last one repeats). */
function attempts<T>(...each: Observable<T>[]): Observable<T> {
  let n = 0;
  return defer(() => each[Math.min(n++, each.length - 1)]!);
}

describe('backoff', () => {
  it('resubscribes after base, 2 × base, 4 × base … (random 1), capped at max', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const socket = cold('-#');
      const result = socket.pipe(backoff({ base: 2, max: 5, random: () => 1 }));
      expectObservable(result, '^ 24ms !').toBe('');
      expectSubscriptions(socket.subscriptions).toBe([
        '^!                    ',
        '---^!                 ', // failed at 1, waits 2
        '--------^!            ', // failed at 4, waits 4
        '--------------^!      ', // failed at 9, waits min(8, 5) = 5
        '--------------------^!', // failed at 15, waits 5
      ]);
    });
  });

  it('draws each delay from [d/2, d] with the random source', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const socket = cold('-#');
      const result = socket.pipe(backoff({ base: 4, max: 100, random: () => 0 }));
      expectObservable(result, '^ 10ms !').toBe('');
      expectSubscriptions(socket.subscriptions).toBe([
        '^!        ',
        '---^!     ', // failed at 1, waits 4/2 = 2
        '--------^!', // failed at 4, waits 8/2 = 4
      ]);
    });
  });

  it('passes values through, and a value starts the count again', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const first = cold('  -#');
      const second = cold(' -#');
      const third = cold('  -a#');
      const fourth = cold(' -#');
      const result = attempts(first, second, third, fourth).pipe(backoff({ base: 2, max: 100, random: () => 1 }));
      expectObservable(result, '^ 14ms !').toBe('---------a');
      expectSubscriptions(first.subscriptions).toBe('  ^!             ');
      expectSubscriptions(second.subscriptions).toBe(' ---^!          '); // waits 2
      expectSubscriptions(third.subscriptions).toBe('  --------^-!    '); // waits 4; emits a, then fails
      expectSubscriptions(fourth.subscriptions).toBe(' ------------^! '); // waits 2 again, not 8
    });
  });

  it('honours what the error says about Retry-After', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const socket = cold('-#', undefined, { retryAfterMs: 7 });
      const retryAfterMs = (error: unknown) => (error as { retryAfterMs?: number }).retryAfterMs;
      const result = socket.pipe(backoff({ base: 2, max: 100, random: () => 1, retryAfterMs }));
      expectObservable(result, '^ 10ms !').toBe('');
      expectSubscriptions(socket.subscriptions).toBe([
        '^!         ',
        '--------^! ', // failed at 1, waits max(2, 7) = 7
      ]);
    });
  });

  it('lets the error through after maxAttempts consecutive failures', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const socket = cold('-#', undefined, new Error('closed'));
      const result = socket.pipe(backoff({ base: 2, max: 100, random: () => 1, maxAttempts: 2 }));
      expectObservable(result).toBe('---------#', undefined, new Error('closed'));
      expectSubscriptions(socket.subscriptions).toBe([
        '^!        ',
        '---^!     ',
        '--------^!',
      ]);
    });
  });

  it('runs its timers on the scheduler it is given', () => {
    const scheduler = testScheduler();
    scheduler.run(({ cold, expectSubscriptions, expectObservable }) => {
      const socket = cold('-#');
      expectObservable(socket.pipe(backoff({ base: 2000, max: 30000, random: () => 1, scheduler })), '^ 2500ms !').toBe('');
      expectSubscriptions(socket.subscriptions).toBe(['^!', '- 2000ms ^!']);
    });
  });
});
