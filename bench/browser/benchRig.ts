import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { startPlayground } from '../../playground/server/index';
import type { Playground } from '../../playground/server/index';
import { chromiumArgs, chromiumPath } from '../../spec/e2e/browserHarness';
import { blankPage, ourPage } from './benchPage';

/** The playground and Chromium of the browser figures. */
export interface BenchRig {
  playground: Playground;
  browser: Browser;
  close(): Promise<void>;
}

/**
 * The playground (manual agent, port 0) serving, besides the built `dist/`, the two pages of the
 * figures at `/bench/page.html` (our core script alone) and `/bench/blank.html` — real files from
 * a temporary static root, not routed responses: Chromium treats a routed page as not local and
 * blocks its WebSocket to 127.0.0.1. Then Chromium with the e2e suite's flags.
 */
export async function startBenchRig(): Promise<BenchRig> {
  const root = mkdtempSync(join(tmpdir(), 'webchat-rx-bench-'));
  mkdirSync(join(root, 'playground', 'pages', 'bench'), { recursive: true });
  symlinkSync(join(process.cwd(), 'dist'), join(root, 'dist'));
  writeFileSync(join(root, 'playground', 'pages', 'bench', 'page.html'), ourPage);
  writeFileSync(join(root, 'playground', 'pages', 'bench', 'blank.html'), blankPage);
  const playground = await startPlayground({ port: 0, agent: 'manual', staticRoot: root });
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  } catch (error) {
    await playground.close();
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
  return {
    playground,
    browser,
    async close() {
      await browser.close();
      await playground.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
