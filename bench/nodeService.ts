import { Agent } from 'node:http';
import { createRequire } from 'node:module';
import type { SchedulerLike } from 'rxjs';
import { createWebChatService } from '../lib/createWebChatService';
import type { WebChatConfig } from '../lib/model/config';
import type { KeyValueStorage, TabCoordination } from '../lib/platform/platform';
import type { WebChatService } from '../lib/service/WebChatService';
import { nodeServiceOptions } from '../spec/helpers/nodeServiceOptions';

// xhr2 ships no types and no ESM entry: the XMLHttpRequest rxjs/ajax needs in Node.
const XHR2 = createRequire(import.meta.url)('xhr2') as new () => XMLHttpRequest & { nodejsSet(options: { httpAgent: Agent }): void };
// Browsers keep connections alive; xhr2 opens a new one per request unless given an agent that does.
// Node unrefs the agent's idle sockets, so it keeps nothing running at the end. An idle socket is
// dropped after 4 s, before the server's keep-alive timeout (Node's 5 s) closes it under a reuse
// (which xhr2 reports as `status: 0`); the agent's timeout ends only free sockets.
const keepAlive = new Agent({ keepAlive: true, timeout: 4_000 });
const createXHR = (): XMLHttpRequest => {
  const xhr = new XHR2();
  xhr.nodejsSet({ httpAgent: keepAlive });
  return xhr;
};

/**
 * A real service in Node, as a page would have it: the specs' {@link nodeServiceOptions} (xhr2 for
 * rxjs/ajax, `ws` under reconnecting-websocket, memory storage unless given), with connections
 * kept alive as a browser keeps them.
 *
 * @param config The `_genesys.widgets.webchat` object.
 * @param options The storage to share between page lives, the scheduler when time is warped, and
 *   the simulated tabs' lock and channel when several services play the tabs of one browser.
 */
export function nodeService(config: WebChatConfig, options: { storage?: KeyValueStorage; scheduler?: SchedulerLike; tabs?: TabCoordination } = {}): WebChatService {
  return createWebChatService(config, nodeServiceOptions({ createXHR, ...options }));
}
