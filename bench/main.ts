import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleSize } from './figures/bundleSize';
import { idleCost } from './figures/idleCost';
import { multiTab } from './figures/multiTab';
import { pipelineThroughput } from './figures/pipelineThroughput';
import { pushLatency } from './figures/pushLatency';
import { restoreCost } from './figures/restoreCost';
import { scale } from './figures/scale';
import type { BenchContext, FigureResult } from './report';
import { formatTable } from './report';

/** The figures in the order they are printed; `--only=<name,…>` picks some. */
const figures: Record<string, (context: BenchContext) => Promise<FigureResult>> = {
  bundle: bundleSize,
  throughput: pipelineThroughput,
  restore: restoreCost,
  latency: pushLatency,
  idle: idleCost,
  multiTab,
  scale,
};

/**
 * `npm run bench [-- --quick] [-- --only=bundle,throughput,…] [-- --markdown]`: runs the figures
 * one after the other, prints the table (as Markdown for the README with `--markdown`) and writes
 * `bench/results/latest.json`. Resolves the exit code.
 */
export async function main(argv: string[]): Promise<number> {
  const quick = argv.includes('--quick');
  const only = argv.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
  const names = Object.keys(figures).filter((name) => !only || only.includes(name));
  const context: BenchContext = { quick, log: (line) => console.log(`  · ${line}`) };
  const started = Date.now();
  const results: FigureResult[] = [];
  let failed = false;
  const seconds: Record<string, number> = {};
  for (const name of names) {
    console.log(`${name}…`);
    const figureStarted = Date.now();
    try {
      results.push(await figures[name](context));
      seconds[name] = Math.round((Date.now() - figureStarted) / 1000);
      console.log(`  ✔ ${name} in ${seconds[name]} s`);
    } catch (error) {
      failed = true;
      console.error(`  ✘ ${name} failed:`, error);
    }
  }
  const rows = results.flatMap((r) => r.rows);
  const machine = {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
  console.log(`\nwebchat-rx bench${quick ? ' (--quick)' : ''} — ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  console.log(formatTable(rows, argv.includes('--markdown') ? 'markdown' : 'text'));
  const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'results', 'latest.json');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify({ date: new Date().toISOString(), quick, machine, seconds, rows, figures: results }, null, 2)}\n`);
  console.log(`\nwritten: bench/results/latest.json`);
  return failed ? 1 : 0;
}
