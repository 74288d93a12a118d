import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { webChatEventNames } from '../../lib/model/events';
import { startPlayground } from '../../playground/server/index';
import type { Playground } from '../../playground/server/index';

/** Debian's chromium (`apt-get install chromium`); `npx playwright install` does not work here. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const bundlePath = join(__dirname, '..', '..', 'dist', 'webchat-rx.cxbus.min.js');

/** The launch flags of every Chromium the suite (and `npm run bench -- --browser`) starts. */
export const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'];

/** A bounded wait in the page: every wait of these specs ends. */
export const waitMs = 15000;

export interface BrowserRig {
  playground: Playground;
  browser: Browser;
  /** A fresh context (own storage) and page for one test. */
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/**
 * Starts the playground (manual agent, port 0) and Chromium. Fails fast with a clear message when
 * the bundle is not built (`npm run test:e2e` builds it) or Chromium is missing.
 */
export async function startRig(): Promise<BrowserRig> {
  if (!existsSync(bundlePath)) throw new Error(`${bundlePath} is missing: run \`npm run build\` first (npm run test:e2e does)`);
  if (!existsSync(chromiumPath)) throw new Error(`${chromiumPath} is missing: apt-get install -y chromium`);
  const playground = await startPlayground({ port: 0, agent: 'manual' });
  let browser: Browser;
  try {
    // A non-persistent launch: Chromium gets a fresh temporary profile of its own each time.
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: chromiumArgs,
    });
  } catch (error) {
    await playground.close();
    throw error;
  }
  const contexts: BrowserContext[] = [];
  return {
    playground,
    browser,
    async newPage() {
      const context = await browser.newContext();
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(waitMs);
      page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
      return page;
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close();
      await playground.close();
    },
  };
}

/** Every `WebChatService.<event>` name, plus the `sessionActive` data event. */
export const busEventNames = [...webChatEventNames.map((n) => `WebChatService.${n}`), 'WebChatService.data.sessionActive'];

/** An event as recorded in the page: name and JSON-cloned data, in delivery order. */
export interface RecordedEvent {
  event: string;
  data: unknown;
  publisher: string;
}

/**
 * Makes the next page load record every WebChatService bus event from the very start: the page's
 * `_genesys.widgets` config is preset (merged with `widgets`) and its `onReady(bus)` registers a
 * recording plugin before the service exists. The recording is `window.__busEvents`.
 */
export async function presetWidgets(page: Page, widgets: Record<string, unknown> = {}): Promise<void> {
  await page.addInitScript(
    ({ names, preset }) => {
      const w = window as unknown as { _genesys: { widgets: Record<string, unknown> }; __busEvents: unknown[]; __recorder?: unknown };
      w.__busEvents = [];
      w._genesys = { widgets: { ...preset } };
      const previous = preset.onReady as ((bus: unknown) => void) | undefined;
      w._genesys.widgets.onReady = (bus: { registerPlugin(n: string): { subscribe(e: string, f: (e: unknown) => void): unknown } | false }) => {
        const recorder = bus.registerPlugin('E2ERecorder');
        if (recorder) {
          for (const name of names) {
            recorder.subscribe(name, (e) => {
              const { event, data, publisher } = e as RecordedEvent;
              w.__busEvents.push(JSON.parse(JSON.stringify({ event, data: data === undefined ? null : data, publisher })));
            });
          }
        }
        if (typeof previous === 'function') previous(bus);
      };
    },
    { names: busEventNames, preset: widgets },
  );
}

/** The events recorded so far in the page. */
export function busEvents(page: Page): Promise<RecordedEvent[]> {
  return page.evaluate(() => (window as unknown as { __busEvents: RecordedEvent[] }).__busEvents);
}

/**
 * Waits (bounded) until the page recorded `count` events named `event` whose JSON contains
 * `containing` (when given), and returns the last of them.
 */
export async function waitForBusEvent(page: Page, event: string, containing?: string, count = 1): Promise<RecordedEvent> {
  const handle = await page.waitForFunction(
    ({ event, containing, count }) => {
      const found = (window as unknown as { __busEvents: RecordedEvent[] }).__busEvents.filter(
        (e) => e.event === event && (containing === undefined || JSON.stringify(e.data).includes(containing)),
      );
      return found.length >= count ? found[found.length - 1] : false;
    },
    { event, containing, count },
    { timeout: waitMs },
  );
  return (await handle.jsonValue()) as RecordedEvent;
}

/** How a bus promise settled, seen from the page (arguments JSON-cloned, functions as `'function'`). */
export interface Settled {
  state: 'resolved' | 'rejected';
  args: unknown[];
}

/**
 * Evaluates `code` in the page's global scope (indirect eval: a `var` stays for the next call) and,
 * when its value is a bus promise, waits (bounded) for it to settle.
 */
export function evaluateBusCode(page: Page, code: string): Promise<Settled | { state: 'not a promise' }> {
  return page.evaluate(
    ({ code, ms }) =>
      new Promise<Settled | { state: 'not a promise' }>((resolve, reject) => {
        const value = (0, eval)(code) as { always?: (f: (...a: unknown[]) => void) => unknown; state(): string } | undefined;
        if (!value || typeof value.always !== 'function') return resolve({ state: 'not a promise' });
        const timer = setTimeout(() => reject(new Error(`${code} did not settle within ${ms} ms`)), ms);
        value.always((...args: unknown[]) => {
          clearTimeout(timer);
          const clone = (v: unknown) => (typeof v === 'function' ? 'function' : v === undefined ? null : JSON.parse(JSON.stringify(v)));
          resolve({ state: value.state() as Settled['state'], args: args.map(clone) });
        });
      }),
    { code, ms: waitMs },
  );
}

/** Sends a bus command from the page through `_genesys.widgets.bus` (commander `QuickBus`) and waits for it to settle. */
export async function busCommand(page: Page, command: string, options?: unknown): Promise<Settled> {
  const args = options === undefined ? JSON.stringify(command) : `${JSON.stringify(command)}, ${JSON.stringify(options)}`;
  return (await evaluateBusCode(page, `window._genesys.widgets.bus.command(${args})`)) as Settled;
}

/** The playground's agent API over HTTP (the manual agent). */
export function agentApi(playground: Playground) {
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${playground.url}/agent${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(waitMs),
    });
    if (!response.ok) throw new Error(`${method} /agent${path}: HTTP ${response.status}`);
    return response.json() as Promise<unknown>;
  };
  return {
    sessions: () => call('GET', '/sessions') as Promise<{ id: string; status: string; transcript: { kind: string; text: string }[] }[]>,
    session: (id: string) => call('GET', `/sessions/${id}`) as Promise<{ id: string; status: string; userData: Record<string, unknown>; transcript: { kind: string; text: string; participantId: string }[] }>,
    join: (id: string, name = 'Dana') => call('POST', `/sessions/${id}/join`, { name }),
    say: (id: string, text: string) => call('POST', `/sessions/${id}/messages`, { text }),
    typing: (id: string, typing: boolean) => call('POST', `/sessions/${id}/typing`, { typing }),
    leave: (id: string) => call('POST', `/sessions/${id}/leave`),
  };
}

/** A quick polling cadence so a whole chat runs in a few seconds. */
export const fastPolling = { pollRateMin: 250, pollRateMax: 400, pollRateMult: 1.2 };
