// Makes tsc's declarations in dist/types publishable (run by esbuild.mjs after tsc):
//  1. Every relative specifier gets the file it means (`./x` → `./x.js` or `./x/index.js`): the sources
//     import without extensions (the bundler resolution they are built with), which `node16` resolution
//     refuses in a published .d.ts.
//  2. Only the declarations an entry point of package.json reaches stay (no internal server types).
//  3. dist/types-cjs is the same lib/ tree for the `require` conditions, under a {"type": "commonjs"}
//     package.json, so a CommonJS consumer sees CommonJS declarations (not ESM ones "masquerading").
import { cpSync, existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const SPECIFIER = /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])(\.{1,2}\/[^'"]*|\.{1,2})\2/g;

/** The .d.ts file a relative specifier of `file` means, and the specifier that names it exactly. */
function resolveSpecifier(file, specifier) {
  const base = resolve(dirname(file), specifier.replace(/\.js$/, ''));
  for (const [candidate, suffix] of [[`${base}.d.ts`, '.js'], [join(base, 'index.d.ts'), '/index.js']]) {
    if (existsSync(candidate)) return { target: candidate, specifier: specifier.replace(/\.js$/, '').replace(/\/$/, '') + suffix };
  }
  throw new Error(`${relative('.', file)}: cannot resolve '${specifier}'`);
}

const walk = (dir) => readdirSync(dir).flatMap((name) => {
  const path = join(dir, name);
  return statSync(path).isDirectory() ? walk(path) : [path];
});

/** The declaration files package.json's `types`, exports and typesVersions name (the dist/types twin of a dist/types-cjs one). */
function entryDeclarations(pkg) {
  const found = new Set();
  const visit = (value, key) => {
    if (typeof value === 'string') { if (key === 'types' || key === 'typesVersions') found.add(value); return; }
    if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) visit(v, key === 'typesVersions' ? key : k);
  };
  visit({ types: pkg.types, exports: pkg.exports, typesVersions: pkg.typesVersions }, '');
  return [...found].map((p) => resolve(p.replace('dist/types-cjs/', 'dist/types/')));
}

export function packageTypes({ root = '.', log = console.log } = {}) {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const typesDir = resolve(root, 'dist/types');
  const reached = new Set();
  const queue = entryDeclarations(pkg);
  while (queue.length > 0) {
    const file = queue.pop();
    if (reached.has(file)) continue;
    if (!existsSync(file)) throw new Error(`package.json names ${relative(root, file)}, which the build did not emit`);
    reached.add(file);
    const text = readFileSync(file, 'utf8').replace(SPECIFIER, (_, lead, quote, specifier) => {
      const { target, specifier: exact } = resolveSpecifier(file, specifier);
      queue.push(target);
      return `${lead}${quote}${exact}${quote}`;
    });
    writeFileSync(file, text);
  }
  const all = walk(typesDir);
  for (const file of all) if (!reached.has(file)) rmSync(file);
  removeEmptyDirectories(typesDir);
  const cjsDir = resolve(root, 'dist/types-cjs');
  rmSync(cjsDir, { recursive: true, force: true });
  cpSync(join(typesDir, 'lib'), join(cjsDir, 'lib'), { recursive: true }); // the require entries are all in lib/
  writeFileSync(join(cjsDir, 'package.json'), `${JSON.stringify({ type: 'commonjs' }, null, 2)}\n`);
  log(`dist/types: ${reached.size} declaration files reached from package.json (${all.length - reached.size} internal ones dropped), specifiers made explicit; dist/types-cjs for require`);
}

function removeEmptyDirectories(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) removeEmptyDirectories(path);
  }
  if (readdirSync(dir).length === 0) rmSync(dir, { recursive: true });
}

if (import.meta.url === `file://${process.argv[1]}`) packageTypes();
