import { cold, hot } from 'jest-marbles';
import { TestScheduler } from 'rxjs/testing';
import { agentTypingTimeout, AgentTypingEvent, AgentTypingSignal } from '../../lib/operators/agentTypingTimeout';

type Msg = { text: string };
const signal = (agentId: string, typing: boolean): AgentTypingSignal<Msg> => ({ agentId, typing, message: { text: `${agentId}:${typing}` } });
const event = (type: AgentTypingEvent['type'], agentId: string, typing: boolean): AgentTypingEvent<Msg> => ({
  type,
  agentId,
  message: signal(agentId, typing).message,
});

const signals = { T: signal('a1', true), F: signal('a1', false), U: signal('a2', true), G: signal('a2', false) };
const events = {
  s: event('started', 'a1', true),
  p: event('stopped', 'a1', false),
  t: event('timeout', 'a1', true),
  S: event('started', 'a2', true),
  P: event('stopped', 'a2', false),
  X: event('timeout', 'a2', true),
};

describe('agentTypingTimeout', () => {
  it('emits started on the first typing signal and stopped on the stop', () => {
    const input = hot('  -T--F-', signals);
    const expected = '   -s--p-';
    expect(input.pipe(agentTypingTimeout<Msg>(4))).toBeObservable(cold(expected, events));
  });

  it('emits timeout, not stopped, when no signal comes for ms while typing', () => {
    const input = hot('  -T-T------T-F-F-', signals);
    const expected = '   -s-----t--s-p---';
    expect(input.pipe(agentTypingTimeout<Msg>(4))).toBeObservable(cold(expected, events));
  });

  it('re-arms on every repeated typing signal, publishing started only once', () => {
    const input = hot('  -T-T-T-T--------', signals);
    const expected = '   -s---------t----';
    expect(input.pipe(agentTypingTimeout<Msg>(4))).toBeObservable(cold(expected, events));
  });

  it('ignores a stop from an agent who is not typing (also after a timeout)', () => {
    const input = hot('  -F-T------F-', signals);
    const expected = '   ---s---t----';
    expect(input.pipe(agentTypingTimeout<Msg>(4))).toBeObservable(cold(expected, events));
  });

  it('never times out when ms <= 0', () => {
    const input = hot('  -T--------------F-', signals);
    const expected = '   -s--------------p-';
    expect(input.pipe(agentTypingTimeout<Msg>(0))).toBeObservable(cold(expected, events));
  });

  it('keeps several agents independent', () => {
    const input = hot('  -T-U-G---U-------', signals);
    const expected = '   -s-S-P-t-S-----X-';
    expect(input.pipe(agentTypingTimeout<Msg>(6))).toBeObservable(cold(expected, events));
  });

  it('completes with the source and drops the armed timers (no timeout after it)', () => {
    const input = hot('  -T-U-|', signals);
    const expected = '   -s-S-|';
    expect(input.pipe(agentTypingTimeout<Msg>(4))).toBeObservable(cold(expected, events));
  });

  it('a timeout carries the last typing signal of that agent, whatever the other agents sent since', () => {
    const late = { ...signals, V: { agentId: 'a1', typing: true, message: { text: 'a1:again' } } };
    const input = hot('  -T-V-U-G---', late);
    const expected = '   -s---S-P-t-';
    expect(input.pipe(agentTypingTimeout<Msg>(6))).toBeObservable(cold(expected, { ...events, t: { type: 'timeout', agentId: 'a1', message: { text: 'a1:again' } } }));
  });

  it('times out after the contract default 3000 ms on the scheduler it is given', () => {
    new TestScheduler((actual, expected) => expect(actual).toEqual(expected)).run(({ hot: h, expectObservable }) => {
      const input = h('-T 2000ms T', signals);
      expectObservable(input.pipe(agentTypingTimeout<Msg>(3000))).toBe('-s 2000ms - 2999ms t', events);
    });
  });
});
