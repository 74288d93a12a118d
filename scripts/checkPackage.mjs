// `npm run check:package` (after `npm run build`): checks the package as users get it, the `npm pack`
// tarball, and fails on the first problem.
//   - prints its size; it holds no tests, and a source map only where a shipped file references it
//   - publint (warnings are errors) and @arethetypeswrong/cli pass on it
//   - installed into an empty project with `--omit=dev` (our dependencies and the rxjs peer only):
//     every entry loads, `webchat-rx/playground` starts and stops a server on port 0, and a consumer
//     type-checks against the declarations under moduleResolution node16 (ESM and CommonJS files),
//     bundler and node10, with skipLibCheck off
// Works in .ci/out/package/ (gitignored); leaves the tarball there for the Angular example.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const started = Date.now();
const root = resolve('.');
const out = join(root, '.ci/out/package');
const bin = (name) => join(root, 'node_modules/.bin', name);
let stepStarted = 0;
const elapsed = () => `${((Date.now() - stepStarted) / 1000).toFixed(1)} s`;
const step = (text) => { console.log(`${stepStarted === 0 ? '' : `(${elapsed()})`}\n-- ${text}`); stepStarted = Date.now(); };
const fail = (text) => { console.error(`check:package: ${text}`); process.exit(1); };
const run = (command, args, options = {}) => {
  try { execFileSync(command, args, { stdio: 'inherit', ...options }); } catch { fail(`${[command, ...args].join(' ')} failed`); }
};

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

step('npm pack');
const [packed] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', out], { encoding: 'utf8' }));
const tarball = join(out, packed.filename);
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
console.log(`${packed.filename}: ${kb(packed.size)} packed, ${kb(packed.unpackedSize)} unpacked, ${packed.entryCount} files`);

step('tarball contents');
const files = packed.files.map((f) => f.path);
const tests = files.filter((f) => /(^|\/)(spec|specs|__tests__|test|tests)\/|\.(spec|test)\.[cm]?[jt]sx?$/.test(f));
if (tests.length > 0) fail(`tests in the tarball: ${tests.join(', ')}`);
const unpacked = join(out, 'unpacked');
mkdirSync(unpacked);
run('tar', ['xzf', tarball, '-C', unpacked]);
const referenced = new Set();
for (const file of files.filter((f) => /\.[cm]?js$/.test(f))) {
  const match = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(readFileSync(join(unpacked, 'package', file), 'utf8'));
  if (!match) continue;
  const map = join(file, '..', match[1]);
  if (!files.includes(map)) fail(`${file} references ${map}, which is not in the tarball`);
  referenced.add(map);
}
const strayMaps = files.filter((f) => f.endsWith('.map') && !referenced.has(f));
if (strayMaps.length > 0) fail(`source maps no shipped file references: ${strayMaps.join(', ')}`);
console.log(`no tests; ${referenced.size} source maps, each referenced by its file`);

step('publint');
run(bin('publint'), ['run', tarball, '--strict']);

step('@arethetypeswrong/cli');
// The ESM-only entries (core, transports, playground) are ESM by design: from CommonJS they are a
// dynamic import, which is what the rule cjs-resolves-to-esm reports. ./cxbus and ./cxbus/all are
// classic scripts for <script src>, not modules, so they have no types to check.
run(bin('attw'), [tarball, '--format', 'table', '--no-color', '--ignore-rules', 'cjs-resolves-to-esm', '--exclude-entrypoints', './cxbus', './cxbus/all']);

