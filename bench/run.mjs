// `npm run bench` (after `npm run build`): bundles the bench sources (TypeScript, importing lib/ and
// playground/ from source; rxjs, ws, xhr2, express stay external so they are the installed ones),
// then runs them. Flags go through: `npm run bench -- --quick`, `-- --only=throughput,restore`.
import { build } from 'esbuild';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import { existsSync } from 'node:fs';

const here = dirname(fileURLToPath(import.meta.url));
const outdir = join(here, '.build');
await build({
  entryPoints: ['main.ts', 'playgroundChild.ts'].map((f) => join(here, f)).filter((f) => existsSync(f)),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  outdir,
  outExtension: { '.js': '.mjs' },
  sourcemap: 'inline',
  logLevel: 'warning',
});
const { main } = await import(pathToFileURL(join(outdir, 'main.mjs')).href);
process.exitCode = await main(process.argv.slice(2));
