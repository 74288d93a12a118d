// The esbuild options of the CXBus IIFEs, shared by `esbuild.mjs` (which writes them), the bench and
// `scripts/bundleSize.mjs` (which measure them), so all build the same bytes: the all-in-one
// `dist/webchat-rx.cxbus.all.min.js` as below, and the core with its transport modules with the same
// options (`scripts/legacyBuilds.mjs`).

/**
 * The options every browser build shares. rxjs must be bundled with the es2015 condition (its ESM
 * build), never through `platform: 'node'`. ES2019 for the library builds, which an app's own
 * (possibly older) bundler reads again.
 */
export const browserish = { bundle: true, target: 'es2019', conditions: ['es2015'], mainFields: ['es2015', 'module', 'main'], logLevel: 'warning' };

/** The minified all-in-one IIFE a legacy page may load as its one file: everything inside, rxjs included. */
export const cxbusBundleOptions = {
  ...browserish,
  // tsconfig's target. ES2020 keeps `?.` and `??` as written (ES2019 lowers each to a
  // `(t = a) == null ? void 0 : t.b` dance: 1.3 KB gzipped in all), and the page runs the file as
  // is: every browser since 2020 does (Chrome/Edge 80, Firefox 74, Safari 13.1).
  target: 'es2020',
  entryPoints: ['lib/cxbus/iife.ts'],
  format: 'iife',
  platform: 'browser',
  minify: true,
  outfile: 'dist/webchat-rx.cxbus.all.min.js',
  external: ['ws', 'xhr2'],
  legalComments: 'none',
  // Properties named `_x` are internal by convention in rxjs and reconnecting-websocket (`_subscribe`,
  // `_ws`, `_listeners`…), and lib/ names none of its own that way: inside one closed bundle they can be
  // shortened. `__proto__` and the page's `_genesys` / wire `_genesys_*` keys are public and kept.
  mangleProps: /^_/,
  reserveProps: /^(__|_genesys)/,
};
