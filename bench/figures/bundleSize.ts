import { build } from 'esbuild';
import type { BuildOptions, Metafile, Plugin } from 'esbuild';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { BenchContext, FigureResult, Row } from '../report';
import { kb, ratio } from '../report';

/**
 * The anchors (gzipped KB, the shipped 9.0.018 build). TYPED, not measured here: the shipped files
 * are not in this repository (nor in any installed package), so there is nothing to measure. The
 * headless page is the figure issue 15 measured in one Chromium from the wire (141.0 KB: cxbus,
 * widgets-core and the GMS plugin as served; the sum of the three files' sizes typed in earlier,
 * 143.7 KB, counted them differently); the full widgets bundle is the size of that file as served.
 */
const shippedHeadlessKB = 141.0;
const shippedFullKB = 279;
const budgetKB = 25;

/** Every measuring build: in memory, with a metafile, quiet. */
const inMemory: BuildOptions = { write: false, metafile: true, logLevel: 'silent', outfile: 'out.js' };

/**
 * The IIFE's options and the shared browser options, from the module `esbuild.mjs` builds with
 * (`scripts/cxbusBundleOptions.mjs`), so the bench measures the bytes the build ships. Loaded at
 * run time from the repository root: it is plain JS outside the type-checked tree.
 */
async function buildOptions(root: string): Promise<{ browserish: BuildOptions; iife: BuildOptions; esmNoRxjs: BuildOptions }> {
  const shared = (await import(pathToFileURL(join(root, 'scripts/cxbusBundleOptions.mjs')).href)) as { browserish: BuildOptions; cxbusBundleOptions: BuildOptions };
  const browserish = { ...shared.browserish, ...inMemory };
  return {
    browserish,
    iife: { ...shared.cxbusBundleOptions, ...inMemory },
    // What an app's bundler adds on top of its own rxjs: the ESM library minified, rxjs left out.
    esmNoRxjs: { ...browserish, entryPoints: ['lib/index.ts'], format: 'esm', platform: 'browser', minify: true, legalComments: 'none', external: ['ws', 'xhr2', 'rxjs', 'rxjs/*'] },
  };
}

/**
 * Figure 1: gzipped bytes (level 9) of the shipped bundles, and what each transport adds — each
 * build is repeated with that transport replaced by a stub (an esbuild plugin rewrites the import
 * in `lib/transports/transportFactories.ts`; the file itself is not touched) and the difference is
 * the transport's share. Also the floor: the rxjs exports the library imports, bundled alone.
 */
export async function bundleSize(context: BenchContext): Promise<FigureResult> {
  const root = process.cwd();
  const { browserish, iife, esmNoRxjs } = await buildOptions(root);
  const transports = transportDirs(root);
  const rows: Row[] = [];
  const data: Record<string, unknown> = {};

  const shipped = (file: string) => (existsSync(join(root, file)) ? gzipSync(readFileSync(join(root, file)), { level: 9 }).length : Number.NaN);
  const iifeShipped = shipped('dist/webchat-rx.cxbus.all.min.js');
  const full = await measure(iife, []);
  const esmFull = await measure(esmNoRxjs, []);
  const floor = await rxjsFloor(root, browserish);
  data.iife = { shippedGzip: iifeShipped, rebuiltGzip: full.gzip, minified: full.minified, parts: full.parts };
  data.esm = { distIndexMjsGzip: publishedEsm(join(root, 'dist/index.mjs')), browserMjsGzip: shipped('dist/browser/webchat-rx.mjs'), minifiedNoRxjsGzip: esmFull.gzip, parts: esmFull.parts };
  data.rxjsFloorGzip = floor;
  context.log(`IIFE ${kb(iifeShipped)} gzipped; rebuilt here ${kb(full.gzip)}; floor (rxjs + reconnecting-websocket) ${kb(floor)}`);
  const floorLabel = `rxjs + reconnecting-websocket ${kb(floor)}`;
  const overFloor = (bytes: number) => ({ floor: floorLabel, ratio: ratio(bytes, floor) });

  rows.push(
    {
      figure: '1',
      what: 'IIFE all-in-one dist/webchat-rx.cxbus.all.min.js (all transports, rxjs inside)',
      value: kb(iifeShipped),
      ...overFloor(iifeShipped),
      comparison: `${ratio(iifeShipped / 1024, shippedHeadlessKB)} the shipped headless page (${shippedHeadlessKB.toFixed(1)} KB, typed), ${ratio(iifeShipped / 1024, shippedFullKB)} full widgets (${shippedFullKB} KB, typed)`,
      goal: `≤ ${budgetKB} KB`,
      met: iifeShipped <= budgetKB * 1024,
    },
    { figure: '1', what: 'ESM dist/browser/webchat-rx.mjs (all transports, rxjs inside)', value: kb(shipped('dist/browser/webchat-rx.mjs')), ...overFloor(shipped('dist/browser/webchat-rx.mjs')) },
    { figure: '1', what: 'ESM dist/index.mjs and its chunks as published (unminified, rxjs external)', value: kb(publishedEsm(join(root, 'dist/index.mjs'))), comparison: 'unminified: no floor' },
    { figure: '1', what: 'ESM minified by an app bundler, rxjs external (all transports)', value: kb(esmFull.gzip), comparison: 'the app pays rxjs; reconnecting-websocket is in it' },
    { figure: '1', what: 'Floor: the rxjs exports the library uses + reconnecting-websocket, alone', value: kb(floor), comparison: `${((floor / iifeShipped) * 100).toFixed(0)}% of the IIFE` },
  );

  const added: Record<string, { iife: number; esm: number }> = {};
  for (const transport of transports) {
    const without = await measure(iife, [transport]);
    const esmWithout = await measure(esmNoRxjs, [transport]);
    added[transport] = { iife: full.gzip - without.gzip, esm: esmFull.gzip - esmWithout.gzip };
    rows.push({ figure: '1', what: `+ ${transport} transport (IIFE / ESM)`, value: `${kb(added[transport].iife)} / ${kb(added[transport].esm)}` });
  }
  data.transportsAdd = added;
  const core = await measure(iife, transports);
  data.iifeNoTransport = { gzip: core.gzip, parts: core.parts };
  rows.push({ figure: '1', what: 'IIFE with no transport (service + bus + rxjs)', value: kb(core.gzip), ...overFloor(core.gzip), comparison: `floor + ${kb(core.gzip - floor)} of our own` });
  for (const only of transports) {
    const alone = await measure(iife, transports.filter((t) => t !== only));
    data[`iifeOnly_${only}`] = alone.gzip;
    rows.push({ figure: '1', what: `IIFE with only ${only}`, value: kb(alone.gzip), ...overFloor(alone.gzip), goal: `≤ ${budgetKB} KB`, met: alone.gzip <= budgetKB * 1024 });
  }
  rows.push(...(await onDemand(root, esmNoRxjs, esmFull.gzip, data, overFloor)));
  return { id: 'bundleSize', rows, data };
}

