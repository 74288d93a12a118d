import { cold, hot } from 'jest-marbles';
import { TestScheduler } from 'rxjs/testing';
import { clientTyping, ClientTypingAction, ClientTypingInput } from '../../lib/operators/clientTyping';

const inputs: Record<string, ClientTypingInput> = {
  k: { type: 'keystroke', text: 'I' },
  s: { type: 'stop' },
  c: { type: 'cancel' },
};
const actions: Record<string, ClientTypingAction> = { s: 'start', n: 'none', S: 'stop', C: 'cancel', i: 'idle' };

describe('clientTyping', () => {
  it('starts on the first keystroke and only re-arms the idle timer on the next ones', () => {
    const input = hot('  -k-k-k-------', inputs);
    const expected = '   -s-n-n----S--';
    expect(input.pipe(clientTyping(5))).toBeObservable(cold(expected, actions));
  });

  it('stops after idleMs with no keystroke', () => {
    const input = hot('  -k---------k------', inputs);
    const expected = '   -s----S----s----S-';
    expect(input.pipe(clientTyping(5))).toBeObservable(cold(expected, actions));
  });

  it('stops at once on isTyping:false, and the idle timer does not fire after it', () => {
    const input = hot('  -k-s-------', inputs);
    const expected = '   -s-S-------';
    expect(input.pipe(clientTyping(5))).toBeObservable(cold(expected, actions));
  });

  it('cancels on sendMessage: no stop request, no idle stop later', () => {
    const input = hot('  -k-c-------', inputs);
    const expected = '   -s-C-------';
    expect(input.pipe(clientTyping(5))).toBeObservable(cold(expected, actions));
  });

  it('answers idle to a stop or cancel while not typing', () => {
    const input = hot('  -s-c-k-c-c-s-', inputs);
    const expected = '   -i-i-s-C-i-i-';
    expect(input.pipe(clientTyping(5))).toBeObservable(cold(expected, actions));
  });

  it('emits one action per input (the contract example)', () => {
    const input = hot('  -k-k-k---------s-c-k-c-', inputs);
    const expected = '   -s-n-n----S----i-i-s-C-';
    expect(input.pipe(clientTyping(5))).toBeObservable(cold(expected, actions));
  });

  it('waits the default 2000 ms on the scheduler it is given', () => {
    new TestScheduler((actual, expected) => expect(actual).toEqual(expected)).run(({ hot: h, expectObservable }) => {
      const input = h('-k 1500ms k', inputs);
      const expected = '-s 1500ms n 1999ms S';
      expectObservable(input.pipe(clientTyping())).toBe(expected, actions);
    });
  });
});
