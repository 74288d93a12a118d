// `npm run example:angular` (after `npm run build`): installs examples/angular the way a user does,
// from this package's `npm pack` tarball (.ci/out/package/, which check:package leaves; packed here
// when missing), and builds it with `ng build`. Fails on any build warning: a CommonJS dependency or
// an optimization bailout means the package does not tree-shake in an Angular app.
// spec/e2e/angularExample.spec.ts then drives a whole chat in the built app.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve('.');
const app = join(root, 'examples/angular');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const tarball = join(root, '.ci/out/package', `webchat-rx-${version}.tgz`);
const dependency = JSON.parse(readFileSync(join(app, 'package.json'), 'utf8')).dependencies['webchat-rx'];
const fail = (text) => { console.error(`example:angular: ${text}`); process.exit(1); };
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

if (resolve(app, dependency.replace(/^file:/, '')) !== tarball) fail(`examples/angular/package.json must install ${tarball}, not ${dependency}`);
if (!existsSync(tarball)) {
  mkdirSync(join(root, '.ci/out/package'), { recursive: true });
  execFileSync('npm', ['pack', '--pack-destination', join(root, '.ci/out/package')], { stdio: 'inherit' });
}

let started = Date.now();
// The lock pins every Angular package; the tarball it names changes with each build of this repo,
// so the lock records no integrity for it and `npm ci` installs the one just packed.
const install = spawnSync('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: app, stdio: 'inherit' });
if (install.status !== 0) fail('npm ci failed');
console.log(`examples/angular: npm ci ${seconds(started)}`);

started = Date.now();
const build = spawnSync(join(app, 'node_modules/.bin/ng'), ['build'], { cwd: app, encoding: 'utf8', env: { ...process.env, NG_CLI_ANALYTICS: 'false', FORCE_COLOR: '0' } });
const output = `${build.stdout}${build.stderr}`;
process.stdout.write(output);
if (build.status !== 0) fail('ng build failed');
const warnings = output.split('\n').filter((line) => /WARNING|CommonJS|AMD dependenc|bailout/i.test(line));
if (warnings.length > 0) fail(`ng build warned:\n${warnings.join('\n')}`);
console.log(`examples/angular: ng build ${seconds(started)}, no warnings`);
