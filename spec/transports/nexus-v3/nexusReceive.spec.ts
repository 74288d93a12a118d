import { EMPTY, Observable, Subject, of } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { nexusReceive } from '../../../lib/transports/nexus-v3/nexusReceive';
import type { NexusPolled, NexusReceiveDeps } from '../../../lib/transports/nexus-v3/nexusReceive';
import type { Outcome, ReceiveControl, ReceiveSignal, Verdict } from '../../../lib/transports/transport';

const ok: Outcome = { ok: true, body: {}, verdict: 'ok' };
const values: Record<string, ReceiveSignal> = {
  a: { type: 'polling', active: true },
  z: { type: 'polling', active: false },
  h: { type: 'health', verdict: 'ok' },
  n: { type: 'health', verdict: 'networkDown' },
  e: { type: 'ended' },
  l: { type: 'sessionLost', response: {}, error: {} },
};
const control = (type: 'start' | 'stop' | 'pause' | 'sleep' | 'wake'): ReceiveControl => ({ type });

function polled(delayMs: number, ...signals: ReceiveSignal[]): NexusPolled {
  const verdict: Verdict = signals.find((s): s is Extract<ReceiveSignal, { type: 'health' }> => s.type === 'health')?.verdict ?? 'ok';
  return { outcome: verdict === 'ok' ? ok : { ok: false, failure: {}, verdict: verdict as Exclude<Verdict, 'ok'> }, delayMs, signals: of(...signals) };
}

/** nexusReceive over `request`, with quiet defaults for whatever a test does not drive. */
function receiveOver(request: Observable<NexusPolled>, overrides: Partial<NexusReceiveDeps> & { control$?: Observable<ReceiveControl> } = {}) {
  const { control$ = new Subject<ReceiveControl>(), ...deps } = overrides;
  return nexusReceive(control$, { pollOnce: () => request, paused: () => undefined, readingAlone$: of(false), events$: new Subject(), ...deps });
}

function scheduler() {
  return new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
}

