import { Observable } from 'rxjs';

/** The part of a DOM `EventTarget` {@link domEvent} uses (a window, a document, an element). */
export type DomEventTarget = Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;

/**
 * Emits every `type` event the target dispatches; never completes. Unsubscribing removes the listener.
 *
 * rxjs `fromEvent` does this too, and also speaks to Node emitters, jQuery objects and node lists;
 * the library only ever listens to one DOM target at a time, and this narrow case costs a fifth of
 * the bytes in the IIFE (`scripts/bundleSize.mjs --rxjs`).
 *
 * ```
 * target:   ----click----click---  (unsubscribed at ^)
 * result:   ----e--------e-----^
 * ```
 *
 * @example
 * domEvent(window, 'online').subscribe(() => pollNow());
 *
 * @param target The window, document or element to listen to.
 * @param type The event name (`'focus'`, `'input'`, `'load'`…).
 */
export function domEvent(target: DomEventTarget, type: string): Observable<Event> {
  return new Observable<Event>((subscriber) => {
    const listener = (event: Event) => subscriber.next(event);
    target.addEventListener(type, listener);
    return () => target.removeEventListener(type, listener);
  });
}
