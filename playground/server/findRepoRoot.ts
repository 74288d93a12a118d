import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * The repository root: the nearest directory, from `start` upwards, that holds `playground/pages`
 * (works from the TypeScript sources under jest and from `dist/playground.mjs` alike, without
 * `import.meta` or `__dirname`, which only one of the two module formats has).
 *
 * @param start Where to begin; default the working directory.
 */
export function findRepoRoot(start: string = process.cwd()): string {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'playground', 'pages'))) return dir;
    if (dirname(dir) === dir) return resolve(start);
  }
}
