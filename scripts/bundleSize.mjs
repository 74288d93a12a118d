// Where the bytes of the all-in-one CXBus IIFE go. `node scripts/bundleSize.mjs [--total] [--files[=N]] [--stub=a,b] [--rxjs]`
//
// Builds `dist/webchat-rx.cxbus.all.min.js` in memory with the options `esbuild.mjs` uses and prints
// (the core and its modules: `npm run bench -- --only=bundle`):
//   - its minified and gzipped (level 9) size against the 25 KB budget (only that with --total);
//   - per part (rxjs, reconnecting-websocket, each lib folder, each transport): the minified bytes
//     esbuild's metafile attributes to it, and what the gzipped bundle loses when that part is
//     replaced by a stub (its exports become one shared placeholder, so whatever only it imported
//     drops out too: the parts' savings overlap and do not add up to the total);
//   - with --files, the N largest input files (minified bytes);
//   - with --stub=lib/service,lib/pipeline/dedupe.ts, the size with those paths stubbed: an estimate
//     of what a rewrite of them could at most save;
//   - with --rxjs, the rxjs floor (the rxjs names the bundle's files import, bundled alone) and what
//     each name adds to it: the price of using one more distinct operator.
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { cxbusBundleOptions } from './cxbusBundleOptions.mjs';

const budget = 25 * 1024;
process.stdout.on('error', () => process.exit(0)); // `| head` closed the pipe
const args = process.argv.slice(2);
const flag = (name) => args.find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
const flagValue = (name) => flag(name)?.split('=')[1];

/** The part an input file belongs to: a package, a lib folder, a transport folder or a root lib file. */
function partOf(path) {
  if (path.startsWith('node_modules/')) return path.split('/')[1] === 'tslib' ? 'rxjs' : path.split('/')[1];
  const segments = path.split('/');
  return segments.slice(0, segments[1] === 'transports' && segments.length > 3 ? 3 : 2).join('/');
}

/** Bare package imports a part is stubbed by (its files are never loaded then). */
const packageSpecifiers = { rxjs: /^(rxjs|rxjs\/ajax)$/, 'reconnecting-websocket': /^reconnecting-websocket$/ };

/** An esbuild plugin that replaces the given lib paths (prefixes) and packages by placeholders. */
function stub(prefixes) {
  const packages = prefixes.filter((p) => packageSpecifiers[p]);
  const paths = prefixes.filter((p) => !packageSpecifiers[p]);
  return {
    name: 'stub',
    setup(b) {
      for (const name of packages) {
        b.onResolve({ filter: packageSpecifiers[name] }, (a) => ({ path: a.path, namespace: 'stub-package' }));
      }
      b.onLoad({ filter: /.*/, namespace: 'stub-package' }, async (a) => placeholder(Object.keys(await import(a.path))));
      b.onLoad({ filter: /\.ts$/ }, async (a) => {
        const relative = a.path.slice(process.cwd().length + 1);
        if (!paths.some((p) => relative === p || relative.startsWith(`${p}/`))) return undefined;
        return placeholder(await exportsOf(a.path));
      });
    },
  };
}

/** A module exporting every name (and a default) as one global placeholder. */
function placeholder(names) {
  const named = names.filter((n) => n !== 'default' && /^[A-Za-z_$][\w$]*$/.test(n));
  return { contents: `const s = globalThis.__stub; export { ${named.map((n) => `s as ${n}`).join(', ')} }; export default s;`, loader: 'js' };
}

/** The value exports of a TypeScript file. */
async function exportsOf(file) {
  const result = await build({ entryPoints: [file], bundle: false, write: false, format: 'esm', metafile: true, outfile: 'stub.js', logLevel: 'silent' });
  return Object.values(result.metafile.outputs)[0].exports;
}

