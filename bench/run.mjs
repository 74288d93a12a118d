// `npm run bench` (after `npm run build`): bundles the bench sources, then runs them. Flags go
// through: `npm run bench -- --quick`, `-- --only=throughput,restore`, `-- --markdown`.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTs } from './runTs.mjs';

const here = dirname(fileURLToPath(import.meta.url));
await runTs(['main.ts', 'playgroundChild.ts'].map((f) => join(here, f)).filter((f) => existsSync(f)), join(here, '.build'));
