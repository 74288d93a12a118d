import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { browserFigures } from './figures/browserFigures';
import { bundleSize } from './figures/bundleSize';
import { heapHolders } from './figures/heapHolders';
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

/** Diagnoses, run only when named: `--only=heap` (heap snapshots by kind; minutes on a busy machine). */
const diagnostics: Record<string, (context: BenchContext) => Promise<FigureResult>> = { heap: heapHolders };

/** The Chromium figure set, run by `--browser` (alone, or with the others named in `--only`). */
const browserSet: Record<string, (context: BenchContext) => Promise<FigureResult>> = { browser: browserFigures };

/**
 * `npm run bench [-- --quick] [-- --only=bundle,throughput,…] [-- --markdown] [-- --browser]`: runs the figures
 * one after the other, prints the table (as Markdown for the README with `--markdown`) and writes
 * `bench/results/latest.json`. Resolves the exit code.
 */
export async function main(argv: string[]): Promise<number> {
  const quick = argv.includes('--quick');
  const only = argv.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
  const browser = argv.includes('--browser');
  const all = { ...figures, ...diagnostics, ...browserSet };
  const names = Object.keys(all).filter((name) => (only ? only.includes(name) || (browser && name in browserSet) : browser ? name in browserSet : name in figures));
  const context: BenchContext = { quick, log: (line) => console.log(`  · ${line}`) };
  const started = Date.now();
  const results: FigureResult[] = [];
  let failed = false;
  const seconds: Record<string, number> = {};
  for (const name of names) {
    console.log(`${name}…`);
    const figureStarted = Date.now();
    try {
      results.push(await all[name](context));
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
  const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'results', browser ? 'latest-browser.json' : 'latest.json');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify({ date: new Date().toISOString(), quick, machine, seconds, rows, figures: results }, null, 2)}\n`);
  console.log(`\nwritten: bench/results/${browser ? 'latest-browser.json' : 'latest.json'}`);
  return failed ? 1 : 0;
}
