import { of } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { batchWhileBusy } from '../../../lib/transports/purecloud-v2/batchWhileBusy';

const testScheduler = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));

describe('batchWhileBusy', () => {
  it('hands the values that arrived while busy to the next inner, together and in order', () => {
    testScheduler().run(({ hot, cold, expectObservable }) => {
      const source = hot('-abc-----------d-|');
      // Each inner takes 3 frames, then emits the values it was given, joined.
      const result = source.pipe(batchWhileBusy((values) => cold('---(x|)', { x: values.join('') })));
      expectObservable(result).toBe('----a--y----------(z|)', { a: 'a', y: 'bc', z: 'd' });
    });
  });

  it('behaves as concatMap of single values while nothing is busy (synchronous inners)', () => {
    testScheduler().run(({ hot, expectObservable }) => {
      const source = hot('-a-b-c-|');
      expectObservable(source.pipe(batchWhileBusy((values) => of(values.length)))).toBe('-1-1-1-|', { 1: 1 });
    });
  });

  it('waits for the running inner before completing, and unsubscribes it when unsubscribed', () => {
    testScheduler().run(({ hot, cold, expectObservable, expectSubscriptions }) => {
      const source = hot('-a|');
      const inner = cold('-----(x|)', { x: 'a' });
      expectObservable(source.pipe(batchWhileBusy(() => inner))).toBe('------(x|)', { x: 'a' });
      expectSubscriptions(inner.subscriptions).toBe('-^----!');
    });
    testScheduler().run(({ hot, cold, expectObservable, expectSubscriptions }) => {
      const inner = cold('-----x');
      expectObservable(hot('-a').pipe(batchWhileBusy(() => inner)), '^--!').toBe('');
      expectSubscriptions(inner.subscriptions).toBe('-^-!');
    });
  });

  it('passes an error of an inner on', () => {
    testScheduler().run(({ hot, cold, expectObservable }) => {
      expectObservable(hot('-a-b').pipe(batchWhileBusy(() => cold('--#')))).toBe('---#');
    });
  });
});
