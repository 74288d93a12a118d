import { Subject } from 'rxjs';
import { heldConnection } from '../../../lib/transports/purecloud-v2/heldConnection';
import type { ConnectionSignal } from '../../../lib/transports/purecloud-v2/socketConnection';

describe('heldConnection', () => {
  const open: ConnectionSignal = { type: 'open', reopened: false };
  const frame = (data: string): ConnectionSignal => ({ type: 'frame', data });

  it('replays the first signal, and holds the later ones until the session listens', () => {
    const source = new Subject<ConnectionSignal>();
    const held = heldConnection(source);
    source.next(open);
    source.next(frame('a'));
    source.next(frame('b'));
    const first: ConnectionSignal[] = [];
    held.first.subscribe((signal) => first.push(signal));
    expect(first).toEqual([open]);
    const rest: ConnectionSignal[] = [];
    held.rest.subscribe((signal) => rest.push(signal));
    source.next(frame('c'));
    expect(rest).toEqual([frame('a'), frame('b'), frame('c')]);
  });

  it('close stops the connection and completes the listener', () => {
    const source = new Subject<ConnectionSignal>();
    const held = heldConnection(source);
    source.next(open);
    let completed = false;
    held.rest.subscribe({ complete: () => (completed = true) });
    held.close();
    expect(source.observed).toBe(false);
    expect(completed).toBe(true);
  });
});
