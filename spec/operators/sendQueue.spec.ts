import { cold, hot } from 'jest-marbles';
import { asyncScheduler } from 'rxjs';
import { sendQueue } from '../../lib/operators/sendQueue';
import type { SendQueueInput, SendQueueStep } from '../../lib/operators/sendQueue';

/** a, b, c join with a 20-frame wait; o/f online/offline; d/D delivered a/b; n a not delivered; x a failed. */
const inputs: Record<string, SendQueueInput> = {
  a: { type: 'add', id: 'a', wait: 20 },
  b: { type: 'add', id: 'b', wait: 20 },
  c: { type: 'add', id: 'c', wait: 20 },
  F: { type: 'addFailed', id: 'a' },
  o: { type: 'online', online: true },
  f: { type: 'online', online: false },
  d: { type: 'settled', id: 'a', outcome: 'delivered' },
  D: { type: 'settled', id: 'b', outcome: 'delivered' },
  n: { type: 'settled', id: 'a', outcome: 'notDelivered' },
  x: { type: 'settled', id: 'a', outcome: 'failed' },
  r: { type: 'retry', id: 'a', wait: 20 },
  k: { type: 'discard', id: 'a' },
  K: { type: 'discard', id: 'b' },
  e: { type: 'end' },
};
const steps: Record<string, SendQueueStep> = {
  s: { id: 'a', status: 'sending' },
  t: { id: 'a', status: 'sent' },
  q: { id: 'a', status: 'queued' },
  T: { id: 'a', status: 'failed', reason: 'timeout' },
  X: { id: 'a', status: 'failed', reason: 'rejected' },
  S: { id: 'b', status: 'sending' },
  U: { id: 'b', status: 'sent' },
  B: { id: 'b', status: 'failed', reason: 'timeout' },
  C: { id: 'c', status: 'sending' },
  k: { id: 'a', status: 'removed', reason: 'discarded', wasSending: false },
  K: { id: 'b', status: 'removed', reason: 'discarded', wasSending: false },
  e: { id: 'a', status: 'removed', reason: 'ended', wasSending: false },
  E: { id: 'a', status: 'removed', reason: 'ended', wasSending: true },
  F: { id: 'b', status: 'removed', reason: 'ended', wasSending: false },
};
const queue = () => sendQueue({ retryDelay: 4, scheduler: asyncScheduler });

describe('sendQueue', () => {
  it('holds sends while offline, then sends them one at a time, in order, each after the previous is delivered', () => {
    const input = hot('   -a-b--o---d---D-', inputs);
    const expected = '    ------s---(tS)U-';
    expect(input.pipe(queue())).toBeObservable(cold(expected, steps));
  });

  it('sends at once while online', () => {
    const input = hot('   -oa--d-', inputs);
    const expected = '    --s--t-';
    expect(input.pipe(queue())).toBeObservable(cold(expected, steps));
  });

  it('going offline between sends holds the next one until the connection is back', () => {
    const input = hot('   -oab-f-d----o-D-', inputs);
    const expected = '    --s----t----S-U-';
    expect(input.pipe(queue())).toBeObservable(cold(expected, steps));
  });

  it('a send still queued after its wait fails with timeout, and the next one is not held by it', () => {
    const input = hot('   -a---------b-------------o-D-', inputs);
    const expected = '    ---------------------T---S-U-';
    expect(input.pipe(queue())).toBeObservable(cold(expected, steps));
  });

  it('a send in flight when its wait runs out is not cut: its outcome decides', () => {
    const input = hot('   -oa-------------------------d-', inputs);
    const expected = '    --s-------------------------t-';
    expect(input.pipe(queue())).toBeObservable(cold(expected, steps));
  });

  it('not delivered: back in the queue, first in line, sent again after retryDelay (never before the next send)', () => {
    const input = hot('   -oab-n--------d----D-', inputs);
    const expected = '    --s--q---s----(tS)-U-';
    expect(input.pipe(queue())).toBeObservable(cold(expected, steps));
  });

  it("not delivered with the server's Retry-After longer than retryDelay: sent again after Retry-After", () => {
    const more: Record<string, SendQueueInput> = { ...inputs, w: { type: 'settled', id: 'a', outcome: 'notDelivered', retryAfter: 8 } };
    const input = hot('   -oa-w----------d-', more);
    const expected = '    --s-q-------s--t-';
    expect(input.pipe(queue())).toBeObservable(cold(expected, steps));
  });

  it('not delivered after its wait ran out: fails with timeout instead of going again', () => {
    const input = hot('   -oa-----------------------n-', inputs);
    const expected = '    --s-----------------------T-';
    expect(input.pipe(queue())).toBeObservable(cold(expected, steps));
  });

  it('failed (refused, or fate unknown): never sent again on its own; the next one goes', () => {
    const input = hot('   -oab-x-----D-', inputs);
    const expected = '    --s--(XS)--U-';
    expect(input.pipe(queue())).toBeObservable(cold(expected, steps));
  });

  it('retry puts a failed send back in the queue, and it goes', () => {
    const input = hot('   -oa-x-r---d-', inputs);
    const expected = '    --s-X-(qs)t-';
    expect(input.pipe(queue())).toBeObservable(cold(expected, steps));
  });

  it('retry goes behind the sends queued meanwhile', () => {
    const more: Record<string, SendQueueInput> = {
      a: inputs.a,
      G: { type: 'addFailed', id: 'b' },
      R: { type: 'retry', id: 'b', wait: 20 },
      o: inputs.o,
      d: inputs.d,
      D: inputs.D,
    };
    const input = hot('   -a-G-R-o-d----D-', more);
    const expected = '    -----q-s-(tS)-U-';
    expect(input.pipe(queue())).toBeObservable(cold(expected, { ...steps, q: { id: 'b', status: 'queued' } }));
  });

  it('discard removes a failed send', () => {
    const input = hot('   -oa-x-k-', inputs);
    const expected = '    --s-X-k-';
    expect(input.pipe(queue())).toBeObservable(cold(expected, steps));
  });

  it('a restored failed send waits for retry: nothing goes out on its own', () => {
    const input = hot('   -Fo----r----d-', inputs);
    const expected = '    -------(qs)-t-';
    expect(input.pipe(queue())).toBeObservable(cold(expected, steps));
  });

  it('discard takes a queued send out; a send in flight cannot be discarded', () => {
    const input = hot('   -ab-K-o-k-d-', inputs);
    const expected = '    ----K-s---t-';
    expect(input.pipe(queue())).toBeObservable(cold(expected, steps));
  });

  it('the chat ends: every send is removed, the one in flight marked so, and no timer is left to fire', () => {
    const input = hot('   -oab-e-------------------------', inputs);
    const expected = '    --s--(EF)----------------------';
    expect(input.pipe(queue())).toBeObservable(cold(expected, steps));
  });

  it('the chat ends while offline: the queued sends are removed before their wait', () => {
    const input = hot('   -ab--e-----------------------', inputs);
    const expected = '    -----(eF)--------------------';
    expect(input.pipe(queue())).toBeObservable(cold(expected, steps));
  });
});
