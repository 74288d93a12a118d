import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import { within } from '../helpers/eventually';

/**
 * `npm start` = build + `node playground/start.mjs`: the script is run here against a fresh build
 * of the bundles (no type declarations, to stay quick).
 */
describe('playground/start.mjs', () => {
  beforeAll(async () => {
    await promisify(execFile)(process.execPath, ['esbuild.mjs', '--no-types', '--quiet'], { timeout: 60000 });
  }, 70000);

  const run = (args: string[], env: Record<string, string> = {}): ChildProcess =>
    spawn(process.execPath, ['playground/start.mjs', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });

  const output = (child: ChildProcess, until: RegExp, timeoutMs = 10000): Promise<string> => {
    let text = '';
    const seen = new Promise<string>((resolve) => {
      const take = (chunk: Buffer) => {
        text += chunk.toString();
        if (until.test(text)) resolve(text);
      };
      child.stdout?.on('data', take);
      child.stderr?.on('data', take);
    });
    return within(seen, timeoutMs, () => {
      throw new Error(`no ${until} in: ${text}`);
    });
  };
  const exited = (child: ChildProcess): Promise<number | null> =>
    new Promise((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))));

  it('starts with the flags, prints the page and service URLs, applies --fault, and stops cleanly on SIGTERM', async () => {
    const child = run(['--port', '0', '--agent', 'manual', '--fault', 'http503:refresh:always']);
    try {
      const text = await output(child, /Ctrl\+C to stop/);
      const url = /playground on (http:\/\/127\.0\.0\.1:\d+)/.exec(text)![1];
      for (const path of ['/modern/', '/legacy/', '/agent/', '/genesys/2/chat/customer-support', '/nexus/v3/chat/sessions', '/api/v2/webchat/guest/conversations', '/agent/sessions']) {
        expect(text).toContain(`${url}${path}`);
      }
      expect(text).toContain('agent: manual');
      const faults = (await (await fetch(`${url}/agent/faults`, { signal: AbortSignal.timeout(3000) })).json()) as { rules: unknown[] };
      expect(faults.rules).toEqual([{ kind: 'http503', route: 'refresh', count: 'Infinity' }]);
      const page = await fetch(`${url}/modern/`, { signal: AbortSignal.timeout(3000) });
      expect(page.status).toBe(200);
      await page.text();
      const bundle = await fetch(`${url}/dist/browser/webchat-rx.mjs`, { signal: AbortSignal.timeout(3000) });
      // Only the serving is checked: other specs may be rebuilding dist/ at this moment.
      expect(bundle.status).toBe(200);
      expect(bundle.headers.get('content-type')).toMatch(/javascript/);
      await bundle.arrayBuffer();
      child.kill('SIGTERM');
      expect(await exited(child)).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  it('takes the port from PORT', async () => {
    const child = run(['--agent', 'auto'], { PORT: '0' });
    try {
      expect(await output(child, /Ctrl\+C to stop/)).toMatch(/playground on http:\/\/127\.0\.0\.1:\d+  \(agent: auto\)/);
      child.kill('SIGINT');
      expect(await exited(child)).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  it.each([
    [['--agent', 'robot'], /--agent must be auto or manual/],
    [['--fault', 'meteor'], /unknown kind/],
    [['--port', 'x'], /--port must be a port number/],
    [['--wat'], /unknown argument --wat/],
  ])('refuses %j with exit code 2 and a usage line', async (args, message) => {
    const child = run(args);
    const text = await output(child, /usage:/);
    expect(text).toMatch(message);
    expect(await exited(child)).toBe(2);
  });
});
