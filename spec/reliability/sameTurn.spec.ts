import { TestScheduler } from 'rxjs/testing';
import { sameTurn } from '../../lib/transports/purecloud-v2/sameTurn';

describe('sameTurn', () => {
  const scheduler = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));

  it('groups what arrives in one turn, keeps later arrivals apart, and adds no time', () => {
    const s = scheduler();
    s.run(({ cold, expectObservable }) => {
      const source = cold('-(ab)--c---(de|)');
      expectObservable(source.pipe(sameTurn(s))).toBe('-(x)---y---(z|)', { x: ['a', 'b'], y: ['c'], z: ['d', 'e'] });
    });
  });

  it('emits no empty group when the source completes with nothing held', () => {
    const s = scheduler();
    s.run(({ cold, expectObservable }) => {
      expectObservable(cold('-a--|').pipe(sameTurn(s))).toBe('-a--|', { a: ['a'] });
    });
  });
});
