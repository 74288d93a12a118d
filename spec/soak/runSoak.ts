import { Agent } from 'node:http';
import type { FaultKind, FaultRule } from '../../playground/server/faults';
import { startPlayground } from '../../playground/server/index';
import { checkSession, countKeys, zeroCounts, type SessionCounts, type SessionVerdict } from './checkSession';
import { scanSecrets, type SecretFinding } from './scanSecrets';
import { soakProfiles, type SoakProfile, type SoakTransportId } from './soakProfiles';
import { soakSession, type SessionOutcome } from './soakSession';
import { traceTimers } from './traceTimers';
import { waitUntil } from '../helpers/eventually';

export interface SoakOptions {
  transports: readonly SoakTransportId[];
  /** Sessions per transport. */
  sessions: number;
  /** Sessions running at the same time (a pool: a new one starts as one finishes). */
  concurrency: number;
  seed: number;
  /** Progress lines. */
  log?: (line: string) => void;
  /** Record where Node timers are made, so a process-level leak names its origin (slower; the short soak). */
  traceTimers?: boolean;
  /** Called with every finished session (tests keep them to look closer). */
  onSession?: (outcome: SessionOutcome, verdict: SessionVerdict) => void;
}

/** One transport's line of the soak table: the sessions' counts summed, and what else the run saw. */
export interface TransportSummary extends SessionCounts {
  transport: SoakTransportId;
  sessions: number;
  /** Sessions that could not start at all (every create attempt hit a fault). */
  notStarted: number;
  /** Faults the playground applied, by kind (only kinds that fired). */
  faults: Partial<Record<FaultKind, number>>;
  secrets: number;
  /** How the sessions ended. */
  endings: Record<string, number>;
  /** The first problems found (with the session they happened in). */
  problems: string[];
  /** The first secret findings. */
  secretFindings: SecretFinding[];
  seconds: number;
  /** The slowest session, and the note trail of it (where its time went). */
  slowest: { ms: number; notes: string[] };
}

export interface SoakReport {
  summaries: TransportSummary[];
  /** Node resources (by type) open after the soak beyond what was open before it. */
  processLeaks: Record<string, number>;
  /** With `traceTimers`, where the timers left behind were created (only when `processLeaks` has timers). */
  leakedTimerStacks: string[];
  seconds: number;
}

/** Create faults cannot name a session (it does not exist yet): a few fire at random across the run. */
const createFaults = (profile: SoakProfile): FaultRule[] => [
  { transport: profile.id, route: profile.createRoute, kind: 'http503', probability: 0.04, count: Infinity },
  { transport: profile.id, route: profile.createRoute, kind: 'drop', probability: 0.03, count: Infinity },
  { transport: profile.id, route: profile.createRoute, kind: 'truncatedJson', probability: 0.02, count: Infinity },
];

/**
 * The soak (issue 6 item 3): for each transport, `sessions` scripted conversations against an
 * in-process playground, `concurrency` at a time, each under its own random fault plan; every
 * session is checked against the server's transcript, scanned for secrets, and checked for what
 * it left open; finally the process itself is checked for handles left behind.
 *
 * @example
 * const report = await runSoak({ transports: ['gms-v2'], sessions: 20, concurrency: 10, seed: 1 });
 * console.log(formatSoakTable(report));
 *
 * @param options Transports, sizes, seed, progress and per-session callbacks.
 */
export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const log = options.log ?? (() => undefined);
  const trace = options.traceTimers ? traceTimers() : undefined;
  const before = resourceCounts();
  const started = Date.now();
  const summaries: TransportSummary[] = [];
  for (const id of options.transports) {
    const profile = soakProfiles[id];
    const playground = await startPlayground({ agent: 'manual', seed: options.seed, heartbeatIntervalMs: 300, faults: createFaults(profile) });
    const agent = new Agent({ keepAlive: true, maxSockets: 256 });
    const summary: TransportSummary = {
      ...zeroCounts(), transport: id, sessions: options.sessions, notStarted: 0, faults: {}, secrets: 0,
      endings: {}, problems: [], secretFindings: [], seconds: 0, slowest: { ms: 0, notes: [] },
    };
    const t0 = Date.now();
    try {
      let next = 0;
      let done = 0;
      const worker = async () => {
        while (next < options.sessions) {
          const index = next++;
          const outcome = await soakSession({ playground, agent, seed: options.seed }, profile, index);
          const verdict = checkSession(outcome);
          const secrets = scanSecrets(outcome.secrets, outcome.instances, outcome.commands);
          add(summary, outcome, verdict, secrets);
          options.onSession?.(outcome, verdict);
          done += 1;
          if (done % 25 === 0 || done === options.sessions) log(`${id}: ${done}/${options.sessions} sessions`);
        }
      };
      await Promise.all(Array.from({ length: Math.min(options.concurrency, options.sessions) }, worker));
    } finally {
      agent.destroy();
      await playground.close();
    }
    for (const [kind, count] of Object.entries(playground.faults.injected)) if (count > 0) summary.faults[kind as FaultKind] = count;
    summary.seconds = Math.round((Date.now() - t0) / 1000);
    summaries.push(summary);
  }
  // Closed sockets and cleared timers leave the handle list on later turns of the loop (later still
  // on a busy machine): wait for it, bounded — a real leak outlives any wait. The wait's own pause
  // has fired before each check, so the check allows nothing more than the final count does.
  await waitUntil(() => Object.keys(diffCounts(before, resourceCounts())).length === 0, 5000, 50);
  const processLeaks = diffCounts(before, resourceCounts());
  const leakedTimerStacks = processLeaks.Timeout ? (trace?.live() ?? []) : [];
  trace?.stop();
  return { summaries, processLeaks, leakedTimerStacks, seconds: Math.round((Date.now() - started) / 1000) };
}

function add(summary: TransportSummary, outcome: SessionOutcome, verdict: SessionVerdict, secrets: SecretFinding[]): void {
  if (!outcome.started) summary.notStarted += 1;
  if (outcome.ms > summary.slowest.ms) summary.slowest = { ms: outcome.ms, notes: [...outcome.notes, `faults: ${outcome.faults.map((f) => `${f.kind}@${f.route}`).join(',')}`] };
  summary.endings[outcome.started ? outcome.ending : 'not started'] = (summary.endings[outcome.started ? outcome.ending : 'not started'] ?? 0) + 1;
  for (const key of countKeys) summary[key] += verdict[key];
  summary.secrets += secrets.length;
  const label = `#${outcome.index} ${outcome.sessionId ?? ''} faults=${outcome.faults.map((f) => `${f.kind}@${f.route}x${f.count}`).join(',')}`;
  for (const problem of verdict.problems) if (summary.problems.length < 40) summary.problems.push(`${label}: ${problem}`);
  for (const finding of secrets) if (summary.secretFindings.length < 20) summary.secretFindings.push({ ...finding, where: `${label}: ${finding.where}` });
}

/** `process.getActiveResourcesInfo()` as counts by type. */
export function resourceCounts(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const type of process.getActiveResourcesInfo()) counts[type] = (counts[type] ?? 0) + 1;
  return counts;
}

function diffCounts(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  const diff: Record<string, number> = {};
  for (const [type, count] of Object.entries(after)) if (count > (before[type] ?? 0)) diff[type] = count - (before[type] ?? 0);
  return diff;
}
