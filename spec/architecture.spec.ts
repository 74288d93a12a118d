/**
 * The shape of lib/, checked from the source (issue 11): every import arrow points down the layer
 * table, only `lib/platform/` touches the browser's and Node's globals (STYLE.md §7 "one door to the
 * outside world"), and no file grows past 200 lines. Each rule lists today's exceptions by name with
 * a reason, so a new offender fails with the file and the line to look at.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { globalUses, importsOf } from './helpers/sourceRules';

const lib = join(__dirname, '..', 'lib');

/**
 * Where each lib/ folder or top-level file sits. A file may import from its own rank or below, never
 * above. One rank is one layer: the folders that share a rank may import each other.
 */
const layers: ReadonlyArray<{ path: string; rank: number; why: string }> = [
  { path: 'model/', rank: 0, why: "the contract's types, names and rejection texts" },
  { path: 'productVersion.ts', rank: 0, why: 'constants, imports nothing' },
  { path: 'platform/', rank: 1, why: 'the one door to the outside world' },
  { path: 'storage/', rank: 1, why: "platform's storage adapters: they implement its KeyValueStorage, createPlatform picks one" },
  { path: 'operators/', rank: 2, why: 'timing over verdicts and values; an injected scheduler' },
  { path: 'pipeline/', rank: 3, why: 'the message pipeline (dedupe, prefilters, preprocessors)' },
  { path: 'transports/', rank: 4, why: 'one wire protocol each; operators drive their loops' },
  { path: 'engine/', rank: 5, why: 'epics and the state reducer (issue 11)' },
  { path: 'surface/', rank: 5, why: 'command plumbing around the engine (issue 11)' },
  { path: 'service/', rank: 5, why: 'the service as it stands before the engine/surface split' },
  { path: 'composeWebChatService.ts', rank: 6, why: 'config → platform → transport → service' },
  { path: 'createWebChatService.ts', rank: 6, why: 'the composition with all three back ends' },
  { path: 'cxbus/', rank: 7, why: "the bus at the edge: the service's public surface only" },
  { path: 'testing/', rank: 8, why: 'the kit integrators test with; nothing in lib imports it' },
  { path: 'core.ts', rank: 9, why: 'entry: webchat-rx/core' },
  { path: 'index.ts', rank: 9, why: 'entry: webchat-rx' },
];

/** Globals that reach the outside world or the clock; only lib/platform/ reads them. */
const hostGlobals = [
  'window', 'self', 'document', 'navigator', 'location', 'history', 'localStorage', 'sessionStorage', 'indexedDB',
  'setTimeout', 'setInterval', 'clearTimeout', 'clearInterval', 'setImmediate', 'clearImmediate',
  'requestAnimationFrame', 'cancelAnimationFrame', 'requestIdleCallback', 'queueMicrotask',
  'XMLHttpRequest', 'WebSocket', 'EventSource', 'fetch', 'globalThis', 'global', 'process', 'console', 'crypto',
  'performance', 'addEventListener', 'removeEventListener', 'postMessage', 'Date.now', 'Math.random',
];

/** Files outside lib/platform/ that read a global today: file → the globals, and why. */
const globalsAllowed: Record<string, { names: string[]; why: string }> = {
  'cxbus/legacyPage.ts': { names: ['window', 'location', 'console'], why: "the IIFE entry's page: window._genesys.widgets, its storage, its console" },
  'cxbus/legacyCore.ts': { names: ['window', 'document'], why: 'the legacy core finds its own folder from document.currentScript while its script runs' },
  'cxbus/deferred.ts': { names: ['queueMicrotask'], why: 'then-callbacks run where a Promise runs them; a scheduler option replaces it in specs' },
  'storage/cookieStorage.ts': { names: ['document', 'Date.now'], why: "default document of a storage adapter the page constructs; cookie expiry is wall-clock" },
  'storage/localStorageStorage.ts': { names: ['globalThis'], why: "default Storage of an adapter the page constructs" },
  'operators/backoff.ts': { names: ['Math.random'], why: "default jitter source; every caller in lib passes the platform's random" },
  'transports/nexus-v3/operationId.ts': { names: ['globalThis'], why: 'crypto.randomUUID when the runtime has one; a platform uuid() belongs to the remodel' },
};

/** The packages lib/ may import: anywhere, or (the ones that open connections) only in one folder. */
const packageHomes: Record<string, string> = {
  rxjs: '',
  'rxjs/ajax': 'platform/',
  'reconnecting-websocket': 'platform/',
  cometd: 'platform/',
};

