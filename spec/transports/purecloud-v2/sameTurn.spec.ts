import { Subject, queueScheduler } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { sameTurn } from '../../../lib/transports/purecloud-v2/sameTurn';

const testScheduler = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));

describe('sameTurn', () => {
  it('groups the values of one turn, each group once, with no delay in time', () => {
    const scheduler = testScheduler();
    scheduler.run(({ hot, expectObservable }) => {
      const source = hot('-(ab)---c-(def)-|');
      expectObservable(source.pipe(sameTurn(scheduler))).toBe('-x------y-z-----|', { x: ['a', 'b'], y: ['c'], z: ['d', 'e', 'f'] });
    });
  });

  it('emits the open group on completion, drops it on error', () => {
    const scheduler = testScheduler();
    scheduler.run(({ hot, expectObservable }) => {
      expectObservable(hot('-a-(bc|)').pipe(sameTurn(scheduler))).toBe('-x-(y|)', { x: ['a'], y: ['b', 'c'] });
      expectObservable(hot('-a-(bc#)').pipe(sameTurn(scheduler))).toBe('-x-#', { x: ['a'] });
    });
  });

  it('cancels the pending turn when unsubscribed', () => {
    const scheduler = testScheduler();
    scheduler.run(({ hot, expectObservable }) => {
      expectObservable(hot('-a-(bc)-d-|').pipe(sameTurn(scheduler)), '^--!').toBe('-x-', { x: ['a'] });
    });
  });

  it('starts a new group after each turn on a scheduler that runs actions at once', () => {
    const source = new Subject<number>();
    const groups: number[][] = [];
    source.pipe(sameTurn(queueScheduler)).subscribe((group) => groups.push(group));
    source.next(1);
    source.next(2);
    source.complete();
    expect(groups).toEqual([[1], [2]]);
  });
});
