import type { Agent } from 'node:http';
import type { Observable } from 'rxjs';
import type { SessionData } from '../../lib/model/results';
import { memoryStorage } from '../../lib/storage/memoryStorage';
import type { FaultRule } from '../../playground/server/faults';
import type { Playground } from '../../playground/server/index';
import { seededRandom } from '../../playground/server/seededRandom';
import type { Participant, TranscriptEvent } from '../../playground/server/sessionStore';
import { drawFault } from './drawFault';
import { openServiceProbe, type CommandRecord, type ProbeRecord, type ServiceProbe } from './serviceProbe';
import type { SoakProfile } from './soakProfiles';
import { pause, waitUntil } from '../helpers/eventually';

/** What the soak needs to run sessions: the playground, the XHR agent and the run's seed. */
export interface SoakEnv {
  playground: Playground;
  agent: Agent;
  seed: number;
}

export type SessionEnding = 'customer' | 'agent' | 'terminalFault';

/** Everything one soak session produced, for {@link checkSession}. */
export interface SessionOutcome {
  transport: string;
  index: number;
  sessionId: string | null;
  started: boolean;
  ending: SessionEnding;
  /** Whether `ended` was published by the last instance. */
  ended: boolean;
  /** Fault rules added for this session (the playground counts the ones applied). */
  faults: FaultRule[];
  commands: CommandRecord[];
  instances: ProbeRecord[];
  /** The server's transcript and participants when the session was over. */
  transcript: TranscriptEvent[];
  participants: Participant[];
  /** The session's secrets (secureKey, token, JWT): they may appear only where the contract puts them. */
  secrets: string[];
  notes: string[];
  /** Wall-clock ms the session took. */
  ms: number;
}

/** Texts of every shape a chat sees; each message also gets a unique prefix so the soak can find it. */
const flavors = ['', ' — héllo wörld 👋', ' <b>bold</b> & "quotes"', '\nsecond line', ` ${'long '.repeat(120)}`, ' 1 < 2 > 0 ; DROP TABLE'];

/**
 * One soak session: a scripted conversation against the in-process playground under a random fault
 * plan. Start (retried if a create fault hits it), agent joins, agent and customer messages
 * interleaved with typing and other commands, a restore in a new service instance in the middle,
 * the agent leaving and a second agent joining, then an ending: the customer's `endChat`, the agent
 * ending it, or a fault that ends it on the server's side. Every wait is bounded.
 *
 * @example
 * const outcome = await soakSession(env, gmsProfile, 17);
 * checkSession(outcome); // { lost: 0, duplicated: 0, … }
 *
 * @param env The playground, the XHR agent and the run seed.
 * @param profile The transport's config and fault menu.
 * @param index The session number (its seed is derived from it).
 */
