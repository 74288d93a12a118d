/** @jest-environment jsdom */
import { resolveTypingInput, typingPreview } from '../../lib/operators/typingPreview';

function element<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string> = {}): HTMLElementTagNameMap[K] {
  const created = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) created.setAttribute(name, value);
  document.body.appendChild(created);
  return created;
}

describe('resolveTypingInput', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it.each`
    case                          | make
    ${'a textarea'}               | ${() => element('textarea')}
    ${'an input without type'}    | ${() => element('input')}
    ${'an input type=text'}       | ${() => element('input', { type: 'text' })}
    ${'an input type=search'}     | ${() => element('input', { type: 'search' })}
    ${'an input type=email'}      | ${() => element('input', { type: 'email' })}
    ${'an input type=tel'}        | ${() => element('input', { type: 'tel' })}
    ${'an input type=url'}        | ${() => element('input', { type: 'url' })}
    ${'an input type=TEXT'}       | ${() => element('input', { type: 'TEXT' })}
    ${'an input of unknown type'} | ${() => element('input', { type: 'bogus' })}
  `('accepts $case', ({ make }: { make: () => HTMLElement }) => {
    const input = make();
    expect(resolveTypingInput(input)).toBe(input);
  });

  it('takes the first element of a jQuery-like wrapper', () => {
    const first = element('textarea');
    const second = element('textarea');
    expect(resolveTypingInput({ 0: first, 1: second, length: 2, jquery: '3.7.1' })).toBe(first);
    expect(resolveTypingInput([first])).toBe(first);
  });

  it.each`
    case                                 | make
    ${'an input type=checkbox'}          | ${() => element('input', { type: 'checkbox' })}
    ${'an input type=password'}          | ${() => element('input', { type: 'password' })}
    ${'an input type=file'}              | ${() => element('input', { type: 'file' })}
    ${'a div'}                           | ${() => element('div')}
    ${'a contenteditable div'}           | ${() => element('div', { contenteditable: 'true' })}
    ${'a wrapper of a div'}              | ${() => ({ 0: element('div'), length: 1 })}
    ${'an empty wrapper'}                | ${() => ({ length: 0 })}
    ${'a text node'}                     | ${() => document.createTextNode('hi')}
    ${'a selector string'}               | ${() => '#chat-input'}
    ${'null'}                            | ${() => null}
    ${'undefined'}                       | ${() => undefined}
    ${'a look-alike without nodeType'}   | ${() => ({ tagName: 'TEXTAREA', value: '' })}
  `('rejects $case', ({ make }: { make: () => unknown }) => {
    expect(resolveTypingInput(make())).toBeNull();
  });
});

describe('typingPreview', () => {
  it("emits the input's value on each input event, and nothing after unsubscribe", () => {
    const input = element('textarea');
    const seen: string[] = [];
    const subscription = typingPreview(input).subscribe((value) => seen.push(value));

    input.value = 'h';
    input.dispatchEvent(new Event('input'));
    input.value = 'hi';
    input.dispatchEvent(new Event('input'));
    input.value = 'hi!';
    input.dispatchEvent(new Event('change'));
    subscription.unsubscribe();
    input.value = 'gone';
    input.dispatchEvent(new Event('input'));

    expect(seen).toEqual(['h', 'hi']);
  });
});
