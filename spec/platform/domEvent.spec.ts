import { domEvent } from '../../lib/platform/domEvent';

describe('domEvent', () => {
  it('emits each event of its type the target dispatches, and no other type', () => {
    const target = new EventTarget();
    const seen: string[] = [];
    const subscription = domEvent(target, 'focus').subscribe((event) => seen.push(event.type));
    target.dispatchEvent(new Event('focus'));
    target.dispatchEvent(new Event('blur'));
    target.dispatchEvent(new Event('focus'));
    subscription.unsubscribe();
    expect(seen).toEqual(['focus', 'focus']);
  });

  it('removes its listener when unsubscribed', () => {
    const target = new EventTarget();
    const removed = jest.spyOn(target, 'removeEventListener');
    const seen: Event[] = [];
    domEvent(target, 'input').subscribe((event) => seen.push(event)).unsubscribe();
    target.dispatchEvent(new Event('input'));
    expect(seen).toEqual([]);
    expect(removed).toHaveBeenCalledWith('input', expect.any(Function));
  });

  it('adds one listener per subscriber', () => {
    const target = new EventTarget();
    const added = jest.spyOn(target, 'addEventListener');
    const events = domEvent(target, 'online');
    const a = events.subscribe();
    const b = events.subscribe();
    expect(added).toHaveBeenCalledTimes(2);
    a.unsubscribe();
    b.unsubscribe();
  });
});
