// `npm run soak` (after `npm run build`): bundles the soak (bench/soak/main.ts over spec/soak/, which the short soak of `npm test` shares), then runs it. Flags go
// through: `npm run soak -- --sessions=50 --transports=gms-v2`. Exit code 0 only when every count is zero.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTs } from './runTs.mjs';

const here = dirname(fileURLToPath(import.meta.url));
await runTs([join(here, 'soak', 'main.ts')], join(here, 'soak', '.build'));
