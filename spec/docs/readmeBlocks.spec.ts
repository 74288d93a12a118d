/**
 * Every code block of README.md and playground/README.md runs here (the legacy-page HTML block runs
 * in Chromium: spec/e2e/readmeLegacyPage.spec.ts). A block added to a README without a runner below
 * fails the inventory test, so the docs cannot drift from what the package does.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as rxjs from 'rxjs';
import * as rxjsTesting from 'rxjs/testing';
import * as library from '../../lib/index';
import * as core from '../../lib/core';
import * as gmsTransport from '../../lib/transports/gms-v2/createGmsTransport';
import * as testingKit from '../../lib/testing/index';
import * as playgroundServer from '../../playground/server/index';
import type { Playground } from '../../playground/server/index';
import type { WebChatService } from '../../lib/service/WebChatService';
import type { NormalizedMessage } from '../../lib/model/messages';
import { markdownCodeBlocks } from '../helpers/markdownCodeBlocks';
import type { CodeBlock } from '../helpers/markdownCodeBlocks';
import { runCodeBlock } from '../helpers/runCodeBlock';
import { eventually } from '../helpers/eventually';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const XHR2 = require('xhr2') as new () => XMLHttpRequest;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ws = require('ws') as unknown;

const root = join(__dirname, '..', '..');
const readme = markdownCodeBlocks(join(root, 'README.md'));
const playgroundReadme = markdownCodeBlocks(join(root, 'playground', 'README.md'));
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };

/** The README block under `heading` of language `lang` (exactly one). */
function blockOf(blocks: CodeBlock[], heading: string, lang: string): CodeBlock {
  const found = blocks.filter((b) => b.heading === heading && b.lang === lang);
  if (found.length !== 1) throw new Error(`expected one ${lang} block under "${heading}", found ${found.length}`);
  return found[0];
}

/** Every service a block creates, so each test can destroy them whatever the block did. */
const created: WebChatService[] = [];
const trackedLibrary = {
  ...library,
  createWebChatService: (...args: Parameters<typeof library.createWebChatService>) => {
    const chat = library.createWebChatService(...args);
    created.push(chat);
    return chat;
  },
};
afterEach(() => {
  while (created.length) created.pop()!.destroy();
});

/** `webchat-rx/core`, its composed factories kept so a test can call them and their services destroyed. */
const composed: Array<ReturnType<typeof core.composeWebChatService>> = [];
const trackedCore = {
  ...core,
  composeWebChatService: (...args: Parameters<typeof core.composeWebChatService>) => {
    const factory = core.composeWebChatService(...args);
    const tracked: typeof factory = (...serviceArgs) => {
      const chat = factory(...serviceArgs);
      created.push(chat);
      return chat;
    };
    composed.push(tracked);
    return tracked;
  },
};

const baseModules = {
  rxjs,
  'rxjs/testing': rxjsTesting,
  'webchat-rx': trackedLibrary,
  'webchat-rx/core': trackedCore,
  'webchat-rx/transports/gms-v2': gmsTransport,
  'webchat-rx/testing': testingKit,
};

