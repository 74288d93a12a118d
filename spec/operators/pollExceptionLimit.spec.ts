import { cold } from 'jest-marbles';
import { pollExceptionLimit, PollExceptionInput, PollHealthEvent } from '../../lib/operators/pollExceptionLimit';

const verdicts: Record<string, PollExceptionInput> = {
  b: 'serverBusy',
  o: 'ok',
  n: 'networkDown',
  e: 'serverError',
  x: 'reset',
};
const events: Record<string, PollHealthEvent> = {
  P: 'connectionPending',
  W: 'chatServerWentOffline',
  B: 'chatServerBackOnline',
  R: 'connectionRestored',
};

describe('pollExceptionLimit', () => {
  it('emits connectionPending on the first statusCode 1', () => {
    const input = cold('-b-b-', verdicts);
    const expected = '  -P---';
    expect(input.pipe(pollExceptionLimit(5))).toBeObservable(cold(expected, events));
  });

  it('emits chatServerWentOffline on the sixth consecutive statusCode 1', () => {
    const input = cold('-b-b-b-b-b-b-', verdicts);
    const expected = '  -P---------W-';
    expect(input.pipe(pollExceptionLimit(5))).toBeObservable(cold(expected, events));
  });

  it('emits chatServerWentOffline once per episode, however long it lasts', () => {
    const input = cold('-b-b-b-b-b-b-b-b-b-b-b-b-b-', verdicts);
    const expected = '  -P---------W---------------';
    expect(input.pipe(pollExceptionLimit(5))).toBeObservable(cold(expected, events));
  });

  it('emits chatServerBackOnline then connectionRestored on the first good poll after going offline', () => {
    const input = cold('-b-b-b-b-b-b-b-o-o-', verdicts);
    const expected = '  -P---------W---(BR)';
    expect(input.pipe(pollExceptionLimit(5))).toBeObservable(cold(expected, events));
  });

  it('emits connectionRestored alone when the streak ends before the limit', () => {
    const input = cold('-b-b-o-o-', verdicts);
    const expected = '  -P---R---';
    expect(input.pipe(pollExceptionLimit(5))).toBeObservable(cold(expected, events));
  });

  it('emits nothing for good polls when nothing was counted', () => {
    const input = cold('-o-o-o-|', verdicts);
    const expected = '  -------|';
    expect(input.pipe(pollExceptionLimit(5))).toBeObservable(cold(expected, events));
  });

  it('starts a new episode after a good poll', () => {
    const input = cold('-b-b-o-b-b-b-b-b-b-', verdicts);
    const expected = '  -P---R-P---------W-';
    expect(input.pipe(pollExceptionLimit(5))).toBeObservable(cold(expected, events));
  });

  it('clears counter and offline flag silently on resetPollExceptions', () => {
    const input = cold('-b-b-b-x-b-b-b-b-b-b-x-o-', verdicts);
    const expected = '  -P-------P---------W-----';
    expect(input.pipe(pollExceptionLimit(5))).toBeObservable(cold(expected, events));
  });

  it('ignores network failures and HTTP errors (they are not poll exceptions)', () => {
    const input = cold('-b-n-e-b-b-b-b-n-b-', verdicts);
    const expected = '  -P---------------W-';
    expect(input.pipe(pollExceptionLimit(5))).toBeObservable(cold(expected, events));
  });

  it('goes offline on the first exception with limit 0', () => {
    const input = cold('-b----o-', verdicts);
    const expected = '  -(PW)-(BR)';
    expect(input.pipe(pollExceptionLimit(0))).toBeObservable(cold(expected, events));
  });
});
