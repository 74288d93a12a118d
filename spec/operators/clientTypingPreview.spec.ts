import { cold, hot } from 'jest-marbles';
import { map } from 'rxjs';
import type { Observable } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import type { ClientTypingInput } from '../../lib/operators/clientTyping';
import { clientTypingPreview } from '../../lib/operators/clientTypingPreview';

const inputs: Record<string, ClientTypingInput> = {
  a: { type: 'keystroke', text: 'I n' },
  b: { type: 'keystroke', text: 'I need' },
  z: { type: 'keystroke', text: '' },
  s: { type: 'stop' },
  c: { type: 'cancel' },
};
const previews = { a: 'I n', b: 'I need', e: '' };
const actions = { s: 'start', n: 'none', S: 'stop', C: 'cancel', i: 'idle' };

const previewOf = (idleMs: number) => (input$: Observable<ClientTypingInput>) => input$.pipe(clientTypingPreview(idleMs), map((step) => step.preview));
const actionOf = (idleMs: number) => (input$: Observable<ClientTypingInput>) => input$.pipe(clientTypingPreview(idleMs), map((step) => step.action));

describe('clientTypingPreview', () => {
  it.each([
    ['previews the latest keystroke text while typing, and nothing once the idle timer stops the typing', '-a-b-------------', '-a-b----e--------'],
    ['clears the preview at once on sendTyping({isTyping: false})', '-a-s-------', '-a-e-------'],
    ['clears the preview on sendMessage (the draft became a message)', '-b-c-------', '-b-e-------'],
    ['previews nothing while a registered input is empty, although the customer is typing', '-a-z-b-----', '-a-e-b----e'],
    ['types again after a stop: the new text is the preview, and the next stop clears it', '-a---------b-------', '-a----e----b----e-'],
  ])('%s', (_title, inputMarbles, expected) => {
    expect(previewOf(5)(hot(inputMarbles, inputs))).toBeObservable(cold(expected, previews));
  });

  it('keeps the clientTyping actions (the contract example), one step per action', () => {
    const input = hot('  -a-b---------a-s-a-c-', inputs);
    const preview = '    -a-b----e----a-e-a-e-';
    const action = '     -s-n----S----s-S-s-C-';
    expect(previewOf(5)(input)).toBeObservable(cold(preview, previews));
    expect(actionOf(5)(input)).toBeObservable(cold(action, actions));
  });

  it('clears the preview after the default 2000 ms on the scheduler it is given', () => {
    new TestScheduler((actual, expected) => expect(actual).toEqual(expected)).run(({ hot: h, expectObservable }) => {
      const input = h('-a 1500ms b', inputs);
      const expected = '-a 1500ms b 1999ms e';
      expectObservable(input.pipe(clientTypingPreview(), map((step) => step.preview))).toBe(expected, previews);
    });
  });
});