/** One in-memory build of the IIFE: its bytes, gzipped bytes and metafile. */
async function measure(stubbed = []) {
  const result = await build({ ...cxbusBundleOptions, write: false, metafile: true, logLevel: 'silent', plugins: stubbed.length ? [stub(stubbed)] : [] });
  const bytes = result.outputFiles[0].contents;
  return { minified: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, metafile: result.metafile };
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const pad = (s, n) => String(s).padStart(n);

const full = await measure();
const inputs = Object.entries(Object.values(full.metafile.outputs)[0].inputs).map(([path, input]) => ({ path, bytes: input.bytesInOutput }));
console.log(`${cxbusBundleOptions.outfile}: ${kb(full.minified)} minified, ${kb(full.gzip)} gzipped (${full.gzip} bytes; budget ${kb(budget)}: ${full.gzip <= budget ? "met" : `${kb(full.gzip - budget)} over`})`);

if (flag('total')) process.exit(0);

const parts = new Map();
for (const { path, bytes } of inputs) parts.set(partOf(path), (parts.get(partOf(path)) ?? 0) + bytes);
console.log(`\n${pad('minified', 9)} ${pad('share', 6)} ${pad('gzip saved if stubbed', 22)}  part`);
for (const [part, bytes] of [...parts].sort((a, b) => b[1] - a[1])) {
  const saved = full.gzip - (await measure([part])).gzip;
  // A part that saves more gzipped bytes than it has minified ones took the code it imports along (the bus, the composition root).
  const shown = saved > bytes ? `(root: ${saved})` : saved;
  console.log(`${pad(bytes, 9)} ${pad(((bytes / full.minified) * 100).toFixed(1) + '%', 6)} ${pad(shown, 22)}  ${part}`);
}

if (flag('files')) {
  const count = Number(flagValue('files') ?? 40);
  console.log(`\nThe ${count} largest input files (minified bytes):`);
  for (const { path, bytes } of inputs.sort((a, b) => b.bytes - a.bytes).slice(0, count)) console.log(`${pad(bytes, 9)}  ${path}`);
}

const stubbed = flagValue('stub')?.split(',').filter(Boolean) ?? [];
if (stubbed.length) {
  const without = await measure(stubbed);
  console.log(`\nWith ${stubbed.join(', ')} stubbed: ${kb(without.minified)} minified, ${kb(without.gzip)} gzipped (${full.gzip - without.gzip} bytes gzipped less)`);
}

if (flag('rxjs')) {
  // What each rxjs export costs on top of the others: the floor (exactly the rxjs names lib/ imports,
  // bundled alone) minus the floor without that name.
  const used = await rxjsImports(inputs.map((i) => i.path).filter((p) => p.startsWith('lib/')));
  const floor = async (skip) => {
    const lines = [...used].map(([module, names]) => `export { ${[...names].filter((n) => n !== skip).map((n) => `${n} as ${module.replace(/\W/g, '_')}_${n}`).join(', ')} } from '${module}';`);
    const result = await build({ ...cxbusBundleOptions, entryPoints: undefined, stdin: { contents: lines.join('\n'), resolveDir: process.cwd(), loader: 'js' }, write: false, globalName: 'floor', logLevel: 'silent' });
    return gzipSync(result.outputFiles[0].contents, { level: 9 }).length;
  };
  const all = await floor();
  console.log(`\nrxjs floor (the rxjs names the bundle's lib files import, alone): ${all} bytes gzipped. Each name's own cost:`);
  const costs = [];
  for (const names of used.values()) for (const name of names) costs.push([name, all - (await floor(name))]);
  console.log(costs.sort((a, b) => b[1] - a[1]).map(([name, cost]) => `${pad(cost, 6)}  ${name}`).join('\n'));
}

/** The rxjs value names the given files import, per module (`rxjs`, `rxjs/ajax`). */
async function rxjsImports(files) {
  const { readFileSync } = await import('node:fs');
  const used = new Map();
  for (const file of files) {
    for (const [, names, module] of readFileSync(file, 'utf8').matchAll(/import\s+(?!type\b)\{([^}]*)\}\s+from\s+'(rxjs(?:\/\w+)?)'/g)) {
      const runtime = await import(module);
      const set = used.get(module) ?? new Set();
      for (const name of names.split(',').map((n) => n.trim().split(/\s+as\s+/)[0])) if (name && !name.startsWith('type ') && runtime[name] !== undefined) set.add(name);
      used.set(module, set);
    }
  }
  return used;
}
