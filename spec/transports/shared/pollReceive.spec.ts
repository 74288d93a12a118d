import { Subject } from 'rxjs';
import type { Observable } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { pollReceive } from '../../../lib/transports/shared/pollReceive';
import type { PollReceiveConfig, Polled } from '../../../lib/transports/shared/pollReceive';
import type { Outcome, ReceiveControl, ReceiveSignal } from '../../../lib/transports/transport';

const ok: Outcome = { ok: true, body: {}, verdict: 'ok' };
const values: Record<string, ReceiveSignal> = {
  a: { type: 'polling', active: true },
  z: { type: 'polling', active: false },
  h: { type: 'health', verdict: 'ok' },
};

function scheduler() {
  return new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
}

/** A GMS-like loop ('slows'): each poll is one `h`, the gap is 4 ms awake, 10 ms asleep, 2 ms at step 0. */
function slowing(overrides: Partial<PollReceiveConfig<Polled>> & { request: () => Observable<Polled> }) {
  const { request, ...rest } = overrides;
  const config: PollReceiveConfig<Polled> = {
    pollOnce: request,
    delay: (_last, info) => {
      return info.sleeping ? 10 : info.step === 0 ? 2 : 4;
    },
    measureFrom: 'start',
    sleep: 'slows',
    events$: new Subject(),
    ...rest,
  };
  return { config };
}

describe('pollReceive (the one poll loop of the polled back ends)', () => {
  it("'slows': sleep lengthens the gap without a polling signal, wake polls at once", () => {
    scheduler().run(({ cold, hot, expectObservable }) => {
      const { config } = slowing({ request: () => cold('-(r|)', { r: { outcome: ok, signals: cold('(h|)', values) } }) });
      const controls = hot<ReceiveControl>('----s---------w', { s: { type: 'sleep' }, w: { type: 'wake' } });
      // polls (1 ms each) at 0, 2 (the step-0 gap), then 6 was planned; asleep from 4 it is re-planned to 2 + 10 = 12; wake polls at 14.
      expectObservable(pollReceive(controls, config), '^ 16ms !').toBe('ah-h---------h-h', values);
    });
  });

  it("'slows': a cadence reset (the session's send) plans the next gap from step 0 again", () => {
    scheduler().run(({ cold, hot, expectObservable }) => {
      const reset$ = hot('--------r');
      const { config } = slowing({ request: () => cold('-(r|)', { r: { outcome: ok, signals: cold('(h|)', values) } }), reset$ });
      // polls at 0, 2, 6, with 10 planned; the reset at 8 re-plans it with the step-0 gap: 6 + 2 = 8, a poll at once.
      expectObservable(pollReceive(hot<ReceiveControl>('-'), config), '^ 12ms !').toBe('ah-h---h-h--', values);
    });
  });

  it("'slows': a loop stopped and started while asleep keeps the sleeping cadence until wake", () => {
    scheduler().run(({ cold, hot, expectObservable }) => {
      const { config } = slowing({ request: () => cold('-(r|)', { r: { outcome: ok, signals: cold('(h|)', values) } }) });
      const controls = hot<ReceiveControl>('--s-x-g', { s: { type: 'sleep' }, x: { type: 'stop' }, g: { type: 'start' } });
      // the poll at 5 (start) is followed 10 ms later (asleep), not 4 ms later as if awake.
      expectObservable(pollReceive(controls, { ...config, delay: (_last, info) => (info.sleeping ? 10 : 4) }), '^ 12ms !').toBe('ah--z-ah------', values);
    });
  });

  it('a pollNow waiting on the loop hears busy when stop aborts the poll under it', () => {
    scheduler().run(({ cold, hot, expectObservable, flush }) => {
      const replies: Array<Outcome | 'busy'> = [];
      const { config } = slowing({ request: () => cold('---(r|)', { r: { outcome: ok, signals: cold('(h|)', values) } }) });
      const pollNow: ReceiveControl = { type: 'pollNow', reply: (outcome) => replies.push(outcome) };
      const controls = hot<ReceiveControl>('----------n-x', { n: pollNow, x: { type: 'stop' } });
      const signals$ = pollReceive(controls, { ...config, delay: () => 20 });
      // polls at 0 (health at 3); pollNow at 10 starts one at once; stop at 12 aborts it.
      expectObservable(signals$, '^ 14ms !').toBe('a--h--------z', values);
      flush();
      expect(replies).toEqual(['busy']);
    });
  });
});
