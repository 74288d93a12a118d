import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import type { WebChatConfig } from '../../lib/model/config';

/** The page of the figure: only our core script (then a mark when it has run), as a legacy page has it. */
export const ourPage = '<!doctype html><html><head><script src="/dist/webchat-rx.cxbus.min.js"></script><script>window.__benchScriptDone = performance.now();</script></head><body></body></html>';
/** The floor of every page figure: nothing at all. */
export const blankPage = '<!doctype html><html><head></head><body></body></html>';

/** What the page records: when `ready` came, and when each line of text was received (epoch ms, high resolution). */
export interface PageMarks {
  readyAt: number;
  scriptDoneAt: number;
  loadEventEnd: number;
}

/** A page of its own context with a CDP session whose Performance domain runs from the first byte. */
export interface BenchPage {
  context: BrowserContext;
  page: Page;
  cdp: CDPSession;
  close(): Promise<void>;
}

/**
 * A fresh context and page with the bench's instrumentation: `_genesys.widgets` preset with
 * `webchat` and an `onReady` that registers a plugin marking `WebChatService.ready` and every
 * `messageReceived` line (`window.__bench`), so nothing but that is added to the page's work.
 * With no `webchat` only the marks are set up (the blank page and the floors).
 */
export async function openBenchPage(newContext: () => Promise<BrowserContext>, webchat?: WebChatConfig, context?: BrowserContext): Promise<BenchPage> {
  const ownContext = context ?? (await newContext());
  const page = await ownContext.newPage();
  page.setDefaultTimeout(30_000);
  page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
  await page.addInitScript(
    ({ webchat }) => {
      type Bus = { registerPlugin(name: string): { subscribe(event: string, f: (e: { data: { messages?: Array<{ text?: string }> } }) => void): unknown } | false };
      const w = window as unknown as { __bench: { readyAt: number; received: Record<string, number>; waiters: Record<string, (at: number) => void>; mark(text: string, at: number): void }; _genesys?: unknown };
      w.__bench = {
        readyAt: -1,
        received: {},
        waiters: {},
        mark(text, at) {
          w.__bench.received[text] = at;
          w.__bench.waiters[text]?.(at);
        },
      };
      if (!webchat) return;
      w._genesys = {
        widgets: {
          webchat,
          onReady(bus: Bus) {
            const plugin = bus.registerPlugin('Bench');
            if (!plugin) return;
            plugin.subscribe('WebChatService.ready', () => {
              w.__bench.readyAt = performance.now();
            });
            plugin.subscribe('WebChatService.messageReceived', (e) => {
              const at = performance.timeOrigin + performance.now();
              for (const m of e.data.messages ?? []) if (m.text) w.__bench.mark(m.text, at);
            });
          },
        },
      };
    },
    { webchat },
  );
  const cdp = await ownContext.newCDPSession(page);
  await cdp.send('Performance.enable');
  return {
    context: ownContext,
    page,
    cdp,
    close: async () => {
      await cdp.detach().catch(() => undefined);
      if (!context) await ownContext.close().catch(() => undefined);
      else await page.close().catch(() => undefined);
    },
  };
}

/** Seconds of script the page's renderer ran so far (CDP `ScriptDuration`). */
export async function scriptSeconds(cdp: CDPSession): Promise<number> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: Array<{ name: string; value: number }> };
  return metrics.find((m) => m.name === 'ScriptDuration')?.value ?? Number.NaN;
}

/** Bytes of JS heap in use after a full garbage collection. */
export async function heapAfterGc(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  return usedSize;
}

/** The page's marks once `ready` came (ours) or the load event ended (blank). */
export async function pageMarks(page: Page, waitForReady: boolean): Promise<PageMarks> {
  await page.waitForFunction(
    (ready) => performance.getEntriesByType('navigation')[0] && (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd > 0 && (!ready || (window as unknown as { __bench: { readyAt: number } }).__bench.readyAt >= 0),
    waitForReady,
    { polling: 5 },
  );
  return page.evaluate(() => ({
    readyAt: (window as unknown as { __bench: { readyAt: number } }).__bench.readyAt,
    scriptDoneAt: (window as unknown as { __benchScriptDone?: number }).__benchScriptDone ?? -1,
    loadEventEnd: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd,
  }));
}

/**
 * Epoch ms (high resolution) at which the page received `text`, waiting for it without polling
 * (the page resolves when it marks the line), so the wait adds no script to the page.
 */
export function receivedAt(page: Page, text: string, timeoutMs = 15_000): Promise<number> {
  return page.evaluate(
    ({ text, timeoutMs }) =>
      new Promise<number>((resolve, reject) => {
        const bench = (window as unknown as { __bench: { received: Record<string, number>; waiters: Record<string, (at: number) => void> } }).__bench;
        if (bench.received[text] !== undefined) return resolve(bench.received[text]);
        const timer = setTimeout(() => reject(new Error(`'${text}' not received within ${timeoutMs} ms`)), timeoutMs);
        bench.waiters[text] = (at) => {
          clearTimeout(timer);
          delete bench.waiters[text];
          resolve(at);
        };
      }),
    { text, timeoutMs },
  );
}