export async function soakSession(env: SoakEnv, profile: SoakProfile, index: number): Promise<SessionOutcome> {
  const { playground } = env;
  const random = seededRandom(env.seed * 1000003 + index * 7919 + profile.id.length);
  const storage = memoryStorage();
  const commands: CommandRecord[] = [];
  const instances: ProbeRecord[] = [];
  const notes: string[] = [];
  const faults: FaultRule[] = [];
  const outcome: SessionOutcome = {
    transport: profile.id, index, sessionId: null, started: false, ending: 'customer', ended: false,
    faults, commands, instances, transcript: [], participants: [], secrets: [], notes, ms: 0,
  };
  const t0 = Date.now();
  const mark = (what: string) => notes.push(`${Date.now() - t0} ms: ${what}`);
  const open = (): ServiceProbe => {
    const probe = openServiceProbe({ config: profile.config(playground.url), storage, agent: env.agent, instance: instances.length, commands, random: seededRandom(Math.floor(random() * 2 ** 31)) });
    instances.push(probe.record);
    return probe;
  };
  let probe = open();
  const customerName = `soak-${profile.id}-${index}`;

  // Start: a create fault (drawn globally) may refuse it; an app would try again.
  for (let attempt = 0; attempt < 6 && !outcome.started; attempt += 1) {
    const start = await probe.command('startChat', () => probe.chat.startChat({ nickname: customerName, userData: { soak: String(index) } }));
    outcome.started = start.ok === true;
    if (!outcome.started) await pause(100);
  }
  const sessionData = (): SessionData => probe.chat.state.sessionData;
  const sid = outcome.started ? profile.sessionId(sessionData()) : null;
  outcome.sessionId = sid;
  if (!sid) {
    notes.push('could not start');
    await probe.settleAll(15000);
    await probe.destroy();
    outcome.ms = Date.now() - t0;
    return outcome;
  }
  mark('started');
  outcome.secrets.push(...profile.secrets(sessionData()));
  // Cloud routes a conversation only once its socket is attached (wire-purecloud-v2 §9).
  await waitUntil(() => playground.store.get(sid)?.routable === true, 10000);

  const inject = (rule: FaultRule) => {
    const bound = { ...rule, sessionId: sid };
    faults.push(bound);
    playground.faults.add(bound);
  };
  const agentIds: string[] = [];
  const join = (name: string) => {
    const joined = playground.agent.join(sid, { name });
    if ('id' in joined) agentIds.push(joined.id);
    else notes.push(`join ${name}: ${joined.message}`);
  };
  join('Agent One');

  let agentCount = 0;
  let customerCount = 0;
  const steps = 8 + Math.floor(random() * 8);
  const restoreAt = 2 + Math.floor(random() * (steps - 4));
  const swapAt = Math.min(steps - 1, restoreAt + 1 + Math.floor(random() * 3));
  // Issue 14: once per session the connection goes down and the customer types during it.
  const offlineAt = Math.floor(random() * steps);
  const flavor = () => flavors[Math.floor(random() * flavors.length)];
  const pending: Promise<CommandRecord>[] = [];

  for (let step = 0; step < steps; step += 1) {
    if (!probe.chat.state.sessionActive && probe.chat.state.sessionState !== 'restoring') {
      notes.push(`session not active at step ${step} (${probe.chat.state.sessionState})`);
      break;
    }
    if (random() < 0.55) inject(drawFault(profile.transient, random));
    const roll = random();
    if (roll < 0.35) {
      agentCount += 1;
      const said = playground.agent.say(sid, `agent ${agentCount}${flavor()}`, { participantId: agentIds[agentIds.length - 1] });
      if (!('seq' in said)) notes.push(`say: ${said.message}`);
    } else if (roll < 0.62) {
      customerCount += 1;
      // Now and then a message over the server's 4000-character limit: it must be refused, cleanly.
      const body = random() < 0.06 ? `customer ${customerCount} ${'x'.repeat(4100)}` : `customer ${customerCount}${flavor()}`;
      const sent = probe.command('sendMessage', () => probe.chat.sendMessage({ message: body }), { text: body });
      if (random() < 0.5) await sent;
      else pending.push(sent);
    } else if (roll < 0.72) {
      pending.push(probe.command('sendTyping', () => probe.chat.sendTyping({ message: `typing ${step}` })));
    } else if (roll < 0.8) {
      playground.agent.typing(sid, true, { participantId: agentIds[agentIds.length - 1] });
    } else if (roll < 0.9) {
      const pick = Math.floor(random() * 4);
      const extra: Array<() => Observable<unknown>> = [
        () => probe.chat.getTranscript(),
        () => probe.chat.getSessionData(),
        () => probe.chat.verifySession(),
        () => probe.chat.updateUserData({ step: String(step) }),
      ];
      pending.push(probe.command(['getTranscript', 'getSessionData', 'verifySession', 'updateUserData'][pick], extra[pick]));
    }
    await pause(20 + Math.floor(random() * 130));

    if (step === offlineAt) {
      const typed = await typeDuringOutage(env, probe, commands, sid, inject, drawFault(profile.outages, random), 1 + Math.floor(random() * 3), () => `customer ${(customerCount += 1)} offline${flavor()}`);
      pending.push(...typed);
      mark(`outage: ${typed.length} typed`);
    }
    if (step === restoreAt) {
      // The page navigates: settle what is in flight, drop the instance, restore in a new one.
      await Promise.all(pending.splice(0));
      await probe.settleAll(20000);
      await probe.destroy();
      probe = open();
      mark('restoring');
      await restoreInto(probe, notes);
      mark(`restore: ${probe.chat.state.sessionState}`);
    }
    if (step === swapAt && agentIds.length === 1) {
      playground.agent.leave(sid, { participantId: agentIds[0] });
      join('Agent Two');
    }
  }

  // Every agent message the server holds must reach the app before the ending.
  const agentTexts = () => (playground.store.get(sid)?.transcript ?? []).filter((e) => e.kind === 'message' && e.participantId !== playground.store.get(sid)?.customerId).map((e) => e.text);
  const seen = () => new Set(instances.flatMap((r) => r.messages.map((m) => m.text)));
  const delivered = await waitUntil(() => {
    const published = seen();
    return agentTexts().every((text) => published.has(text));
  }, 20000, 50);
  mark(delivered ? 'all agent messages published' : 'not every agent message was published within 20 s');
  await Promise.all(pending.splice(0));

  const endingRoll = random();
  outcome.ending = endingRoll < 0.1 && profile.terminal.length > 0 ? 'terminalFault' : endingRoll < 0.25 ? 'agent' : 'customer';
  const endedSeen = () => probe.record.events.some((e) => e.event === 'ended');
  if (probe.chat.state.sessionActive) {
    if (outcome.ending === 'customer') await probe.command('endChat', () => probe.chat.endChat());
    else if (outcome.ending === 'agent') playground.agent.end(sid);
    else {
      inject(drawFault(profile.terminal, random));
      // Refused with the server's statusCode 2, which ends the chat.
      if (profile.terminalOnSend) pending.push(probe.command('sendMessage', () => probe.chat.sendMessage({ message: 'customer last' }), { text: 'customer last' }));
    }
    outcome.ended = await waitUntil(endedSeen, 20000, 50);
    if (!outcome.ended) {
      // Where it stuck: the session's last requests and the rules still waiting.
      const last = playground.requestLog.filter((e) => e.sessionId === sid).slice(-4);
      notes.push(`last requests: ${last.map((e) => `${e.method} ${e.route}${e.fault ? ` (${e.fault})` : ''} at ${e.time - t0} ms`).join(', ')}`);
      notes.push(`rules left: ${JSON.stringify(playground.faults.rules().filter((r) => r.sessionId === sid).map((r) => `${r.kind}@${r.route}x${r.count}`))}`);
    }
  } else outcome.ended = endedSeen();
  mark(outcome.ended ? `ended (${outcome.ending})` : `no ended event (ending: ${outcome.ending}, state: ${probe.chat.state.sessionState})`);
  await probe.settleAll(20000);
  await probe.destroy();
  playground.faults.clear(sid);

  const session = playground.store.get(sid);
  outcome.transcript = session ? [...session.transcript] : [];
  outcome.participants = session ? session.participants.map((p) => ({ ...p })) : [];
  outcome.ms = Date.now() - t0;
  return outcome;
}

