import { BehaviorSubject, Observable, defer, map, of } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { poll, PollInfo } from '../../lib/operators/poll';

const testScheduler = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
const fixed = (ms: number) => () => ms;

describe('poll', () => {
  it('starts the first request on subscribe and the next one delay ms after the previous start', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const request = cold('--(r|)');
      const result = poll(() => request, { measureFrom: 'start', delay: fixed(5) });
      expectObservable(result, '^ 13ms !').toBe('--r----r----r-');
      expectSubscriptions(request.subscriptions).toBe([
        '^-!           ',
        '-----^-!      ',
        '----------^-! ',
      ]);
    });
  });

  it('starts the next request right after a request slower than the gap (measured from the start)', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const request = cold('-------(r|)');
      const result = poll(() => request, { measureFrom: 'start', delay: fixed(5) });
      expectObservable(result, '^ 14ms !').toBe('-------r------r');
      expectSubscriptions(request.subscriptions).toBe([
        '^------!        ',
        '-------^------! ', // due at 5, but the first request ran until 7
        '--------------^!',
      ]);
    });
  });

  it('measures the gap from the end of the previous request with measureFrom end', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const request = cold('--(r|)');
      const result = poll(() => request, { measureFrom: 'end', delay: fixed(3) });
      expectObservable(result, '^ 13ms !').toBe('--r----r----r-');
      expectSubscriptions(request.subscriptions).toBe([
        '^-!           ', // ends at 2, next at 2 + 3
        '-----^-!      ',
        '----------^-! ',
      ]);
    });
  });

  it('never has two requests in flight, and takes only the first value of each', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const request = cold('--a--b--c');
      const result = poll(() => request, { measureFrom: 'end', delay: fixed(1) });
      expectObservable(result, '^ 6ms !').toBe('--a--a-');
      expectSubscriptions(request.subscriptions).toBe(['^-!    ', '---^-! ', '------^!']);
    });
  });

  it('tells delay the step, the elapsed time and the sleeping flag', () => {
    const infos: PollInfo[] = [];
    testScheduler().run(({ cold, hot, expectObservable }) => {
      const requests = [cold('--(a|)'), cold('---(b|)')];
      let calls = 0;
      const sleeping$ = hot('---t', { t: true });
      const delay = (_: string, info: PollInfo) => {
        infos.push(info);
        return 4;
      };
      const result = poll(() => requests[calls++ % 2]!, { measureFrom: 'start', delay, sleeping$ });
      expectObservable(result, '^ 9ms !').toBe('--a----b--');
    });
    expect(infos).toEqual([
      { step: 0, elapsed: 2, sleeping: false }, // a ended at 2
      { step: 0, elapsed: 2, sleeping: true }, //  sleeping at 3: the same wait, re-planned
      { step: 1, elapsed: 3, sleeping: true }, //  b ended at 7
    ]);
  });

  it('grows the gap with info.step (gaps 2, 4, 6 …)', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const request = cold('(r|)');
      const result = poll(() => request, { measureFrom: 'start', delay: (_, { step }) => 2 * (step + 1) });
      expectObservable(result, '^ 20ms !').toBe('r-r---r-----r-------r');
    });
  });

  it('re-plans the pending wait at step 0 on reset$, then grows again', () => {
    testScheduler().run(({ cold, hot, expectObservable }) => {
      const request = cold('(r|)');
      const reset$ = hot('   -------x--------');
      const expected = '     r-r---r-r---r---';
      //                     gaps 2, 4, then 6 planned from 6; reset at 7 re-plans it to 2 (due 8); then 4
      const result = poll(() => request, { measureFrom: 'start', delay: (_, { step }) => 2 * (step + 1), reset$ });
      expectObservable(result, '^ 15ms !').toBe(expected);
    });
  });

  it('polls at once on reset$ when the re-planned moment has already passed', () => {
    testScheduler().run(({ cold, hot, expectObservable }) => {
      const request = cold('(r|)');
      const reset$ = hot('   ----x--------');
      const expected = '     r-r-r---r----';
      //                     waiting for 6 (gap 4 from 2); reset at 4: gap 2 from 2 is due at 4 ⇒ now; then 4
      const result = poll(() => request, { measureFrom: 'start', delay: (_, { step }) => 2 * (step + 1), reset$ });
      expectObservable(result, '^ 12ms !').toBe(expected);
    });
  });

  it('only sets the step back to 0 on reset$ while a request is in flight', () => {
    testScheduler().run(({ cold, hot, expectObservable, expectSubscriptions }) => {
      const request = cold('--(r|)');
      const reset$ = hot('   -----------x-------');
      const result = poll(() => request, { measureFrom: 'end', delay: (_, { step }) => 2 * (step + 1), reset$ });
      expectObservable(result, '^ 18ms !').toBe('--r---r-----r---r--');
      expectSubscriptions(request.subscriptions).toBe([
        '^-!                ', // ends 2, gap 2
        '----^-!            ', // ends 6, gap 4
        '----------^-!      ', // reset at 11 while in flight; ends 12, gap 2 (step 0 again), not 6
        '--------------^-!  ', // ends 16, gap 4
      ]);
    });
  });

  it('re-plans the pending wait when sleeping$ changes', () => {
    testScheduler().run(({ cold, hot, expectObservable }) => {
      const request = cold('(r|)');
      const sleeping$ = hot('-----t-----------f---', { t: true, f: false });
      const expected = '     r-r-r---------r--r-r';
      //                     gap 2 awake, 10 asleep: at 5 the wait from 4 becomes 14;
      //                     at 17 the wait from 14 becomes 16, passed: poll now
      const delay = (_: string, { sleeping }: PollInfo) => (sleeping ? 10 : 2);
      const result = poll(() => request, { measureFrom: 'start', delay, sleeping$ });
      expectObservable(result, '^ 19ms !').toBe(expected);
    });
  });

  it('polls now on trigger$ while waiting, ignores it while a request is in flight, and keeps the cadence from there', () => {
    testScheduler().run(({ cold, hot, expectObservable, expectSubscriptions }) => {
      const request = cold('--(r|)');
      const trigger$ = hot('----xx----x------');
      const result = poll(() => request, { measureFrom: 'start', delay: fixed(8), trigger$ });
      expectObservable(result, '^ 16ms !').toBe('--r---r-----r----');
      expectSubscriptions(request.subscriptions).toBe([
        '^-!              ', // next due at 8
        '----^-!          ', // trigger at 4: now, the wait is dropped; trigger at 5: in flight, ignored
        '----------^-!    ', // trigger at 10 (before the 12 due): now; next due at 18
      ]);
    });
  });

  it('aborts the request in flight on unsubscribe and leaves no timer behind', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const request = cold('-----(r|)');
      const result = poll(() => request, { measureFrom: 'start', delay: fixed(1) });
      expectObservable(result, '^--!').toBe('----');
      expectSubscriptions(request.subscriptions).toBe('^--!');
    });
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const request = cold('(r|)');
      const result = poll(() => request, { measureFrom: 'start', delay: fixed(5) });
      expectObservable(result, '^--!').toBe('r---');
      expectSubscriptions(request.subscriptions).toBe('(^!)');
    });
  });

  it('waits for trigger$ when delay is not finite', () => {
    testScheduler().run(({ cold, hot, expectObservable }) => {
      const request = cold('(r|)');
      const trigger$ = hot('--------x---');
      const result = poll(() => request, { measureFrom: 'start', delay: fixed(Infinity), trigger$ });
      expectObservable(result, '^ 11ms !').toBe('r-------r---');
    });
  });

  it('waits for trigger$ after a request that completes without a value', () => {
    testScheduler().run(({ cold, hot, expectObservable }) => {
      let calls = 0;
      const request = () => (calls++ === 1 ? cold('-|') : cold('(r|)'));
      const trigger$ = hot('-------x---');
      const result = poll(request, { measureFrom: 'start', delay: fixed(2), trigger$ });
      expectObservable(result, '^ 10ms !').toBe('r------r-r-');
    });
  });

  it('runs on the scheduler it is given', () => {
    const scheduler = testScheduler();
    scheduler.run(({ cold, expectObservable }) => {
      const request = cold('100ms (r|)');
      const result = poll(() => request, { measureFrom: 'end', delay: fixed(3000), scheduler });
      expectObservable(result, '^ 6500ms !').toBe('100ms r 3099ms r 3099ms r');
    });
  });

  it('calls request once per poll, lazily', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      let calls = 0;
      const request = (): Observable<number> => defer(() => cold('(r|)').pipe(map(() => ++calls)));
      expectObservable(poll(request, { measureFrom: 'start', delay: fixed(3) }), '^ 7ms !').toBe('a--b--c-', { a: 1, b: 2, c: 3 });
    });
  });

  it('plans after a request that answers synchronously, reading a sleeping$ that replays its value', () => {
    testScheduler().run(({ expectObservable }) => {
      const sleeping$ = new BehaviorSubject(true);
      const delay = (_: string, { sleeping }: PollInfo) => (sleeping ? 4 : 1);
      expectObservable(poll(() => of('r'), { measureFrom: 'start', delay, sleeping$ }), '^ 9ms !').toBe('r---r---r-');
    });
  });
});
