// The esbuild options of the CXBus IIFE (`dist/webchat-rx.cxbus.min.js`), shared by `esbuild.mjs`
// (which writes it) and `scripts/bundleSize.mjs` (which measures it), so both always build the same bytes.

/**
 * The options every browser build shares. rxjs must be bundled with the es2015 condition (its ESM
 * build), never through `platform: 'node'`.
 */
export const browserish = { bundle: true, target: 'es2019', conditions: ['es2015'], mainFields: ['es2015', 'module', 'main'], logLevel: 'warning' };

/** The minified IIFE a legacy page loads with one `<script>`: everything inside, rxjs included. */
export const cxbusBundleOptions = {
  ...browserish,
  entryPoints: ['lib/cxbus/iife.ts'],
  format: 'iife',
  platform: 'browser',
  minify: true,
  outfile: 'dist/webchat-rx.cxbus.min.js',
  external: ['ws', 'xhr2'],
  legalComments: 'none',
};
