import { firstValueFrom } from 'rxjs';
import { createWebChatService } from '../../lib/createWebChatService';
import type { WebChatService } from '../../lib/service/WebChatService';
import { startPlayground } from '../../playground/server/index';
import type { Playground } from '../../playground/server/index';
import { recordEvents } from '../helpers/eventRecorder';
import type { EventRecorder } from '../helpers/eventRecorder';
import { nodeServiceOptions } from '../helpers/nodeServiceOptions';
import { eventually } from '../helpers/eventually';
import { playgroundConfig } from '../helpers/playgroundConfig';

// xhr2 has no types; it is the XMLHttpRequest the platform's http needs in Node.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const XHR2 = require('xhr2') as new () => XMLHttpRequest;

/** A request the client sent, as the wire saw it: its operation, its form fields, and whether it was answered. */
interface Sent {
  operation: string;
  fields: URLSearchParams;
  answered: boolean;
}

/** An XMLHttpRequest that records what the client sends, so a spec can read the refresh bodies. */
function recordingXHR(sent: Sent[]): new () => XMLHttpRequest {
  return class extends XHR2 {
    private url = '';
    override open(method: string, url: string | URL, ...rest: unknown[]): void {
      this.url = String(url);
      (XHR2.prototype.open as (...args: unknown[]) => void).call(this, method, url, ...rest);
    }
    override send(body?: Document | XMLHttpRequestBodyInit | null): void {
      const entry: Sent = { operation: this.url.split('/').pop() ?? '', fields: new URLSearchParams(typeof body === 'string' ? body : ''), answered: false };
      sent.push(entry);
      this.addEventListener('loadend', () => (entry.answered = true));
      super.send(body);
    }
  };
}

/**
 * The GMS typing preview (`contract.md` §11.1, §12.1; issue 10 item 2): every refresh carries
 * `message` = what the customer is typing, and the server keeps it as the customer's draft. Once
 * typing stops (idle, `isTyping: false`, a send) the refreshes carry `message=` again, so the
 * agent does not see a draft that is no longer there. The draft is read as an agent would: through
 * the playground's agent HTTP API.
 */
describe('GMS v2 typing preview over the playground', () => {
  let playground: Playground;
  let chat: WebChatService;
  let events: EventRecorder;
  let sent: Sent[];

  beforeAll(async () => {
    playground = await startPlayground({ agent: 'manual' });
  });
  afterAll(() => playground.close());
  beforeEach(() => {
    sent = [];
    const XHR = recordingXHR(sent);
    chat = createWebChatService(
      playgroundConfig('gms-v2', playground.url, { pollRateMin: 100, pollRateMax: 150 }),
      nodeServiceOptions({ createXHR: () => new XHR() }),
    );
    events = recordEvents(chat.events$);
  });
  afterEach(() => {
    events.stop();
    chat.destroy();
  });

  const start = async (): Promise<string> => {
    await firstValueFrom(chat.startChat({ nickname: 'Ada' }));
    await events.next('pollingStarted');
    return (chat.state.sessionData as { sessionID: string }).sessionID;
  };

  /** The customer's draft as the agent API shows it. */
  const draft = async (id: string): Promise<string> => {
    const response = await fetch(`${playground.url}/agent/sessions/${id}`, { signal: AbortSignal.timeout(3000) });
    return ((await response.json()) as { draft: string }).draft;
  };

  const refreshesFrom = (mark: number) => sent.slice(mark).filter((s) => s.operation === 'refresh');

  /** Waits until a refresh sent after `mark` was answered (one poll in flight: every earlier one was too); returns their `message`s. */
  const answeredRefreshMessagesFrom = (mark: number): Promise<string[]> =>
    eventually(() => {
      const refreshes = refreshesFrom(mark);
      expect(refreshes.some((r) => r.answered)).toBe(true);
      return refreshes.map((r) => r.fields.get('message') ?? '<none>');
    });

  it('refreshes carry the text while typing, and an empty message after the idle stop: the draft is cleared', async () => {
    const id = await start();
    let mark = sent.length;
    await firstValueFrom(chat.sendTyping({ message: 'typing…' }));
    expect(sent.slice(mark).find((s) => s.operation === 'startTyping')?.fields.get('message')).toBe('typing…');
    mark = sent.length;
    expect(await answeredRefreshMessagesFrom(mark)).toContain('typing…');
    expect(await draft(id)).toBe('typing…');

    await events.next('clientTypingStopped', undefined, 4000);
    mark = sent.length;
    expect(new Set(await answeredRefreshMessagesFrom(mark))).toEqual(new Set(['']));
    expect(await draft(id)).toBe('');
  });

  it('a sent message is no longer a draft: the refreshes after sendMessage carry an empty message', async () => {
    const id = await start();
    await firstValueFrom(chat.sendTyping({ message: 'My order' }));
    expect(await answeredRefreshMessagesFrom(sent.length)).toContain('My order');
    expect(await draft(id)).toBe('My order');

    await firstValueFrom(chat.sendMessage({ message: 'My order is late' }));
    expect(new Set(await answeredRefreshMessagesFrom(sent.length))).toEqual(new Set(['']));
    expect(await draft(id)).toBe('');
  });

  it('sendTyping({isTyping: false}) clears the draft at once, whatever message it carries', async () => {
    const id = await start();
    await firstValueFrom(chat.sendTyping({ message: 'Wait' }));
    expect(await answeredRefreshMessagesFrom(sent.length)).toContain('Wait');

    await firstValueFrom(chat.sendTyping({ message: 'Wait', isTyping: false }));
    expect(new Set(await answeredRefreshMessagesFrom(sent.length))).toEqual(new Set(['']));
    expect(await draft(id)).toBe('');
  });
});
