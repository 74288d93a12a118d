// Builds everything `dist/` holds. `node esbuild.mjs` (npm run build).
//   dist/index.mjs, dist/index.cjs          the library (rxjs external: a peer dependency)
//   dist/testing.mjs, dist/testing.cjs      the integrators' testing kit
//   dist/webchat-rx.cxbus.min.js            the CXBus IIFE for legacy pages (rxjs bundled)
//   dist/playground.mjs                     the simulated contact center, importable from Node
//   dist/types/                             declarations (tsc)
import { build } from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { browserish, cxbusBundleOptions } from './scripts/cxbusBundleOptions.mjs';

const quiet = process.argv.includes('--quiet');
const log = (...args) => quiet || console.log(...args);

const jobs = [];
const library = (entry, name) =>
  existsSync(entry) &&
  jobs.push(
    build({ ...browserish, entryPoints: [entry], format: 'esm', outfile: `dist/${name}.mjs`, external: ['rxjs', 'rxjs/*', 'reconnecting-websocket', 'ws', 'xhr2'], platform: 'neutral', sourcemap: true }),
    build({ ...browserish, entryPoints: [entry], format: 'cjs', outfile: `dist/${name}.cjs`, external: ['rxjs', 'rxjs/*', 'reconnecting-websocket', 'ws', 'xhr2'], platform: 'neutral', sourcemap: true }),
  );
library('lib/index.ts', 'index');
library('lib/testing/index.ts', 'testing');

if (existsSync('lib/cxbus/iife.ts')) {
  jobs.push(
    build(cxbusBundleOptions),
    // The same bundle unminified, for reading in a browser's devtools.
    build({ ...cxbusBundleOptions, minify: false, outfile: 'dist/webchat-rx.cxbus.js', legalComments: 'eof' }),
  );
}
// A browser ESM build with rxjs inside, for the playground's modern demo page (no import map needed).
if (existsSync('lib/index.ts')) {
  jobs.push(build({ ...browserish, entryPoints: ['lib/index.ts'], format: 'esm', platform: 'browser', minify: true, outfile: 'dist/browser/webchat-rx.mjs', external: ['ws', 'xhr2'] }));
}
if (existsSync('playground/server/index.ts')) {
  // The playground is a Node server: its own dependencies stay external.
  jobs.push(build({ entryPoints: ['playground/server/index.ts'], bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', outfile: 'dist/playground.mjs', logLevel: 'warning' }));
}

await Promise.all(jobs);

if (!process.argv.includes('--no-types')) {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
}

for (const file of ['dist/webchat-rx.cxbus.min.js', 'dist/browser/webchat-rx.mjs', 'dist/index.mjs']) {
  if (existsSync(file)) {
    const bytes = readFileSync(file);
    log(`${file}: ${(bytes.length / 1024).toFixed(1)} KB, ${(gzipSync(bytes, { level: 9 }).length / 1024).toFixed(1)} KB gzipped`);
  }
}