/** Files that import a package outside its home today: file → the packages, and why. */
const packagesAllowed: Record<string, { names: string[]; why: string }> = {};

/** lib/ files over 200 lines today, at their length today: they may shrink, not grow. */
const longFilesAllowed: Record<string, number> = {};
const maxLines = 200;

const libFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return libFiles(full);
    return name.endsWith('.ts') ? [relative(lib, full).split('\\').join('/')] : [];
  });
const files = libFiles(lib).sort();
const text = (file: string) => readFileSync(join(lib, file), 'utf8');

const layerOf = (file: string) => layers.find((layer) => (layer.path.endsWith('/') ? file.startsWith(layer.path) : file === layer.path));

/** The lib/ file a relative specifier names (`'../model/receive'` → `model/receive.ts`), as a path from lib/. */
function target(from: string, specifier: string): string {
  const base = resolve(lib, dirname(from), specifier);
  const found = [base, `${base}.ts`, join(base, 'index.ts')].find((candidate) => existsSync(candidate) && statSync(candidate).isFile()) ?? base;
  return relative(lib, found).split('\\').join('/');
}

/** `from:line → to (layer rank)` for every import that points up the table or out of lib/. */
function wrongWayImports(file: string, source: string): string[] {
  const own = layerOf(file);
  if (!own) return [];
  return importsOf(file, source)
    .filter((use) => use.specifier.startsWith('.'))
    .flatMap((use) => {
      const to = target(file, use.specifier);
      if (to.startsWith('..')) return [`lib/${file}:${use.line} → '${use.specifier}' leaves lib/`];
      const theirs = layerOf(to);
      if (!theirs) return [`lib/${file}:${use.line} → lib/${to}, which no row of the layer table covers`];
      if (theirs.rank <= own.rank) return [];
      return [`lib/${file}:${use.line} (${own.path}, rank ${own.rank}) → lib/${to} (${theirs.path}, rank ${theirs.rank}): an arrow up the layers`];
    });
}

/** `file:line name` for every host global read outside lib/platform/ that the allow-list does not name. */
function strayGlobals(file: string, source: string): string[] {
  if (file.startsWith('platform/')) return [];
  const allowed = globalsAllowed[file]?.names ?? [];
  return globalUses(file, source, hostGlobals)
    .filter((use) => !allowed.includes(use.name))
    .map((use) => `lib/${file}:${use.line} reads the global ${use.name} (only lib/platform/ may; pass it in through the platform)`);
}

/** `file:line package` for every package import the package table does not place in this file's folder. */
function strayPackages(file: string, source: string): string[] {
  const allowed = packagesAllowed[file]?.names ?? [];
  return importsOf(file, source)
    .filter((use) => !use.specifier.startsWith('.') && !allowed.includes(use.specifier))
    .flatMap((use) => {
      const home = packageHomes[use.specifier];
      if (home === undefined) return [`lib/${file}:${use.line} imports '${use.specifier}', which the package table does not list`];
      if (file.startsWith(home)) return [];
      return [`lib/${file}:${use.line} imports '${use.specifier}', which only lib/${home} may (it opens connections)`];
    });
}