/**
 * What a legacy page loads with transports on demand (the core `webchat-rx.cxbus.min.js`, then the
 * module of its back end: two requests), built in memory as `esbuild.mjs` writes them; and what an
 * app's bundler keeps from `webchat-rx/core` plus one `webchat-rx/transports/<id>` (rxjs external).
 */
async function onDemand(root: string, esmNoRxjs: BuildOptions, esmAllGzip: number, data: Record<string, unknown>, overFloor: (bytes: number) => Pick<Row, 'floor' | 'ratio'>): Promise<Row[]> {
  type Legacy = { core: Uint8Array; modules: Record<string, Uint8Array> };
  type Entry = { id: string; factory: string; file: string };
  const scripts = (await import(pathToFileURL(join(root, 'scripts/legacyBuilds.mjs')).href)) as { legacyBuilds(): Promise<Legacy>; transportEntries(): Entry[] };
  const legacy = await scripts.legacyBuilds();
  const gz = (bytes: Uint8Array) => gzipSync(bytes, { level: 9 }).length;
  const core = gz(legacy.core);
  const rows: Row[] = [{ figure: '1', what: 'Legacy core dist/webchat-rx.cxbus.min.js (service + bus + rxjs, no back end)', value: kb(core), ...overFloor(core), goal: `≤ ${budgetKB} KB with one module`, met: core <= budgetKB * 1024 }];
  const perTransport: Record<string, { module: number; page: number; requests: number; esmApp: number }> = {};
  for (const entry of scripts.transportEntries()) {
    const module = gz(legacy.modules[entry.id]);
    // The page's own script tag, then the module the core injects.
    const requests = 2;
    const app = await build({ ...esmNoRxjs, entryPoints: undefined, stdin: { contents: `export { composeWebChatService } from './lib/core.ts';\nexport { ${entry.factory} } from '${entry.file}';`, resolveDir: root, loader: 'js' } });
    const esmApp = gzipSync(app.outputFiles![0].contents, { level: 9 }).length;
    perTransport[entry.id] = { module, page: core + module, requests, esmApp };
    rows.push(
      {
        figure: '1',
        what: `Legacy page on ${entry.id}: core + webchat-rx.${entry.id}.mod.js (${requests} requests)`,
        value: `${kb(core)} + ${kb(module)} = ${kb(core + module)}`,
        ...overFloor(core + module),
        goal: `≤ ${budgetKB} KB`,
        met: core + module <= budgetKB * 1024,
      },
      { figure: '1', what: `ESM app bundle: webchat-rx/core + webchat-rx/transports/${entry.id} (rxjs external)`, value: kb(esmApp), comparison: `all three: ${kb(esmAllGzip)}` },
    );
  }
  data.onDemand = { coreGzip: core, perTransport };
  return rows;
}

