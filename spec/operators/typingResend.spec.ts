import { asyncScheduler } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { typingResend } from '../../lib/operators/typingResend';

const testScheduler = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));

describe('typingResend', () => {
  it('emits the text at each tick where it changed since the last text sent, nothing on idle ticks', () => {
    testScheduler().run(({ hot, expectObservable }) => {
      const text = hot('-a--b------c-c---', { a: 'h', b: 'hi', c: 'hi!' });
      //       ticks:  -----t----t----t--   (gap 5)
      const result = text.pipe(typingResend(5, '', asyncScheduler));
      expectObservable(result, '^ 16ms !').toBe('-----b---------c-', { b: 'hi', c: 'hi!' });
    });
  });

  it('does not resend the text the first startTyping carried, nor a text typed back to what was sent', () => {
    testScheduler().run(({ hot, expectObservable }) => {
      const text = hot('-a----b-a---------', { a: 'hi', b: 'hi!' }); // hi! then back to hi inside one gap
      const result = text.pipe(typingResend(5, 'hi', asyncScheduler));
      expectObservable(result, '^ 16ms !').toBe('');
    });
  });
});
