import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { formatSoakTable } from '../../spec/soak/formatSoakTable';
import type { SessionOutcome } from '../../spec/soak/soakSession';
import { runSoak, type SoakReport } from '../../spec/soak/runSoak';
import type { SoakTransportId } from '../../spec/soak/soakProfiles';

const allTransports: SoakTransportId[] = ['gms-v2', 'gms-v2-cometd', 'nexus-v3', 'purecloud-v2'];
const usage = 'usage: npm run soak [-- --sessions=500] [--concurrency=40] [--seed=1] [--transports=gms-v2,nexus-v3,purecloud-v2] [--dump=file.json]';

/**
 * `npm run soak`: the full soak (500 sessions per transport by default), the table, and the first
 * problems found. Resolves the exit code: 0 only when every invariant count is zero.
 *
 * @param argv `--sessions=N`, `--concurrency=N`, `--seed=N`, `--transports=a,b`.
 */
export async function main(argv: string[]): Promise<number> {
  const flag = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  if (argv.includes('--help')) {
    console.log(usage);
    return 0;
  }
  const transports = (flag('transports')?.split(',') ?? allTransports) as SoakTransportId[];
  const unknown = transports.filter((t) => !allTransports.includes(t));
  if (unknown.length > 0) {
    console.error(`unknown transport ${unknown.join(', ')}\n${usage}`);
    return 2;
  }
  const sessions = Number(flag('sessions') ?? 500);
  const concurrency = Number(flag('concurrency') ?? 40);
  const seed = Number(flag('seed') ?? 1);
  console.log(`soak: ${sessions} sessions per transport, ${concurrency} at a time, seed ${seed}, transports ${transports.join(', ')}`);
  const dump = flag('dump');
  const kept: unknown[] = [];
  const report = await runSoak({
    transports, sessions, concurrency, seed,
    log: (line) => console.log(`  · ${line}`),
    onSession: (outcome, verdict) => {
      if (dump && (verdict.problems.length > 0 || verdict.rejectedButArrived > 0) && kept.length < 20) kept.push({ verdict, ...readable(outcome) });
    },
  });
  if (dump) {
    mkdirSync(dirname(dump), { recursive: true });
    writeFileSync(dump, JSON.stringify(kept, null, 1));
  }
  console.log(`\nwebchat-rx soak — ${report.seconds} s\n`);
  console.log(formatSoakTable(report));
  printDetails(report);
  return failed(report) ? 1 : 0;
}

function failed(report: SoakReport): boolean {
  return (
    Object.keys(report.processLeaks).length > 0 ||
    report.summaries.some((s) => s.lost + s.duplicated + s.outOfOrder + s.unsettled + s.unended + s.leaked + s.secrets + s.offlineLost + s.offlineDuplicated > 0)
  );
}

function printDetails(report: SoakReport): void {
  for (const s of report.summaries) {
    console.log(`\n${s.transport}: ${s.seconds} s, endings ${JSON.stringify(s.endings)}, sends rejected although delivered: ${s.rejectedButArrived}`);
    console.log(`  slowest session ${(s.slowest.ms / 1000).toFixed(1)} s: ${s.slowest.notes.join(' · ')}`);
    for (const problem of s.problems.slice(0, 15)) console.log(`  ✘ ${problem}`);
    for (const finding of s.secretFindings.slice(0, 5)) console.log(`  ✘ secret ${finding.secret} in ${finding.where}`);
  }
  const leaks = Object.entries(report.processLeaks);
  console.log(leaks.length === 0 ? '\nprocess: no handle left open' : `\nprocess: left open ${leaks.map(([t, n]) => `${t}×${n}`).join(', ')}`);
}

/** A failed session in a form a person can read: event names, message texts, commands, the server transcript. */
function readable(outcome: SessionOutcome): Record<string, unknown> {
  return {
    transport: outcome.transport,
    index: outcome.index,
    sessionId: outcome.sessionId,
    ms: outcome.ms,
    faults: outcome.faults,
    notes: outcome.notes,
    commands: outcome.commands.map((c) => ({ ...c, value: undefined, text: c.text?.slice(0, 40), rejection: c.rejection })),
    instances: outcome.instances.map((r) => ({
      instance: r.instance,
      events: r.events.map((e) => (e.event === 'messageReceived' ? `messageReceived[${e.data.messages.map((m) => `${m.index}:${m.type}:${m.text.slice(0, 12)}`).join(' | ')}]${e.data.restoring ? ' restoring' : ''}` : e.event)),
      leftOpen: r.leftOpen,
      logs: r.logs.slice(0, 30),
    })),
    transcript: outcome.transcript.map((e) => `${e.seq} ${e.kind} ${e.participantId.slice(0, 6)} ${e.text.slice(0, 20)}`),
  };
}
