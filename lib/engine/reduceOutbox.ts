import type { OutboxEntry, OutboxFailure, OutboxStatus } from '../model/outbox';

/**
 * The outbox's changes (issue 14), as engine events: a send joins, one moves to another status (or
 * `removed`: delivered and announced, discarded, or the chat ended), or a restored page puts back the
 * entries its storage held.
 */
export type OutboxChange =
  | { type: 'outboxAdded'; entry: OutboxEntry }
  | { type: 'outboxMoved'; id: string; status: OutboxStatus | 'removed'; failure?: OutboxFailure }
  | { type: 'outboxRestored'; entries: readonly OutboxEntry[] };


/**
 * The outbox after one change: pure, a new array per change, order kept (the order the sends were
 * made; a retried send moves to the end, as it goes out after the ones queued meanwhile).
 *
 * @example
 * reduceOutbox([], { type: 'outboxAdded', entry }); // [entry]
 */
export function reduceOutbox(outbox: readonly OutboxEntry[], change: OutboxChange): readonly OutboxEntry[] {
  switch (change.type) {
    case 'outboxAdded':
      return [...outbox.filter((entry) => entry.id !== change.entry.id), change.entry];
    case 'outboxRestored':
      return [...change.entries];
    case 'outboxMoved': {
      const current = outbox.find((entry) => entry.id === change.id);
      if (!current) return outbox;
      const others = outbox.filter((entry) => entry !== current);
      if (change.status === 'removed') return others;
      const { failure: _old, ...rest } = current;
      const moved: OutboxEntry = { ...rest, status: change.status, ...(change.failure ? { failure: change.failure } : {}) };
      // Back to `queued` from `failed` (a retry): behind every send queued meanwhile.
      if (current.status === 'failed' && change.status === 'queued') return [...others, moved];
      return outbox.map((entry) => (entry === current ? moved : entry));
    }
  }
}
