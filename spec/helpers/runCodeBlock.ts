import { transformSync } from '@swc/core';
import type { CodeBlock } from './markdownCodeBlocks';

/** What a block's `export`s became, after it ran. */
export type BlockExports = Record<string, unknown>;

/**
 * Runs a TypeScript code block of a document as a module: compiled by swc (decorators on), its
 * imports answered from `modules` only (a specifier not listed fails with the block's line, so a
 * doc cannot import what the package does not offer), top-level `await` allowed. Free names the
 * block uses but does not define (`render`, …) come from `globals`.
 */
export async function runCodeBlock(
  block: CodeBlock,
  modules: Record<string, unknown>,
  globals: Record<string, unknown> = {},
): Promise<BlockExports> {
  const { code } = transformSync(block.code, {
    filename: `block-at-line-${block.line}.ts`,
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: false },
      target: 'es2022',
    },
    module: { type: 'commonjs', ignoreDynamic: true },
    isModule: true,
  });
  const exportsObject: BlockExports = {};
  const requireFromTable = (specifier: string): unknown => {
    if (!(specifier in modules)) throw new Error(`README block at line ${block.line} imports '${specifier}', which the spec does not provide`);
    return modules[specifier];
  };
  const names = Object.keys(globals);
  // The compiled module body runs inside an async function, so its top-level `await` is allowed.
  const body = new Function('require', 'exports', 'module', ...names, `return (async () => {\n${code}\n})();`) as (
    ...args: unknown[]
  ) => Promise<void>;
  await body(requireFromTable, exportsObject, { exports: exportsObject }, ...names.map((n) => globals[n]));
  return exportsObject;
}