step('install with --omit=dev into an empty project');
const consumer = join(out, 'consumer');
mkdirSync(consumer);
writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module', dependencies: { 'webchat-rx': `file:../${packed.filename}` } }, null, 2));
run('npm', ['install', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=error'], { cwd: consumer });
const installed = execFileSync('npm', ['ls', '--all', '--parseable', '--omit=dev'], { cwd: consumer, encoding: 'utf8' })
  .split('\n').filter(Boolean).map((p) => p.split('node_modules/').slice(1).join('node_modules/')).filter(Boolean);
console.log(`installed: ${installed.join(', ')}`);
for (const devOnly of ['express', 'multer', 'jsonwebtoken', 'ws', 'faye']) if (installed.includes(devOnly)) fail(`${devOnly} got installed`);

step('every entry loads; the playground starts and stops on port 0');
writeFileSync(join(consumer, 'load.mjs'), `
import { createRequire } from 'node:module';
import { createWebChatService, memoryStorage } from 'webchat-rx';
import { composeWebChatService } from 'webchat-rx/core';
import { createGmsTransport } from 'webchat-rx/transports/gms-v2';
import { createNexusTransport } from 'webchat-rx/transports/nexus-v3';
import { createPurecloudTransport } from 'webchat-rx/transports/purecloud-v2';
import * as testing from 'webchat-rx/testing';
import { startPlayground } from 'webchat-rx/playground';
const require = createRequire(import.meta.url);
const cjs = require('webchat-rx');
const cjsTesting = require('webchat-rx/testing');
for (const [name, value] of Object.entries({ createWebChatService, memoryStorage, composeWebChatService, createGmsTransport, createNexusTransport, createPurecloudTransport, startPlayground, 'require(webchat-rx).createWebChatService': cjs.createWebChatService })) {
  if (typeof value !== 'function') throw new Error(name + ' is not a function');
}
if (Object.keys(testing).length === 0 || Object.keys(cjsTesting).length === 0) throw new Error('webchat-rx/testing is empty');
const playground = await startPlayground({ port: 0, agent: 'auto' });
const answer = await fetch(playground.url + '/agent/sessions');
if (answer.status !== 200) throw new Error('agent API answered ' + answer.status);
await playground.close();
console.log('loaded every entry; playground answered on ' + playground.url + ' and closed');
`);
run(process.execPath, ['load.mjs'], { cwd: consumer, timeout: 30000 });

step('types resolve: node16 (ESM and CommonJS), bundler, node10');
writeFileSync(join(consumer, 'esm.mts'), `
import { createWebChatService, type NormalizedMessage } from 'webchat-rx';
import { composeWebChatService } from 'webchat-rx/core';
import { createGmsTransport } from 'webchat-rx/transports/gms-v2';
import { createNexusTransport } from 'webchat-rx/transports/nexus-v3';
import { createPurecloudTransport } from 'webchat-rx/transports/purecloud-v2';
import * as testing from 'webchat-rx/testing';
const compose = composeWebChatService({ 'gms-v2': createGmsTransport, 'nexus-v3': createNexusTransport, 'purecloud-v2': createPurecloudTransport });
const chat = createWebChatService({ dataURL: 'http://127.0.0.1/genesys/2/chat/x' });
const text: (m: NormalizedMessage) => string = (m) => m.text;
export const used: unknown[] = [compose, chat.on('messageReceived'), text, testing];
`);
writeFileSync(join(consumer, 'cjs.cts'), `
import webchat = require('webchat-rx');
import testing = require('webchat-rx/testing');
export const chat = webchat.createWebChatService({ dataURL: 'http://127.0.0.1/genesys/2/chat/x' });
export const kit: object = testing;
`);
writeFileSync(join(consumer, 'bundler.ts'), readFileSync(join(consumer, 'esm.mts'), 'utf8'));
writeFileSync(join(consumer, 'node10.ts'), `
import { createWebChatService } from 'webchat-rx';
import { composeWebChatService } from 'webchat-rx/core';
import { createGmsTransport } from 'webchat-rx/transports/gms-v2';
import * as testing from 'webchat-rx/testing';
export const used: unknown[] = [createWebChatService, composeWebChatService({ 'gms-v2': createGmsTransport }), testing];
`);
// The library's declarations need no Node types (types: []); the playground, a Node server, needs
// @types/node, as any Node program does (taken from this repository).
writeFileSync(join(consumer, 'playground.mts'), `
import { startPlayground, type Playground, type RequestLogEntry } from 'webchat-rx/playground';
const playground: Playground = await startPlayground({ port: 0, agent: 'auto' });
const log: RequestLogEntry[] = playground.requestLog;
export const used: unknown[] = [log];
`);
const common = { strict: true, noEmit: true, skipLibCheck: false, skipDefaultLibCheck: true, lib: ['ES2022', 'DOM'], types: [] };
const profiles = {
  node16: { module: 'node16', moduleResolution: 'node16', files: ['esm.mts', 'cjs.cts'] },
  bundler: { module: 'esnext', moduleResolution: 'bundler', files: ['bundler.ts'] },
  node10: { module: 'commonjs', moduleResolution: 'node10', ignoreDeprecations: '6.0', files: ['node10.ts'] },
  'node16 playground': { module: 'node16', moduleResolution: 'node16', target: 'ES2022', types: ['node'], typeRoots: [join(root, 'node_modules/@types')], files: ['playground.mts'] },
};
for (const [name, { files: sources, ...options }] of Object.entries(profiles)) {
  const config = `tsconfig.${name.replace(' ', '-')}.json`;
  writeFileSync(join(consumer, config), JSON.stringify({ compilerOptions: { ...common, ...options }, files: sources }, null, 2));
  run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', config], { cwd: consumer });
  console.log(`${name}: ok (${sources.join(', ')})`);
}

console.log(`(${elapsed()})\n\ncheck:package: ok, ${packed.filename} ${kb(packed.size)}, ${((Date.now() - started) / 1000).toFixed(1)} s`);
