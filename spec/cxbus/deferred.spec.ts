/** @jest-environment jsdom */
import { createDeferred } from '../../lib/cxbus/deferred';
import { pause } from '../helpers/eventually';

/** Lets every pending microtask run (then callbacks are microtasks). */
const microtasks = () => pause(0);

describe('createDeferred (cxbus.md §9)', () => {
  describe('shipped members', () => {
    it('done, fail, always and progress return the same promise, so calls chain', () => {
      const promise = createDeferred().promise();
      expect(promise.done(() => {})).toBe(promise);
      expect(promise.fail(() => {})).toBe(promise);
      expect(promise.always(() => {})).toBe(promise);
      expect(promise.progress(() => {})).toBe(promise);
    });

    it('passes every resolve argument to done callbacks, with this = the promise', () => {
      const d = createDeferred();
      const seen: unknown[] = [];
      let self: unknown;
      d.promise().done(function (this: unknown, ...args: unknown[]) {
        self = this;
        seen.push(...args);
      });
      d.resolve('a', 2, { three: 3 });
      expect(seen).toEqual(['a', 2, { three: 3 }]);
      expect(self).toBe(d.promise());
    });

    it('passes every reject argument to fail callbacks', () => {
      const d = createDeferred();
      const fail = jest.fn();
      d.promise().fail(fail);
      d.reject('No active chat session', 'extra');
      expect(fail).toHaveBeenCalledWith('No active chat session', 'extra');
    });

    it('accepts arrays of callbacks and several arguments', () => {
      const d = createDeferred();
      const calls: string[] = [];
      d.promise().done([() => calls.push('a'), [() => calls.push('b')]], () => calls.push('c'));
      d.resolve();
      expect(calls).toEqual(['a', 'b', 'c']);
    });

    it('runs always callbacks on either outcome', () => {
      const resolved = createDeferred();
      const rejected = createDeferred();
      const always = jest.fn();
      resolved.promise().always(always);
      rejected.promise().always(always);
      resolved.resolve('ok');
      rejected.reject('no');
      expect(always.mock.calls).toEqual([['ok'], ['no']]);
    });

    it('runs a callback added after settlement synchronously, at once', () => {
      const d = createDeferred().resolve('late');
      const done = jest.fn();
      d.promise().done(done);
      expect(done).toHaveBeenCalledWith('late');
    });

    it('does not run fail callbacks of a resolved promise', () => {
      const d = createDeferred().resolve('x');
      const fail = jest.fn();
      d.promise().fail(fail);
      expect(fail).not.toHaveBeenCalled();
    });

    it('runs progress callbacks on notify while pending, and ignores notify after settlement', () => {
      const d = createDeferred();
      const progress = jest.fn();
      d.promise().progress(progress);
      d.notify(1, 'of', 3);
      d.resolve();
      d.notify(2);
      expect(progress.mock.calls).toEqual([[1, 'of', 3]]);
    });

    it('reports state() as "pending", "resolved" and "rejected"', () => {
      const a = createDeferred();
      const b = createDeferred();
      expect(a.state()).toBe('pending');
      a.resolve();
      b.reject();
      expect(a.state()).toBe('resolved');
      expect(b.promise().state()).toBe('rejected');
      expect([a.isResolved(), a.isRejected(), b.isResolved(), b.isRejected()]).toEqual([true, false, false, true]);
    });

    it('ignores a second settle', () => {
      const d = createDeferred();
      const done = jest.fn();
      const fail = jest.fn();
      d.promise().done(done).fail(fail);
      d.resolve(1);
      d.resolve(2);
      d.reject(3);
      expect(done.mock.calls).toEqual([[1]]);
      expect(fail).not.toHaveBeenCalled();
    });

    it('promise() of the promise returns itself and has no resolve', () => {
      const promise = createDeferred().promise();
      expect(promise.promise()).toBe(promise);
      expect((promise as unknown as { resolve?: unknown }).resolve).toBeUndefined();
    });

    it('uses the given context with resolveWith, rejectWith and notifyWith', () => {
      const ctx = { name: 'ctx' };
      const d = createDeferred();
      const contexts: unknown[] = [];
      d.promise().progress(function (this: unknown) { contexts.push(this); }).done(function (this: unknown) { contexts.push(this); });
      d.notifyWith(ctx, [1]);
      d.resolveWith(ctx, ['v']);
      expect(contexts).toEqual([ctx, ctx]);
      const r = createDeferred();
      const fail = jest.fn();
      r.promise().fail(fail);
      r.rejectWith(ctx, ['why']);
      expect(fail).toHaveBeenCalledWith('why');
    });

    it('keeps running the remaining callbacks when one throws, and logs it', () => {
      const logger = { debug: jest.fn() };
      const d = createDeferred({ logger });
      const second = jest.fn();
      d.promise().done(() => { throw new Error('boom'); }, second);
      d.resolve('v');
      expect(second).toHaveBeenCalledWith('v');
      expect(logger.debug).toHaveBeenCalled();
    });

    it('debug() shows the state and the settle arguments', () => {
      expect(createDeferred().resolve('a', 'b').debug()).toEqual({ state: 'resolved', args: ['a', 'b'] });
    });
  });

  describe('then chains like a Promise (product)', () => {
    it('returns a new bus promise resolved with the callback result', async () => {
      const d = createDeferred();
      const next = d.promise().then((v) => `${v as string}!`);
      expect(next).not.toBe(d.promise());
      expect(typeof next.done).toBe('function');
      d.resolve('hi');
      await microtasks();
      expect(next.state()).toBe('resolved');
      const done = jest.fn();
      next.done(done);
      expect(done).toHaveBeenCalledWith('hi!');
    });

    it('runs the callbacks in a microtask, not synchronously', async () => {
      const d = createDeferred().resolve('v');
      const onResolved = jest.fn();
      d.promise().then(onResolved);
      expect(onResolved).not.toHaveBeenCalled();
      await microtasks();
      expect(onResolved).toHaveBeenCalledWith('v');
    });

    it('passes the first argument only', async () => {
      const d = createDeferred();
      const onResolved = jest.fn();
      d.promise().then(onResolved);
      d.resolve('first', 'second');
      await microtasks();
      expect(onResolved.mock.calls).toEqual([['first']]);
    });

    it('adopts a returned thenable (a native Promise or another bus promise)', async () => {
      const d = createDeferred();
      const inner = createDeferred();
      const result = d.promise().then(() => Promise.resolve(1)).then((n) => inner.promise().then((s) => `${n as number}${s as string}`));
      d.resolve();
      inner.resolve('b');
      await expect(result).resolves.toBe('1b');
    });

    it('rejects the new promise when the callback throws', async () => {
      const d = createDeferred();
      const error = new Error('bad');
      const next = d.promise().then(() => { throw error; });
      d.resolve();
      await expect(next).rejects.toBe(error);
    });

    it('passes a rejection through a then without onRejected to catch', async () => {
      const d = createDeferred();
      const caught = d.promise().then((v) => v).catch((reason) => `caught ${reason as string}`);
      d.reject('There is no active chat session');
      await expect(caught).resolves.toBe('caught There is no active chat session');
    });

    it('finally runs on both outcomes and keeps the outcome', async () => {
      const ok = createDeferred();
      const ko = createDeferred();
      const fin = jest.fn();
      const a = ok.promise().finally(fin);
      const b = ko.promise().finally(fin);
      ok.resolve('v');
      ko.reject('r');
      await expect(a).resolves.toBe('v');
      await expect(b).rejects.toBe('r');
      expect(fin).toHaveBeenCalledTimes(2);
    });

    it('works with await (first argument)', async () => {
      const d = createDeferred();
      d.resolve({ sessionActive: true }, 'ignored');
      await expect((async () => await d.promise())()).resolves.toEqual({ sessionActive: true });
    });

    it('throws the rejection reason from await', async () => {
      const d = createDeferred().reject('No message text provided');
      await expect((async () => { await d.promise(); })()).rejects.toBe('No message text provided');
    });

    it('pipe is an alias of then', async () => {
      const d = createDeferred().resolve(2);
      await expect(d.promise().pipe((n) => (n as number) * 2)).resolves.toBe(4);
    });

    it('logs an unhandled rejection of a chained promise at debug level only', async () => {
      const logger = { debug: jest.fn() };
      const d = createDeferred({ logger });
      d.promise().then(() => 'x');
      d.reject('nobody listens');
      await microtasks();
      expect(logger.debug).toHaveBeenCalledWith(expect.stringContaining('unhandled rejection'));
    });

    it('rejects with a TypeError when a then callback returns its own promise', async () => {
      const d = createDeferred().resolve();
      const next: PromiseLike<unknown> = d.promise().then(() => next);
      await expect(next).rejects.toBeInstanceOf(TypeError);
    });
  });
});
