/**
 * This product's name and version, as the `_genesys_widgets` userData key names it
 * (`contract.md` §6.2 step 3). Kept in step with `package.json` (`spec/productVersion.spec.ts`
 * fails when they part).
 *
 * @example
 * productVersion; // '0.1.0'
 * widgetsName;    // 'webchat-rx 0.1.0'
 */
export const productVersion = '0.1.0';

/** The package name. */
export const productName = 'webchat-rx';

/** The value of `_genesys_widgets`: the product, then its version. */
export const widgetsName = `${productName} ${productVersion}`;