describe('nexusReceive', () => {
  it('polls at once, then delayMs after each poll ENDED, never two in flight', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const request = cold('--(r|)', { r: polled(5, values.h) });
      const receive$ = receiveOver(request);
      expectObservable(receive$, '^ 19ms !').toBe('a-h------h------h---', values);
      expectSubscriptions(request.subscriptions).toBe(['^-!', '-------^-!', '--------------^-!']);
    });
  });

  it('slows down and recovers as each poll asks (the session computes nexusPollDelay)', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const replies = [polled(3, values.n), polled(6, values.n), polled(3, values.h), polled(3, values.h)];
      let i = 0;
      const receive$ = receiveOver(EMPTY, { pollOnce: () => cold('-(r|)', { r: replies[Math.min(i++, replies.length - 1)] }) });
      // polls end at 1, then 1+3+1 = 5, then 5+6+1 = 12, then 12+3+1 = 16
      expectObservable(receive$, '^ 17ms !').toBe('an---n------h---h-', values);
    });
  });

  it('stop aborts the poll in flight and says polling stopped; start polls at once from the last index', () => {
    scheduler().run(({ cold, hot, expectObservable, expectSubscriptions, flush }) => {
      const request = cold('---(r|)', { r: polled(100, values.h) });
      const paused = jest.fn();
      const controls = hot('--s-----g', { s: control('stop'), g: control('start') });
      const receive$ = receiveOver(request, { control$: controls, paused });
      expectObservable(receive$, '^ 14ms !').toBe('a-z-----a--h---', values);
      expectSubscriptions(request.subscriptions).toBe(['^-!', '--------^--!']);
      flush();
      expect(paused).toHaveBeenCalledTimes(1);
    });
  });

  it('sleep pauses without a polling signal; wake polls at once', () => {
    scheduler().run(({ cold, hot, expectObservable, expectSubscriptions }) => {
      const request = cold('-(r|)', { r: polled(100, values.h) });
      const controls = hot('---s---w', { s: control('sleep'), w: control('wake') });
      const receive$ = receiveOver(request, { control$: controls });
      expectObservable(receive$, '^ 10ms !').toBe('ah------h--', values);
      expectSubscriptions(request.subscriptions).toBe(['^!', '-------^!']);
    });
  });

  it('pauses while fetchHistory runs and resumes with a poll when it is done', () => {
    scheduler().run(({ cold, hot, expectObservable, expectSubscriptions, flush }) => {
      const request = cold('--(r|)', { r: polled(4, values.h) });
      const history = hot('f-----t---f', { f: false, t: true });
      const paused = jest.fn();
      const receive$ = receiveOver(request, { paused, readingAlone$: history });
      // poll 0-2, next due at 6 is cancelled by the history request at 6; resumes at 10
      expectObservable(receive$, '^ 13ms !').toBe('a-h---------h-', values);
      expectSubscriptions(request.subscriptions).toBe(['^-!', '----------^-!']);
      flush();
      expect(paused).toHaveBeenCalledTimes(1);
    });
  });

  it('completes after ended or sessionLost, from a poll or from a command', () => {
    scheduler().run(({ cold, hot, expectObservable }) => {
      const ended$ = receiveOver(cold('-(r|)', { r: polled(2, values.h, values.e) }));
      expectObservable(ended$).toBe('a(he|)', values);
      const lost$ = receiveOver(cold('-(r|)', { r: polled(5, values.h) }), { events$: hot('----l', values) });
      expectObservable(lost$).toBe('ah--(l|)', values);
    });
  });

  describe('pollNow', () => {
    it('answers busy while a poll is in flight, and polls at once (then resumes the cadence) while waiting', () => {
      scheduler().run(({ cold, hot, expectObservable, flush }) => {
        const replies: Array<Outcome | 'busy'> = [];
        const reply = (outcome: Outcome | 'busy') => replies.push(outcome);
        const controls = hot<ReceiveControl>('-b---n', { b: { type: 'pollNow', reply }, n: { type: 'pollNow', reply } });
        const receive$ = receiveOver(cold('--(r|)', { r: polled(10, values.h) }), { control$: controls });
        // b at 1: busy (poll 0-2 in flight); n at 5: polls now (5-7), then the cadence goes on from its end (17-19)
        expectObservable(receive$, '^ 19ms !').toBe('a-h----h-----------h', values);
        flush();
        expect(replies).toEqual(['busy', ok]);
      });
    });

    it('polls once while stopped, without restarting the loop', () => {
      scheduler().run(({ cold, hot, expectObservable, flush }) => {
        const replies: Array<Outcome | 'busy'> = [];
        const controls = hot<ReceiveControl>('-s--n', { s: control('stop'), n: { type: 'pollNow', reply: (o) => replies.push(o) } });
        const receive$ = receiveOver(cold('--(r|)', { r: polled(3, values.h) }), { control$: controls });
        expectObservable(receive$, '^ 12ms !').toBe('az----h------', values);
        flush();
        expect(replies).toEqual([ok]);
      });
    });

    it('never leaves a caller hanging when the loop stops under its poll', () => {
      scheduler().run(({ cold, hot, expectObservable, flush }) => {
        const replies: Array<Outcome | 'busy'> = [];
        const controls = hot<ReceiveControl>('---n-s', { n: { type: 'pollNow', reply: (o) => replies.push(o) }, s: control('stop') });
        const receive$ = receiveOver(cold('--(r|)', { r: polled(1, values.h) }), { control$: controls });
        // poll 0-2, due at 3 (the trigger at 3 is a no-op: the due poll is the one pollNow waits for), stop at 5
        expectObservable(receive$, '^ 8ms !').toBe('a-h--z---', values);
        flush();
        expect(replies).toEqual(['busy']);
      });
    });
  });

  it('leaves nothing running after unsubscribe', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const request = cold('--(r|)', { r: polled(2, values.h) });
      const receive$ = receiveOver(request);
      expectObservable(receive$, '^--!').toBe('a-h', values);
      expectSubscriptions(request.subscriptions).toBe(['^-!']);
    });
  });
});

