import type { WebChatEvent, WebChatEventName } from '../../lib/model/events';
import { describe, type CommandRecord, type ProbeRecord } from './serviceProbe';

/** Where a secret was found where it must not be. */
export interface SecretFinding {
  where: string;
  /** The first characters of the secret (never the whole of it, even in a report). */
  secret: string;
}

/**
 * Events the contract lets carry session data (`contract.md` §6.16, §8.1, §9.2): `started` (the
 * create response with the session keys), `sessionLost` (`{sessionData, response}`), and
 * `messageReceived` — its `sessionData` field only.
 */
const mayCarry: ReadonlySet<WebChatEventName> = new Set(['started', 'sessionLost']);
/**
 * Searches every published event, every logged line and every rejection of a session for its
 * secrets (secureKey, client token, JWT), except where the contract puts them. Resolved results are
 * not searched: a result is the server's body by contract (`AjaxResult`, §4), and a GMS body
 * carries `secureKey` on every response (`wire-gms-v2.md` §3).
 *
 * @example
 * scanSecrets(outcome.secrets, outcome.instances, outcome.commands); // [] when nothing leaked
 *
 * @param secrets The session's secrets.
 * @param instances What each service instance published and logged.
 * @param commands Every command call with its rejection.
 */
export function scanSecrets(secrets: readonly string[], instances: readonly ProbeRecord[], commands: readonly CommandRecord[]): SecretFinding[] {
  const findings: SecretFinding[] = [];
  if (secrets.length === 0) return findings;
  const search = (where: string, text: string) => {
    for (const secret of secrets) if (text.includes(secret)) findings.push({ where, secret: `${secret.slice(0, 6)}…` });
  };
  for (const record of instances) {
    for (const event of record.events) search(`event ${event.event} (instance ${record.instance})`, describe(scannable(event)));
    record.logs.forEach((line, i) => search(`log line ${i} (instance ${record.instance}): ${line.slice(0, 60)}`, line));
  }
  for (const command of commands) {
    if (command.ok === false) search(`rejection of ${command.name}`, describe(command.rejection));
  }
  return findings;
}

/** The part of an event that must be free of secrets. */
function scannable(event: WebChatEvent): unknown {
  if (mayCarry.has(event.event)) return null;
  if (event.event === 'messageReceived') {
    const { sessionData: _allowed, ...rest } = event.data;
    return rest;
  }
  return event.data;
}
