// `npm run soak` (after `npm run build`): bundles the soak (TypeScript under bench/soak/, importing
// lib/ and playground/ from source; dependencies stay external), then runs it. Flags go through:
// `npm run soak -- --sessions=50 --transports=gms-v2`. Exit code 0 only when every count is zero.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const outdir = join(here, 'soak', '.build');
await build({
  entryPoints: [join(here, 'soak', 'main.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  outdir,
  outExtension: { '.js': '.mjs' },
  sourcemap: 'inline',
  logLevel: 'warning',
  // xhr2 is loaded with require() (it has no ES module build).
  banner: { js: "import { createRequire as __soakRequire } from 'node:module'; const require = __soakRequire(import.meta.url);" },
});
const { main } = await import(pathToFileURL(join(outdir, 'main.mjs')).href);
process.exitCode = await main(process.argv.slice(2));