/**
 * The new instance restores on configure (§6.1); a restore that a fault made fail keeps the keys
 * (product rule, §14.3), so the app may try again.
 */
async function restoreInto(probe: ServiceProbe, notes: string[]): Promise<void> {
  const outcomeOf = () => probe.record.events.find((e) => ['restored', 'restoredOffline', 'restoreFailed', 'restoreTimeout'].includes(e.event))?.event;
  await waitUntil(() => outcomeOf() !== undefined, 20000);
  for (let attempt = 0; attempt < 8 && !probe.chat.state.sessionActive; attempt += 1) {
    if (outcomeOf() === 'restoreTimeout') {
      notes.push('restoreTimeout after the page change');
      return;
    }
    await pause(150);
    await probe.command('restore', () => probe.chat.restore());
  }
  if (!probe.chat.state.sessionActive) notes.push(`restore did not succeed (${outcomeOf() ?? 'no outcome'})`);
}

/**
 * Takes the connection down with `rule` and types `count` messages once the client knows it is down
 * (bounded): each is recorded `offline` when the outbox queued it. A 5xx streak is no `disconnected`
 * (§13.2): the outbox holds on the failed polls, so typing starts once one has failed.
 */
async function typeDuringOutage(env: SoakEnv, probe: ServiceProbe, commands: CommandRecord[], sid: string, inject: (rule: FaultRule) => void, rule: FaultRule, count: number, text: () => string): Promise<Promise<CommandRecord>[]> {
  const from = env.playground.requestLog.length;
  inject(rule);
  const failed = () => env.playground.requestLog.slice(from).some((e) => e.sessionId === sid && e.fault === rule.kind);
  const down = () => probe.chat.state.connectionState !== 'online' || (rule.kind.startsWith('http') && failed());
  // Bounded generously: under a loaded full `npm test` a Bayeux loss can take seconds to surface.
  if (!(await waitUntil(down, 10000, 10))) return [];
  if (rule.kind.startsWith('http')) await pause(30);
  const typed: Promise<CommandRecord>[] = [];
  for (let i = 0; i < count; i += 1) {
    const body = text();
    const sent = probe.command('sendMessage', () => probe.chat.sendMessage({ message: body }), { text: body });
    const entry = probe.chat.state.outbox.find((e) => e.text === body);
    const record = commands[commands.length - 1];
    if (entry?.status === 'queued' && record?.text === body) record.offline = true;
    typed.push(sent);
  }
  return typed;
}
