// The legacy page's bundles of transports on demand, built by `esbuild.mjs` and measured by the bench:
//   dist/webchat-rx.cxbus.min.js        the core: the service and the bus, no back end
//   dist/webchat-rx.cxbus.js            the same core unminified (same mangled names: modules fit it too)
//   dist/webchat-rx.<id>.mod.js         one back end each, loaded by the core from its own folder
//
// A module must not carry code the core holds. Which file goes where:
//   - the core holds what it needs itself, and every rxjs name any module uses (rxjs is never in a
//     module: one Observable class, one set of internals);
//   - a module holds every other file its back end needs (its folder, transports/shared, the
//     operators only back ends use, reconnecting-websocket): a page loads one module, so a file two
//     back ends use may sit in both without ever reaching a page twice.
// A module imports the rest from the core through `window.__webchatRx.shared` (one array of the
// values modules use, each at a slot fixed by this build), checked against the core's build id. The build fails when a module's
// output still holds a file the core holds.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { cxbusBundleOptions } from './cxbusBundleOptions.mjs';

const root = process.cwd();
const legacyCore = './lib/cxbus/legacyCore.ts';

/** The back ends, from the one file that names them: `{ id, factory, file }`. */
export function transportEntries() {
  const source = readFileSync(join(root, 'lib/transports/transportFactories.ts'), 'utf8');
  return [...source.matchAll(/^import \{ (\w+) \} from '\.\/([\w-]+)\/(\w+)';$/gm)].map(([, factory, id, file]) => ({ id, factory, file: `./lib/transports/${id}/${file}.ts` }));
}

/** The file name of a back end's module (`lib/cxbus/loadTransportModule.ts` builds the same). */
export const moduleFile = (id) => `webchat-rx.${id}.mod.js`;

const options = (extra) => ({ ...cxbusBundleOptions, entryPoints: undefined, outfile: 'out.js', write: false, metafile: true, ...extra });
/** Writes a file of `dist/` when the build writes. */
const emit = (write, file, bytes) => write && (mkdirSync('dist', { recursive: true }), writeFileSync(join('dist', file), bytes));
const stdin = (contents) => ({ contents, resolveDir: root, loader: 'js', sourcefile: 'entry.js' });
const isRxjs = (specifier) => specifier === 'rxjs' || specifier.startsWith('rxjs/');

/** The input files that put bytes in the output of one build. */
function filesIn(result) {
  return new Set(Object.values(result.metafile.outputs).flatMap((o) => Object.entries(o.inputs).filter(([, i]) => i.bytesInOutput > 0).map(([p]) => p)));
}

/** A lib import resolved to its repository path (`lib/x/y.ts`), or undefined for a package. */
function libPath(specifier, resolveDir) {
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(resolveDir, specifier);
  const file = [base, `${base}.ts`, join(base, 'index.ts')].find((f) => existsSync(f) && statSync(f).isFile());
  return file && relative(root, file);
}

/** Marks the imports the core holds: rxjs always, and the lib files of `held`. */
function coreHeld(held, onHeld) {
  return {
    name: 'core-held',
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) => {
        if (args.namespace !== 'file' || args.kind === 'entry-point') return undefined;
        const key = isRxjs(args.path) ? args.path : libPath(args.path, args.resolveDir);
        return key && (isRxjs(key) || held.has(key)) ? onHeld(key) : undefined;
      });
    },
  };
}

/** Which rxjs names and lib exports each module takes from the core: `Map<key, Set<name>>`. */
async function sharedNames(transports, held) {
  const names = new Map();
  for (const t of transports) {
    const result = await build(options({ stdin: stdin(`export { ${t.factory} } from '${t.file}';`), format: 'esm', minify: false, mangleProps: undefined, plugins: [coreHeld(held, (key) => ({ path: `core:${key}`, external: true }))] }));
    const text = result.outputFiles[0].text;
    if (/import\s+\*\s+as\s+\w+\s+from\s+"core:|import\s+\w+\s*(,\s*\{[^}]*\})?\s+from\s+"core:/.test(text)) throw new Error(`${t.id}: only named imports can come from the core`);
    for (const [, list, key] of text.matchAll(/import\s*\{([^}]*)\}\s*from\s*"core:([^"]+)"/g)) {
      const set = names.get(key) ?? new Set();
      for (const item of list.split(',').map((s) => s.trim()).filter(Boolean)) set.add(item.split(/\s+as\s+/)[0]);
      names.set(key, set);
    }
  }
  return names;
}

/** The slot of each name in the core's `shared` array: `Map<key, Map<name, index>>`, in a stable order. */
function slotsOf(names) {
  const slots = new Map();
  let n = 0;
  for (const [key, set] of [...names].sort(([a], [b]) => a.localeCompare(b))) slots.set(key, new Map([...set].sort().map((name) => [name, n++])));
  return slots;
}

