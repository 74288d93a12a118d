import { cold } from 'jest-marbles';
import { connectionHealth, ConnectionHealthEvent } from '../../lib/operators/connectionHealth';
import type { Verdict } from '../../lib/transports/transport';

const verdicts: Record<string, Verdict> = {
  o: 'ok',
  n: 'networkDown',
  b: 'serverBusy',
  e: 'serverError',
};
const events: Record<string, ConnectionHealthEvent> = { d: 'disconnected', r: 'reconnected' };

describe('connectionHealth', () => {
  it('emits disconnected on the first network failure and reconnected on the next success', () => {
    const input = cold('-o-n-n-e-o-o-n-o-|', verdicts);
    const expected = '  ---d-----r---d-r-|';
    expect(input.pipe(connectionHealth())).toBeObservable(cold(expected, events));
  });

  it('emits disconnected once per episode', () => {
    const input = cold('-n-n-n-n-', verdicts);
    const expected = '  -d-------';
    expect(input.pipe(connectionHealth())).toBeObservable(cold(expected, events));
  });

  it('never emits reconnected without a disconnected before it', () => {
    const input = cold('-o-b-e-o-', verdicts);
    const expected = '  ---------';
    expect(input.pipe(connectionHealth())).toBeObservable(cold(expected, events));
  });

  it('keeps the episode open through server errors and busy replies until a good request', () => {
    const input = cold('-n-e-b-o-', verdicts);
    const expected = '  -d-----r-';
    expect(input.pipe(connectionHealth())).toBeObservable(cold(expected, events));
  });
});
