// Bundles TypeScript entry points of bench/ (importing lib/ and playground/ from source; dependencies
// stay external, so they are the installed ones) into `outdir`, then runs `main(argv)` of the first
// and sets the exit code from it. Shared by `npm run bench` and `npm run soak`.
import { build } from 'esbuild';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export async function runTs(entryPoints, outdir) {
  await build({
    entryPoints,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outdir,
    outExtension: { '.js': '.mjs' },
    sourcemap: 'inline',
    logLevel: 'warning',
    // Some dependencies (xhr2) have no ES module build and are loaded with require(); the e2e
    // harness the browser figures reuse finds dist/ from `__dirname` (bench/.build, two levels down too).
    banner: {
      js: "import { createRequire as __benchRequire } from 'node:module'; const require = __benchRequire(import.meta.url); const __dirname = import.meta.dirname ?? new URL('.', import.meta.url).pathname;",
    },
  });
  const { main } = await import(pathToFileURL(join(outdir, 'main.mjs')).href);
  process.exitCode = await main(process.argv.slice(2));
}
