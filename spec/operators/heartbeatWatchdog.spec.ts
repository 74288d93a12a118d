import { cold, hot } from 'jest-marbles';
import { startWith } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { heartbeatWatchdog } from '../../lib/operators/heartbeatWatchdog';

describe('heartbeatWatchdog', () => {
  it('emits expired once after intervalMs of silence, then waits for the next frame', () => {
    const frames = hot('  -a--b------------c--------');
    const expected = '    ---------x------------x---';
    expect(frames.pipe(heartbeatWatchdog(5))).toBeObservable(cold(expected, { x: 'expired' }));
  });

  it('stays quiet while frames keep coming, and expires intervalMs after the last one', () => {
    const frames = hot('  -a-a-a-a-a-a-a------');
    const expected = '    ------------------x-';
    expect(frames.pipe(heartbeatWatchdog(5))).toBeObservable(cold(expected, { x: 'expired' }));
  });

  it('does not arm before the first frame unless the caller starts it', () => {
    const frames = hot('  ----------');
    expect(frames.pipe(heartbeatWatchdog(5))).toBeObservable(cold('----------'));
    expect(frames.pipe(startWith('open'), heartbeatWatchdog(5))).toBeObservable(cold('-----x----', { x: 'expired' }));
  });

  it('drops the armed watch when the frames complete (the socket closed)', () => {
    const frames = cold('  -a--|');
    const expected = '     ----|';
    expect(frames.pipe(heartbeatWatchdog(5))).toBeObservable(cold(expected));
  });

  it('runs on the scheduler it is given, at the default 14000 ms', () => {
    new TestScheduler((actual, expected) => expect(actual).toEqual(expected)).run(({ cold: c, expectObservable }) => {
      const frames = c('a 9999ms b'); // b at 10000
      expectObservable(frames.pipe(heartbeatWatchdog(14000))).toBe('24000ms x', { x: 'expired' });
    });
  });
});