/**
 * Gzipped bytes of a published ESM entry with the chunks it imports (`dist/chunks/`, shared by the
 * entries `webchat-rx`, `webchat-rx/core` and `webchat-rx/transports/<id>`), as one file.
 */
function publishedEsm(entry: string): number {
  if (!existsSync(entry)) return Number.NaN;
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const [, chunk] of source.matchAll(/from\s+"(\.{1,2}\/chunks\/[\w-]+\.mjs)"/g)) visit(join(dirname(file), chunk));
  };
  visit(entry);
  return gzipSync(Buffer.concat([...seen].map((file) => readFileSync(file))), { level: 9 }).length;
}

/** The transport folders `transportFactories.ts` imports from (`gms-v2`, `nexus-v3`, `purecloud-v2`). */
function transportDirs(root: string): string[] {
  const source = readFileSync(join(root, 'lib/transports/transportFactories.ts'), 'utf8');
  return [...source.matchAll(/^import \{ \w+ \} from '\.\/([\w-]+)\/\w+';$/gm)].map((m) => m[1]);
}

/**
 * An esbuild plugin that loads `transportFactories.ts` with the imports of `stubbed` transports
 * replaced by a factory that throws, so their code drops out of the bundle.
 */
function stubTransports(stubbed: readonly string[]): Plugin {
  return {
    name: 'stub-transports',
    setup(build) {
      build.onLoad({ filter: /[\\/]lib[\\/]transports[\\/]transportFactories\.ts$/ }, (args) => {
        const source = readFileSync(args.path, 'utf8').replace(/^import \{ (\w+) \} from '\.\/([\w-]+)\/\w+';$/gm, (line, name: string, dir: string) =>
          stubbed.includes(dir) ? `const ${name}: TransportFactory = () => { throw new Error('${dir} is not in this build'); };` : line,
        );
        return { contents: source, loader: 'ts', resolveDir: dirname(args.path) };
      });
    },
  };
}

/** One in-memory build: minified bytes, gzipped bytes, and the minified bytes per part (rxjs, lib/service, …). */
async function measure(options: BuildOptions, stubbed: readonly string[]): Promise<{ minified: number; gzip: number; parts: Record<string, number> }> {
  const result = await build({ ...options, plugins: [stubTransports(stubbed)] });
  const bytes = result.outputFiles![0].contents;
  return { minified: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, parts: parts(result.metafile!) };
}

/** Minified bytes of the output grouped by package or lib folder. */
function parts(metafile: Metafile): Record<string, number> {
  const grouped: Record<string, number> = {};
  for (const output of Object.values(metafile.outputs)) {
    for (const [path, input] of Object.entries(output.inputs)) {
      const key = path.startsWith('node_modules/') ? path.split('/')[1] : path.split('/').slice(0, path.startsWith('lib/transports/') ? 3 : 2).join('/').replace(/\.ts$/, '');
      grouped[key] = (grouped[key] ?? 0) + input.bytesInOutput;
    }
  }
  return Object.fromEntries(Object.entries(grouped).sort((a, b) => b[1] - a[1]));
}

/**
 * Gzipped bytes of a minified bundle exporting exactly the rxjs names `lib/` imports, plus
 * reconnecting-websocket (a dependency every bundle with the Cloud transport carries).
 */
async function rxjsFloor(root: string, browserish: BuildOptions): Promise<number> {
  const imports = new Map<string, Set<string>>();
  for (const file of tsFiles(join(root, 'lib'))) {
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(/import\s+(?!type\b)\{([^}]*)\}\s+from\s+'(rxjs(?:\/\w+)?)'/g)) {
      const names = match[1].split(',').map((n) => n.trim()).filter((n) => n && !n.startsWith('type '));
      const set = imports.get(match[2]) ?? new Set<string>();
      names.forEach((n) => set.add(n.split(/\s+as\s+/)[0]));
      imports.set(match[2], set);
    }
  }
  // `import { OperatorFunction, map }` mixes types and values: keep the names the module really exports at run time.
  const lines: string[] = [];
  for (const [module, names] of imports) {
    const runtime = (await import(module)) as Record<string, unknown>;
    const values = [...names].filter((n) => runtime[n] !== undefined);
    lines.push(`export { ${values.map((n) => `${n} as ${module.replace(/\W/g, '_')}_${n}`).join(', ')} } from '${module}';`);
  }
  lines.push(`export { default as ReconnectingWebSocket } from 'reconnecting-websocket';`);
  const contents = lines.join('\n');
  const result = await build({ ...browserish, stdin: { contents, resolveDir: root, loader: 'js' }, format: 'iife', platform: 'browser', minify: true, legalComments: 'none', globalName: 'floor' });
  return gzipSync(result.outputFiles![0].contents, { level: 9 }).length;
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? tsFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

