import type { NormalizedMessage } from '../../lib/model/messages';
import type { SessionOutcome } from './soakSession';

/** The invariant counts of a session, or summed over many (zero = the promise kept, but `messages` and `rejectedButArrived`). */
export interface SessionCounts {
  /** Agent messages in the server transcript + customer sends. */
  messages: number;
  /** An agent message never published; a send resolved but not in the server transcript. */
  lost: number;
  /** A message published twice to the app; a customer message twice in the server transcript. */
  duplicated: number;
  /** A published message whose server position is before one published earlier by the same instance. */
  outOfOrder: number;
  /** A command that did not settle within its bound, or settled only because `destroy()` rejected it. */
  unsettled: number;
  /** Timers, requests, sockets or subscriptions left after `destroy()` (summed over instances). */
  leaked: number;
  /** A started session whose ending (endChat, the agent's end, a fault that ends it) never reached `ended`. */
  unended: number;
  /** Customer sends rejected although the server has the message (allowed: "never twice", not "never"). */
  rejectedButArrived: number;
  /** Customer sends typed while the connection was down (queued by the outbox, issue 14). */
  typedOffline: number;
  /**
   * Of those: not in the server transcript at the end, and the customer not told by the server why:
   * resolved, never settled, or rejected by the outbox itself (its wait ran out, the chat ended).
   */
  offlineLost: number;
  /** Of those: rejected with the transport's failure when finally sent (a refusal, or a fate the transcript could not tell): visible, never silent. */
  offlineRefused: number;
  /** Of those: in the server transcript more than once. */
  offlineDuplicated: number;
}

/** Every count of {@link SessionCounts}, for summing. */
export const countKeys: readonly (keyof SessionCounts)[] = [
  'messages', 'lost', 'duplicated', 'outOfOrder', 'unsettled', 'leaked', 'unended', 'rejectedButArrived', 'typedOffline', 'offlineLost', 'offlineRefused', 'offlineDuplicated',
];

/** One session's counts, with a human-readable reason for every non-zero invariant count. */
export interface SessionVerdict extends SessionCounts {
  problems: string[];
}

/**
 * Checks one session against the server's own transcript (issue 6 "The soak"): every agent message
 * published exactly once and in transcript order, every customer message in the transcript exactly
 * once or rejected to the caller, every command settled, nothing left open after `destroy()`.
 *
 * The restore replay of a new instance (`restoring: true`) re-shows the transcript by design
 * (`contract.md` §15.2): it is exempt from the cross-instance duplicate rule, not from the
 * per-instance ones.
 *
 * @param outcome What {@link soakSession} recorded.
 */
export function checkSession(outcome: SessionOutcome): SessionVerdict {
  const verdict: SessionVerdict = { ...zeroCounts(), problems: [] };
  const problem = (key: keyof Omit<SessionVerdict, 'messages' | 'problems' | 'rejectedButArrived' | 'typedOffline' | 'offlineRefused'>, text: string, n = 1) => {
    verdict[key] += n;
    verdict.problems.push(`${key}: ${text}`);
  };
  const customerId = outcome.participants.find((p) => p.role === 'customer')?.id;
  const messageEvents = outcome.transcript.filter((e) => e.kind === 'message');
  const seqOf = new Map<string, number>();
  for (const event of messageEvents) if (!seqOf.has(event.text)) seqOf.set(event.text, event.seq);
  const agentTexts = messageEvents.filter((e) => e.participantId !== customerId).map((e) => e.text);
  const serverCount = (text: string) => messageEvents.filter((e) => e.text === text).length;

  // Per instance: each server message at most once, in server order.
  const liveBefore = new Set<string>();
  for (const record of outcome.instances) {
    const known = record.messages.filter((m) => m.type === 'Message' && seqOf.has(m.text));
    const counts = new Map<string, number>();
    let highest = 0;
    for (const message of known) {
      counts.set(message.text, (counts.get(message.text) ?? 0) + 1);
      const seq = seqOf.get(message.text)!;
      if (seq < highest) problem('outOfOrder', `instance ${record.instance}: #${seq} after #${highest} (${short(message)})`);
      highest = Math.max(highest, seq);
      if (!message.restoring && liveBefore.has(message.text)) problem('duplicated', `instance ${record.instance} re-published live what an earlier instance showed (${short(message)})`);
    }
    for (const [text, count] of counts) if (count > 1) problem('duplicated', `instance ${record.instance} published ${JSON.stringify(text.slice(0, 40))} ${count} times`, count - 1);
    for (const message of known) if (!message.restoring) liveBefore.add(message.text);
  }

  // Agent messages: none lost.
  const published = new Set(outcome.instances.flatMap((r) => r.messages.map((m) => m.text)));
  for (const text of agentTexts) {
    verdict.messages += 1;
    if (!published.has(text)) problem('lost', `agent message never published: ${JSON.stringify(text.slice(0, 40))}`);
  }

  // Customer sends: resolved ⇒ exactly once on the server; rejected ⇒ at most once.
  for (const send of outcome.commands.filter((c) => c.name === 'sendMessage' && c.text !== undefined)) {
    verdict.messages += 1;
    const count = serverCount(send.text!);
    if (count > 1) problem('duplicated', `customer message ${count} times in the server transcript: ${JSON.stringify(send.text!.slice(0, 40))}`, count - 1);
    if (send.ok === true && count === 0) problem('lost', `sendMessage resolved but the server has no ${JSON.stringify(send.text!.slice(0, 40))}`);
    if (send.ok === false && count === 1) verdict.rejectedButArrived += 1;
    if (!send.offline) continue;
    // Typed during an outage: the outbox delivers it once, whatever happened meanwhile.
    verdict.typedOffline += 1;
    // A transport's failure is an object; the outbox's own texts (and destroy's) are strings.
    const refused = send.ok === false && typeof send.rejection === 'object' && send.rejection !== null;
    if (count === 0 && refused) verdict.offlineRefused += 1;
    else if (count === 0) problem('offlineLost', `typed offline, never on the server (${send.ok ? 'resolved' : `rejected ${JSON.stringify(send.rejection)}`}): ${JSON.stringify(send.text!.slice(0, 40))}`);
    if (count > 1) problem('offlineDuplicated', `typed offline, ${count} times on the server: ${JSON.stringify(send.text!.slice(0, 40))}`, count - 1);
  }

  for (const command of outcome.commands) {
    if (!command.settled) problem('unsettled', `${command.name} (instance ${command.instance}) never settled`);
    else if (command.byDestroy) problem('unsettled', `${command.name} (instance ${command.instance}) settled only by destroy()`);
  }

  if (outcome.started && !outcome.ended) problem('unended', `no ended event after the ${outcome.ending} ending`);

  for (const record of outcome.instances) {
    const open = record.leftOpen;
    const left = (open ? open.timers + open.requests + open.sockets : 0) + (record.openSubscriptions ?? 0);
    if (left > 0) problem('leaked', `instance ${record.instance}: ${JSON.stringify({ ...open, subscriptions: record.openSubscriptions })}`, left);
  }
  return verdict;
}

function short(message: NormalizedMessage): string {
  return `${message.from.type}: ${JSON.stringify(message.text.slice(0, 30))}${message.restoring ? ' (restoring)' : ''}`;
}

/** A {@link SessionCounts} with every count at zero. */
export function zeroCounts(): SessionCounts {
  return Object.fromEntries(countKeys.map((key) => [key, 0])) as unknown as SessionCounts;
}
