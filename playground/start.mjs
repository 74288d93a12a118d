// `npm start`: the playground on a fixed port, with the demo pages and the three chat services.
//
//   node playground/start.mjs [--port 8280] [--host 127.0.0.1] [--agent auto|manual] [--seed 1]
//                             [--fault [transport/]kind[:route][:count][:probability]]...
//                                                           (count: a number or "always"; probability: 0..1, seeded)
//   PORT=9000 npm start
//
// `npm start` runs `npm run build` first, which writes dist/playground.mjs and dist/browser/webchat-rx.mjs.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const usage = 'usage: node playground/start.mjs [--port N] [--host H] [--agent auto|manual] [--seed N] [--fault [transport/]kind[:route][:count][:probability]]...';

function parseArgs(argv) {
  const options = { port: Number(process.env.PORT ?? 8280), host: '127.0.0.1', agent: 'auto', faults: [] };
  for (let i = 0; i < argv.length; i += 1) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => inline ?? argv[++i] ?? fail(`${flag} needs a value`);
    switch (flag) {
      case '--port': options.port = Number(value()); break;
      case '--host': options.host = value(); break;
      case '--agent': options.agent = value(); break;
      case '--seed': options.seed = Number(value()); break;
      case '--fault': options.faults.push(parseFault(value())); break;
      case '--help': case '-h': console.log(usage); process.exit(0); break;
      default: fail(`unknown argument ${argv[i]}`);
    }
  }
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) fail('--port must be a port number');
  if (options.agent !== 'auto' && options.agent !== 'manual') fail('--agent must be auto or manual');
  return options;
}

/**
 * `[transport/]kind[:route][:count][:probability]`, e.g. `gmsStatusCode1:refresh:3`, `http503::always`,
 * `purecloud-v2/socketClose`, `nexus-v3/http500:messages:always:0.2` (one poll in five fails, seeded by --seed).
 */
function parseFault(text) {
  const slash = text.indexOf('/');
  const [kind, route, count, probability] = (slash > 0 ? text.slice(slash + 1) : text).split(':');
  const rule = { kind };
  if (slash > 0) rule.transport = text.slice(0, slash);
  if (route) rule.route = route;
  if (count) rule.count = count === 'always' || count === 'Infinity' ? Infinity : Number(count);
  if (rule.count !== undefined && !(rule.count > 0)) fail(`--fault ${text}: count must be a positive number or "always"`);
  if (probability) rule.probability = Number(probability);
  if (rule.probability !== undefined && !(rule.probability > 0 && rule.probability <= 1)) fail(`--fault ${text}: probability must be in (0, 1]`);
  return rule;
}

function fail(message) {
  console.error(`${message}\n${usage}`);
  process.exit(2);
}

const options = parseArgs(process.argv.slice(2));
const bundle = join(root, 'dist', 'playground.mjs');
if (!existsSync(bundle)) fail('dist/playground.mjs is missing: run `npm run build` (or `npm start`, which builds first)');
if (!existsSync(join(root, 'dist', 'browser', 'webchat-rx.mjs'))) console.warn('warning: dist/browser/webchat-rx.mjs is missing, the modern demo page will not load');

const { startPlayground, FAULT_KINDS } = await import(bundle);
for (const rule of options.faults) if (!FAULT_KINDS.includes(rule.kind)) fail(`--fault ${rule.kind}: unknown kind (one of ${FAULT_KINDS.join(', ')})`);

const playground = await startPlayground({
  ...options,
  staticRoot: root,
  requestLogLimit: 10000,
  log: (line) => console.log(`[playground] ${line}`),
}).catch((error) => fail(`cannot start: ${error.message}`));

// Handlers first: whoever reads the banner below may signal at once.
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    if (stopping) process.exit(1);
    stopping = true;
    console.log(`\n${signal}: stopping the playground…`);
    await playground.close();
    process.exit(0);
  });
}

const { url } = playground;
console.log(`
webchat-rx playground on ${url}  (agent: ${options.agent}${options.faults.length ? `, faults: ${options.faults.map((f) => f.kind).join(', ')}` : ''})

  pages
    ${url}/                 index
    ${url}/modern/          modern demo (ES module build)
    ${url}/legacy/          legacy demo (CXBus bundle)
    ${url}/agent/           agent console

  chat services
    GMS Chat API v2         ${url}/genesys/2/chat/customer-support   (any service name)
    GMS v2 over CometD      ${url}/genesys/cometd                    (channel /service/chatV2/<service>; files ${url}/genesys/2/chat-ntf)
    Nexus chat v3           ${url}/nexus/v3/chat/sessions            (x-api-key: playground-key)
    Genesys Cloud guest     ${url}/api/v2/webchat/guest/conversations (deploymentKey/orgGuid: any)

  agent API                 ${url}/agent/sessions  ·  faults: ${url}/agent/faults

Ctrl+C to stop.
`);

