import { reduceOutbox } from '../../lib/engine/reduceOutbox';
import { loadOutbox, outboxKey, saveOutbox } from '../../lib/engine/outboxStore';
import type { OutboxEntry } from '../../lib/model/outbox';
import { createSessionStore } from '../../lib/storage/sessionStore';
import { memoryStorage } from '../../lib/storage/memoryStorage';

const entry = (id: string, status: OutboxEntry['status'] = 'queued', extra: Partial<OutboxEntry> = {}): OutboxEntry => ({ id, command: 'sendMessage', text: `text ${id}`, status, queuedAt: 1, ...extra });

describe('reduceOutbox', () => {
  it('adds in order, moves in place, removes, and leaves the array alone for an unknown id', () => {
    let outbox = reduceOutbox([], { type: 'outboxAdded', entry: entry('a') });
    outbox = reduceOutbox(outbox, { type: 'outboxAdded', entry: entry('b') });
    outbox = reduceOutbox(outbox, { type: 'outboxMoved', id: 'a', status: 'sending' });
    expect(outbox.map((e) => `${e.id}:${e.status}`)).toEqual(['a:sending', 'b:queued']);
    expect(reduceOutbox(outbox, { type: 'outboxMoved', id: 'zz', status: 'sent' })).toBe(outbox);
    expect(reduceOutbox(outbox, { type: 'outboxMoved', id: 'a', status: 'removed' }).map((e) => e.id)).toEqual(['b']);
  });

  it('a failure carries its reason; a retry (failed → queued) drops it and goes behind the sends queued meanwhile', () => {
    let outbox = reduceOutbox([entry('a'), entry('b')], { type: 'outboxMoved', id: 'a', status: 'failed', failure: 'timeout' });
    expect(outbox[0]).toMatchObject({ id: 'a', status: 'failed', failure: 'timeout' });
    outbox = reduceOutbox(outbox, { type: 'outboxMoved', id: 'a', status: 'queued' });
    expect(outbox.map((e) => e.id)).toEqual(['b', 'a']);
    expect(outbox[1]).not.toHaveProperty('failure');
  });
});

describe('outboxStore', () => {
  it('keeps what is not sent under the session keys; an empty outbox removes the key', () => {
    const storage = memoryStorage();
    const store = createSessionStore(storage);
    saveOutbox(store, [entry('a'), entry('b', 'sent')]);
    expect(JSON.parse(storage.get(`_genesys.widgets.webchat.state.${outboxKey}`)!)).toEqual([entry('a')]);
    saveOutbox(store, [entry('b', 'sent')]);
    expect(storage.get(`_genesys.widgets.webchat.state.${outboxKey}`) ?? null).toBeNull();
  });

  it('restores a send that was on its way as failed (interrupted), and leaves out what it cannot read', () => {
    const store = createSessionStore(memoryStorage());
    store.set(outboxKey, JSON.stringify([entry('a', 'sending'), entry('b', 'queued', { type: 't' }), { id: 3 }, 'x', entry('c', 'failed', { failure: 'rejected' })]));
    expect(loadOutbox(store)).toEqual([entry('a', 'failed', { failure: 'interrupted' }), entry('b', 'queued', { type: 't' }), entry('c', 'failed', { failure: 'rejected' })]);
    store.set(outboxKey, '{not json');
    expect(loadOutbox(store)).toEqual([]);
  });
});
