import { map } from 'rxjs';
import { domEvent } from '../platform/domEvent';
import type { Observable } from 'rxjs';

/** The input types whose value is free text (`contract.md` §6.19); an input with no `type` is `text`. */
const TEXT_INPUT_TYPES = new Set(['text', 'search', 'email', 'tel', 'url']);

/**
 * The element `registerTypingPreviewInput({input})` may watch (`contract.md` §6.19): a textarea,
 * an input of a text type (`text`, `search`, `email`, `tel`, `url`, or none), or a jQuery-like
 * wrapper of one (its first element, `[0]`). Anything else is `null`, and the caller rejects
 * R-INPUT.
 *
 * Elements are recognised by `nodeType` and `tagName` rather than `instanceof`, so an element of
 * another frame (another set of DOM constructors) is accepted too.
 *
 * @example
 * resolveTypingInput(document.querySelector('textarea')); // the textarea
 * resolveTypingInput($('#chat-input'));                    // its first element
 * resolveTypingInput(document.body);                       // null
 *
 * @param value What the integrator passed as `input`.
 */
export function resolveTypingInput(value: unknown): HTMLInputElement | HTMLTextAreaElement | null {
  const element = isElement(value) ? value : firstOf(value);
  if (!isElement(element)) return null;
  const tag = element.tagName.toUpperCase();
  if (tag === 'TEXTAREA') return element as HTMLTextAreaElement;
  // `.type` is what the browser made of the attribute: missing or unknown types read `text`.
  if (tag === 'INPUT' && TEXT_INPUT_TYPES.has(String((element as HTMLInputElement).type).toLowerCase())) return element as HTMLInputElement;
  return null;
}

/**
 * Emits the input's current value on each of its `input` events: the typing preview
 * (`contract.md` §6.19 — gms sends it as `message` on every poll, v3 as `data[text]`, and each
 * event calls `sendTyping`). Never completes; unsubscribe to stop listening.
 *
 * @example
 * typingPreview(input).subscribe((text) => typing.keystroke(text));
 *
 * @param input An element {@link resolveTypingInput} accepted.
 */
export function typingPreview(input: HTMLInputElement | HTMLTextAreaElement): Observable<string> {
  return domEvent(input, 'input').pipe(map(() => input.value));
}

function isElement(value: unknown): value is Element {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { nodeType?: unknown }).nodeType === 1 &&
    typeof (value as { tagName?: unknown }).tagName === 'string'
  );
}

function firstOf(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || !('0' in value)) return undefined;
  return (value as { 0: unknown })[0];
}