describe('architecture of lib/', () => {
  it('places every lib/ file in a row of the layer table', () => {
    const unplaced = files.filter((file) => !layerOf(file));
    expect(unplaced).toEqual([]);
  });

  it('points every import down the layers (or across one layer), never up', () => {
    const wrong = files.flatMap((file) => wrongWayImports(file, text(file)));
    expect(wrong).toEqual([]);
  });

  it('reads browser and Node globals only in lib/platform/, apart from the allow-list', () => {
    const stray = files.flatMap((file) => strayGlobals(file, text(file)));
    expect(stray).toEqual([]);
  });

  it('imports connection packages only in lib/platform/, and no package the table does not list', () => {
    const stray = files.flatMap((file) => strayPackages(file, text(file)));
    expect(stray).toEqual([]);
  });

  it('keeps the globals and package allow-lists exact: each entry still uses each name it lists', () => {
    const stale = (allowList: Record<string, { names: string[] }>, used: (file: string) => string[]) =>
      Object.entries(allowList).flatMap(([file, { names }]) => {
        if (!files.includes(file)) return [`lib/${file} is allow-listed but no longer exists`];
        const found = new Set(used(file));
        return names.filter((name) => !found.has(name)).map((name) => `lib/${file} no longer uses ${name}: drop it from the allow-list`);
      });
    expect([
      ...stale(globalsAllowed, (file) => globalUses(file, text(file), hostGlobals).map((use) => use.name)),
      ...stale(packagesAllowed, (file) => importsOf(file, text(file)).map((use) => use.specifier)),
    ]).toEqual([]);
  });

  it(`keeps lib/ files at ${maxLines} lines or fewer, apart from today's long files, which may not grow`, () => {
    const lengths = files.map((file) => ({ file, lines: text(file).split('\n').length - (text(file).endsWith('\n') ? 1 : 0) }));
    const over = lengths
      .filter(({ file, lines }) => lines > (longFilesAllowed[file] ?? maxLines))
      .map(({ file, lines }) => `lib/${file}: ${lines} lines (allowed ${longFilesAllowed[file] ?? maxLines})`);
    const stale = Object.keys(longFilesAllowed)
      .filter((file) => !lengths.some((entry) => entry.file === file && entry.lines > maxLines))
      .map((file) => `lib/${file} is allow-listed as long but is now gone or ≤ ${maxLines} lines: drop the entry`);
    expect([...over, ...stale]).toEqual([]);
  });
});

describe('the rules themselves', () => {
  it('report an operator importing a transport as an arrow up the layers', () => {
    expect(wrongWayImports('operators/poll.ts', "import type { Outcome } from '../transports/transport';\n")).toEqual([
      "lib/operators/poll.ts:1 (operators/, rank 2) → lib/transports/transport.ts (transports/, rank 4): an arrow up the layers",
    ]);
  });

  it('accept arrows down and across one layer, and ignore package imports and comments', () => {
    const source = [
      "import { map } from 'rxjs';",
      "import type { Verdict } from '../model/receive';",
      "export { dedupe } from './dedupe';",
      "// import { x } from '../cxbus/createBus';",
    ].join('\n');
    expect(wrongWayImports('pipeline/messagePipeline.ts', source)).toEqual([]);
    expect(wrongWayImports('platform/createPlatform.ts', "import { memoryStorage } from '../storage/memoryStorage';")).toEqual([]);
  });

  it('see type-only, dynamic and re-export arrows too', () => {
    const source = "type B = import('../cxbus/createBus').BusOptions;\nconst m = import('../service/engine');\nexport * from '../testing/index';\n";
    expect(wrongWayImports('transports/x.ts', source).map((line) => line.split(' (')[0])).toEqual([
      'lib/transports/x.ts:1', 'lib/transports/x.ts:2', 'lib/transports/x.ts:3',
    ]);
  });

  it('report a connection package outside lib/platform/ and a package nobody listed', () => {
    const source = "import ReconnectingWebSocket from 'reconnecting-websocket';\nimport { readFileSync } from 'node:fs';\n";
    expect(strayPackages('transports/socket.ts', source)).toEqual([
      "lib/transports/socket.ts:1 imports 'reconnecting-websocket', which only lib/platform/ may (it opens connections)",
      "lib/transports/socket.ts:2 imports 'node:fs', which the package table does not list",
    ]);
    expect(strayPackages('platform/socket.ts', source.split('\n')[0])).toEqual([]);
  });

  it('report a timer in an operator with its line', () => {
    const source = "export const later = (work: () => void) =>\n  setTimeout(work, 10);\n";
    expect(strayGlobals('operators/later.ts', source)).toEqual([
      'lib/operators/later.ts:2 reads the global setTimeout (only lib/platform/ may; pass it in through the platform)',
    ]);
  });

  it('find globals in shorthand properties and member reads, but not in comments, strings, types, property names or shadowing names', () => {
    const source = [
      '// setTimeout(work) in a comment, `document.cookie` in a doc',
      "const text = 'window.location';",
      'type Socket = typeof WebSocket;',
      'const open = (WebSocket: new (url: string) => unknown) => new WebSocket(text);',
      'const read = (win: { document: unknown }) => win.document;',
      'function f() { const console = { log() {} }; console.log(open); }',
      'const deps = { navigator, stamp: Date.now(), read };',
    ].join('\n');
    expect(globalUses('x.ts', source, hostGlobals)).toEqual([
      { name: 'navigator', line: 7 },
      { name: 'Date.now', line: 7 },
    ]);
  });
});
