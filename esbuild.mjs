// Builds everything `dist/` holds. `node esbuild.mjs` (npm run build).
//   dist/index.mjs, dist/index.cjs          the library (rxjs external: a peer dependency)
//   dist/testing.mjs, dist/testing.cjs      the integrators' testing kit
//   dist/webchat-rx.cxbus.min.js            the CXBus IIFE for legacy pages: service + bus (rxjs bundled),
//   dist/webchat-rx.<id>.mod.js               which loads the page's back end from these modules
//   dist/webchat-rx.cxbus.all.min.js        the same with all three back ends, for single-file pages
//   dist/core.mjs, dist/transports/<id>.mjs  `webchat-rx/core` and one entry per back end (shared chunks)
//   dist/playground.mjs                     the simulated contact center, importable from Node (its server
//                                             packages bundled: an install needs only our dependencies)
//   dist/types/, dist/types-cjs/            declarations (tsc, then scripts/packageTypes.mjs)
import { build } from 'esbuild';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { browserish, cxbusBundleOptions } from './scripts/cxbusBundleOptions.mjs';
import { legacyBuilds, transportEntries } from './scripts/legacyBuilds.mjs';
import { packageTypes } from './scripts/packageTypes.mjs';

const quiet = process.argv.includes('--quiet');
const log = (...args) => quiet || console.log(...args);

// Chunk names change with their content: drop the previous build's.
rmSync('dist/chunks', { recursive: true, force: true });

const jobs = [];
const library = (entry, name) =>
  existsSync(entry) &&
  jobs.push(
    name !== 'index' && build({ ...browserish, entryPoints: [entry], format: 'esm', outfile: `dist/${name}.mjs`, external: ['rxjs', 'rxjs/*', 'reconnecting-websocket', 'cometd', 'ws', 'xhr2'], platform: 'neutral', sourcemap: true }),
    build({ ...browserish, entryPoints: [entry], format: 'cjs', outfile: `dist/${name}.cjs`, external: ['rxjs', 'rxjs/*', 'reconnecting-websocket', 'cometd', 'ws', 'xhr2'], platform: 'neutral', sourcemap: true }),
  );
library('lib/index.ts', 'index');
library('lib/testing/index.ts', 'testing');
// The ESM entries an app's bundler picks from: `webchat-rx` (all back ends), `webchat-rx/core` and
// `webchat-rx/transports/<id>`, built together so what they share sits once in `dist/chunks/`.
const esmEntries = { index: 'lib/index.ts', core: 'lib/core.ts', ...Object.fromEntries(transportEntries().map((t) => [`transports/${t.id}`, t.file])) };
jobs.push(
  build({
    ...browserish, entryPoints: esmEntries, format: 'esm', outdir: 'dist', outExtension: { '.js': '.mjs' }, splitting: true, chunkNames: 'chunks/[name]-[hash]',
    external: ['rxjs', 'rxjs/*', 'reconnecting-websocket', 'cometd', 'ws', 'xhr2'], platform: 'neutral', sourcemap: true,
  }),
);

if (existsSync('lib/cxbus/iife.ts')) {
  jobs.push(
    build(cxbusBundleOptions),
    // The core (and its readable copy) and the transport modules; fails when a module repeats the core's code.
    legacyBuilds({ write: true, readable: true }),
  );
}
// A browser ESM build with rxjs inside, for the playground's modern demo page (no import map needed).
if (existsSync('lib/index.ts')) {
  jobs.push(build({ ...browserish, entryPoints: ['lib/index.ts'], format: 'esm', platform: 'browser', minify: true, outfile: 'dist/browser/webchat-rx.mjs', external: ['ws', 'xhr2'] }));
}
if (existsSync('playground/server/index.ts')) {
  // The playground is a Node server. Its server packages (express, multer, jsonwebtoken, ws, faye) are our
  // devDependencies, so they are bundled in (a user imports `webchat-rx/playground` with only our
  // dependencies installed); rxjs, the peer dependency, stays external. `require` is defined for the
  // CommonJS packages inside, which require Node's built-ins.
  jobs.push(build({
    entryPoints: ['playground/server/index.ts'], bundle: true, platform: 'node', format: 'esm', target: 'node20', external: ['rxjs', 'rxjs/*'],
    outfile: 'dist/playground.mjs', minify: true, logLevel: 'error',
    // faye's node adapter names `__dirname` (for its browser client, which the playground does not serve).
    banner: { js: "import { createRequire as __playgroundRequire } from 'node:module'; import { dirname as __playgroundDirname } from 'node:path'; import { fileURLToPath as __playgroundPath } from 'node:url'; const require = __playgroundRequire(import.meta.url); const __dirname = __playgroundDirname(__playgroundPath(import.meta.url));" },
  }));
}

await Promise.all(jobs);

if (!process.argv.includes('--no-types')) {
  rmSync('dist/types', { recursive: true, force: true });
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  packageTypes({ log });
}

for (const file of ['dist/webchat-rx.cxbus.min.js', ...readdirSync('dist').filter((f) => f.endsWith('.mod.js')).map((f) => `dist/${f}`), 'dist/webchat-rx.cxbus.all.min.js', 'dist/browser/webchat-rx.mjs', 'dist/index.mjs']) {
  if (existsSync(file)) {
    const bytes = readFileSync(file);
    log(`${file}: ${(bytes.length / 1024).toFixed(1)} KB, ${(gzipSync(bytes, { level: 9 }).length / 1024).toFixed(1)} KB gzipped`);
  }
}