describe('README code blocks', () => {
  it('has a runner for every block (inventory)', () => {
    const handled = [
      'sh@Run it',
      'ts@Use it from a modern app (ES modules, Angular)',
      'ts@Angular',
      'html@Angular', // the template: bound in the Angular example; here its bindings are checked against the service
      'ts@Keep only the back ends you use',
      'html@Use it from a legacy page (CXBus)', // runs in Chromium (spec/e2e/readmeLegacyPage.spec.ts)
      'ts@Extend and test it (integrators)',
    ];
    expect(readme.map((b) => `${b.lang}@${b.heading}`)).toEqual(handled);
    expect(playgroundReadme.map((b) => `${b.lang}@${b.heading}`)).toEqual(['@Run it', 'ts@Use it from a test']);
  });

  it('"Run it": the two commands a newcomer runs exist as npm scripts, and the playground entry exists', () => {
    const commands = blockOf(readme, 'Run it', 'sh')
      .code.split('\n')
      .map((line) => line.replace(/#.*$/, '').trim())
      .filter(Boolean);
    expect(commands).toEqual(['npm ci && npm start', 'npm ci && npm test']);
    expect(packageJson.scripts.start).toMatch(/node playground\/start\.mjs/);
    expect(existsSync(join(root, 'playground', 'start.mjs'))).toBe(true);
    expect(packageJson.scripts.test).toBe('jest');
    // playground/README.md's own commands name the same entry and flags the start script parses.
    const start = readFileSync(join(root, 'playground', 'start.mjs'), 'utf8');
    for (const flag of ['--port', '--agent', '--fault', '--seed']) expect(start).toContain(flag);
  });

  describe('against the playground', () => {
    let playground: Playground;
    const savedXHR = (globalThis as { XMLHttpRequest?: unknown }).XMLHttpRequest;
    beforeAll(async () => {
      playground = await playgroundServer.startPlayground({ agent: 'auto', autoAgentDelayMs: 50, autoAgentTypingMs: 10 });
      // The modern-app blocks are written for a browser, which has an XMLHttpRequest; in Node xhr2 plays it.
      (globalThis as { XMLHttpRequest?: unknown }).XMLHttpRequest = XHR2;
    });
    afterAll(async () => {
      (globalThis as { XMLHttpRequest?: unknown }).XMLHttpRequest = savedXHR;
      await playground.close();
    });
    const dataURL = () => `${playground.url}/genesys/2/chat/customer-support`;

    it('"Use it from a modern app": the chat starts, the agent\'s lines reach render(), the send goes out', async () => {
      const block = blockOf(readme, 'Use it from a modern app (ES modules, Angular)', 'ts');
      expect(block.code).toContain("'https://gms.example.com/genesys/2/chat/customer-support'");
      const rendered: NormalizedMessage[] = [];
      const errors: unknown[] = [];
      await runCodeBlock(
        { ...block, code: block.code.replace('https://gms.example.com/genesys/2/chat/customer-support', dataURL()) },
        baseModules,
        { render: (messages: NormalizedMessage[]) => rendered.push(...messages), showTyping: () => undefined, showError: (why: unknown) => errors.push(why) },
      );
      expect(created).toHaveLength(1);
      // The auto agent joins, greets, and answers the block's "Hello".
      await eventually(() => expect(rendered.map((m) => m.text)).toContain('You said: "Hello". Anything else?'), 15000, 50);
      expect(rendered.filter((m) => m.type === 'Message' && m.from.type === 'Client').map((m) => m.text)).toEqual(['Hello']);
      expect(errors).toEqual([]);
    });

    it('"Keep only the back ends you use": the composed GMS-only service chats; another back end is refused with the quoted text', async () => {
      const heading = 'Keep only the back ends you use';
      const block = blockOf(readme, heading, 'ts');
      await runCodeBlock({ ...block, code: block.code.replace('https://gms.example.com/genesys/2/chat/customer-support', dataURL()) }, baseModules);
      expect(created).toHaveLength(1);
      const [chat] = created;
      await rxjs.firstValueFrom(chat.startChat({ nickname: 'Ada' }));
      expect(chat.state.mode).toBe('gms-v2');
      await rxjs.firstValueFrom(chat.endChat());
      // The refusal the README quotes, word for word, from the same composed factory.
      const prose = readFileSync(join(root, 'README.md'), 'utf8').split(`### ${heading}`)[1].split('\n## ')[0].replace(/\s*\n\s*/g, ' ');
      const quoted = /rejects `([^`]+)`/.exec(prose)![1];
      const other = composed[composed.length - 1]({ transport: { type: 'pureengage-v3-rest', dataURL: `${playground.url}/nexus/v3/chat/sessions`, endpoint: 'x' } });
      await expect(rxjs.firstValueFrom(other.startChat({ nickname: 'Ada' }))).rejects.toBe(quoted);
    });

    it('"Angular": the service class starts, sends, collects the transcript, and ends', async () => {
      const block = blockOf(readme, 'Angular', 'ts');
      const angularCore = { Injectable: () => (target: unknown) => target };
      const environment = { webchat: { dataURL: dataURL(), pollRateMin: 200, pollRateMax: 300 } };
      const exported = await runCodeBlock(block, { ...baseModules, '@angular/core': angularCore, '../environments/environment': { environment } });
      const ChatService = exported.ChatService as new () => {
        messages$: rxjs.Observable<NormalizedMessage[]>;
        agentTyping$: rxjs.Observable<boolean>;
        active$: rxjs.Observable<boolean>;
        start(form: { nickname: string }): rxjs.Observable<unknown>;
        send(message: string): rxjs.Observable<unknown>;
        typing(text: string): void;
        end(): rxjs.Observable<unknown>;
        ngOnDestroy(): void;
      };
      const service = new ChatService();
      let transcript: NormalizedMessage[] = [];
      const actives: boolean[] = [];
      const subscriptions = [service.messages$.subscribe((all) => (transcript = all)), service.active$.subscribe((a) => actives.push(a))];
      try {
        await rxjs.firstValueFrom(service.start({ nickname: 'Ada' }));
        service.typing('Hel');
        await rxjs.firstValueFrom(service.send('Hello'));
        await eventually(() => expect(transcript.map((m) => m.text)).toContain('You said: "Hello". Anything else?'), 15000, 50);
        // The template's bindings exist on the service and carry what it shows (m.from.name, m.text).
        const template = blockOf(readme, 'Angular', 'html').code;
        expect(template).toContain('chat.messages$ | async');
        expect(template).toContain('chat.agentTyping$ | async');
        expect(transcript.every((m) => typeof m.from.name === 'string' && typeof m.text === 'string')).toBe(true);
        await rxjs.firstValueFrom(service.end());
        expect(actives).toEqual([false, true, false]);
      } finally {
        subscriptions.forEach((s) => s.unsubscribe());
        service.ngOnDestroy();
      }
    });
  });

  it('"Extend and test it": the testing-kit example passes in virtual time', async () => {
    const block = blockOf(readme, 'Extend and test it (integrators)', 'ts');
    await runCodeBlock(block, baseModules);
    expect(created).toHaveLength(1);
  });

  it('the testing kit\'s own doc example names only helpers the kit exports', () => {
    const source = readFileSync(join(root, 'lib', 'testing', 'fakeTransport.ts'), 'utf8');
    const example = /@example\n([\s\S]*?)\*\//.exec(source)![1];
    const called = [...example.matchAll(/\b(fake\w+|agent\w+)\(/g)].map((m) => m[1]);
    expect(called.length).toBeGreaterThan(0);
    for (const name of called) expect(Object.keys(testingKit)).toContain(name);
  });
});

describe('playground/README.md code blocks', () => {
  it('"Use it from a test": a chat on the in-process playground, acted on as the agent, closes with no handle left', async () => {
    const block = blockOf(playgroundReadme, 'Use it from a test', 'ts');
    let opened: Playground | undefined;
    const trackedPlayground = {
      startPlayground: async (...args: Parameters<typeof playgroundServer.startPlayground>) => (opened = await playgroundServer.startPlayground(...args)),
    };
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    await runCodeBlock(block, { ...baseModules, ws, xhr2: XHR2, 'webchat-rx/playground': trackedPlayground });
    expect(opened).toBeDefined();
    const [session] = opened!.store.list();
    expect(session.transcript.map((e) => e.text)).toContain('Hello');
    expect(opened!.faults.rules()).toEqual([expect.objectContaining({ kind: 'gmsStatusCode1', route: 'refresh' })]);
  });
});