/** The entry of the core: the page's start-up, with what modules import from it as one array. */
function coreEntry(slots) {
  const imports = [];
  const values = [];
  for (const [key, names] of slots) {
    imports.push(`import { ${[...names].map(([name, n]) => `${name} as v${n}`).join(', ')} } from '${isRxjs(key) ? key : `./${key}`}';`);
    for (const [, n] of names) values[n] = `v${n}`;
  }
  return `import { startLegacyCore } from '${legacyCore}';\n${imports.join('\n')}\nstartLegacyCore([${values.join(', ')}]);\n`;
}

/** The module's view of the core: the build check, `define`, and each held file as the names it uses. */
function fromCore(buildId, slots) {
  return {
    name: 'from-core',
    setup(b) {
      b.onResolve({ filter: /^webchat-rx:core$/ }, () => ({ path: 'core', namespace: 'webchat-rx-core' }));
      b.onResolve({ filter: /.*/, namespace: 'webchat-rx-core' }, (args) => ({ path: args.path, namespace: 'webchat-rx-core' }));
      b.onLoad({ filter: /.*/, namespace: 'webchat-rx-core' }, (args) => {
        if (args.path === 'core') {
          return {
            contents: `const c = window.__webchatRx;
if (!c || c.build !== ${JSON.stringify(buildId)}) throw new Error('webchat-rx: this transport module belongs to another build than the webchat-rx.cxbus.min.js on the page');
export const shared = c.shared;
export const define = c.define;`,
            loader: 'js',
          };
        }
        const names = [...(slots.get(args.path) ?? [])];
        return { contents: `import { shared } from 'webchat-rx:core';\n${names.map(([name, n]) => `export const ${name} = shared[${n}];`).join('\n')}\n`, loader: 'js' };
      });
    },
  };
}

/** One id for the sources and tools of this build: a module of another build refuses to run. */
function buildId(extra) {
  const hash = createHash('sha256');
  const walk = (dir) => readdirSync(dir).sort().forEach((name) => (statSync(join(dir, name)).isDirectory() ? walk(join(dir, name)) : hash.update(name).update(readFileSync(join(dir, name)))));
  walk(join(root, 'lib'));
  for (const pkg of ['rxjs', 'reconnecting-websocket', 'esbuild']) hash.update(readFileSync(join(root, 'node_modules', pkg, 'package.json')));
  return hash.update(extra).digest('hex').slice(0, 12);
}

/**
 * Builds the core and one module per back end (in memory; `write` puts them in `dist/`) and checks
 * that no module repeats the core's code. Returns each file's bytes.
 *
 * @param {{ write?: boolean, readable?: boolean }} opts `readable` adds the unminified core.
 * @returns {Promise<{ core: Uint8Array, modules: Record<string, Uint8Array>, coreFiles: string[], moduleFiles: Record<string, string[]> }>}
 */
export async function legacyBuilds({ write = false, readable = false } = {}) {
  const transports = transportEntries();
  // 1. What the core needs on its own: a module takes that from the core, rxjs whole included, and
  //    bundles the rest (a file two back ends use sits in both modules: a page loads only one).
  const held = filesIn(await build(options({ stdin: stdin(`import { startLegacyCore } from '${legacyCore}';\nstartLegacyCore([]);`), format: 'iife' })));
  // 2. The names modules import from it, each at a slot of the core's `shared` array.
  const slots = slotsOf(await sharedNames(transports, held));
  const entry = coreEntry(slots);
  const id = buildId(entry);
  const define = { __WEBCHAT_RX_BUILD__: JSON.stringify(id) };
  const core = await build(options({ stdin: stdin(entry), format: 'iife', define }));
  emit(write, 'webchat-rx.cxbus.min.js', core.outputFiles[0].contents);
  const coreFiles = filesIn(core);
  if (readable) {
    const plain = await build(options({ stdin: stdin(entry), format: 'iife', define, minify: false, mangleCache: core.mangleCache, legalComments: 'eof' }));
    emit(write, 'webchat-rx.cxbus.js', plain.outputFiles[0].contents);
  }
  // 3. The modules, with the core's mangled property names (rxjs's `_subscribe` is one name in both).
  const modules = {};
  const moduleFiles = {};
  for (const t of transports) {
    const result = await build(options({
      stdin: stdin(`import { ${t.factory} } from '${t.file}';\nimport { define } from 'webchat-rx:core';\ndefine(${JSON.stringify(t.id)}, ${t.factory});`),
      format: 'iife',
      mangleCache: core.mangleCache,
      plugins: [coreHeld(held, (key) => ({ path: key, namespace: 'webchat-rx-core' })), fromCore(id, slots)],
    }));
    const files = [...filesIn(result)].filter((f) => !f.startsWith('webchat-rx-core:') && f !== 'entry.js');
    const doubled = files.filter((f) => coreFiles.has(f) || f.includes('node_modules/rxjs/'));
    if (doubled.length) throw new Error(`${moduleFile(t.id)} repeats code the core holds: ${doubled.join(', ')}`);
    modules[t.id] = result.outputFiles[0].contents;
    emit(write, moduleFile(t.id), modules[t.id]);
    moduleFiles[t.id] = files;
  }
  return { core: core.outputFiles[0].contents, modules, coreFiles: [...coreFiles], moduleFiles };
}
