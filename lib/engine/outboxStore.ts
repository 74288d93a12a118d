import type { OutboxCommand, OutboxEntry, OutboxFailure, OutboxStatus } from '../model/outbox';
import type { SessionStore } from '../storage/sessionStore';

/** The persisted key, next to the transports' session keys (`_genesys.widgets.webchat.state.outbox`). */
export const outboxKey = 'outbox';

const statuses: readonly OutboxStatus[] = ['queued', 'sending', 'sent', 'failed'];
const commands: readonly OutboxCommand[] = ['sendMessage', 'sendFilteredMessage', 'sendCustomNotice'];
const failures: readonly OutboxFailure[] = ['timeout', 'rejected', 'interrupted'];

/**
 * Writes the outbox with the session keys, so a page navigation keeps it (issue 14); an empty
 * outbox removes the key.
 */
export function saveOutbox(store: SessionStore, outbox: readonly OutboxEntry[]): void {
  const pending = outbox.filter((entry) => entry.status !== 'sent');
  if (pending.length === 0) store.remove(outboxKey);
  else store.set(outboxKey, JSON.stringify(pending));
}

/**
 * The persisted outbox, as the next page restores it: a send that was on its way when the page
 * went away is `failed` (`interrupted`), as nobody can tell whether it arrived and it must never be
 * delivered twice. Anything unreadable is left out.
 */
export function loadOutbox(store: SessionStore): OutboxEntry[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(store.get(outboxKey) ?? '[]');
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  return parsed.flatMap((value: unknown): OutboxEntry[] => {
    const entry = readEntry(value);
    if (!entry) return [];
    return [entry.status === 'sending' ? { ...entry, status: 'failed', failure: 'interrupted' } : entry];
  });
}

function readEntry(value: unknown): OutboxEntry | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  const status = statuses.find((s) => s === v.status);
  const command = commands.find((c) => c === v.command);
  if (typeof v.id !== 'string' || typeof v.text !== 'string' || typeof v.queuedAt !== 'number' || !status || !command) return null;
  const failure = failures.find((f) => f === v.failure);
  return {
    id: v.id,
    command,
    text: v.text,
    status,
    queuedAt: v.queuedAt,
    ...(failure ? { failure } : {}),
    ...(typeof v.type === 'string' ? { type: v.type } : {}),
    ...(typeof v.parentMessageID === 'string' ? { parentMessageID: v.parentMessageID } : {}),
  };
}
