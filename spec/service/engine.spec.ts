import { TestScheduler } from 'rxjs/testing';
import { createWebChatService } from '../../lib/createWebChatService';
import { fakeBatch, fakeMessage, fakeTransport } from '../../lib/testing/fakeTransport';
import { memoryStorage } from '../../lib/storage/memoryStorage';
import type { WebChatConfig } from '../../lib/model/config';
import type { WebChatEventName } from '../../lib/model/events';

/**
 * Runs `script` in virtual time against a service over the fake transport and returns the timeline
 * of events as `"<ms> <event>"` lines (ajaxResponse left out).
 */
function timeline(
  config: Partial<WebChatConfig>,
  script: (at: (ms: number, act: () => void) => void, tools: ReturnType<typeof service>) => void,
  until = 10000,
  transportOptions: Parameters<typeof fakeTransport>[0] = {},
): { lines: string[]; tools: ReturnType<typeof service> } {
  const scheduler = new TestScheduler((a, b) => expect(a).toEqual(b));
  const lines: string[] = [];
  let tools!: ReturnType<typeof service>;
  scheduler.run(() => {
    tools = service(config, transportOptions, scheduler);
    tools.chat.events$.subscribe((e) => e.event !== 'ajaxResponse' && lines.push(`${scheduler.now()} ${e.event}`));
    script((ms, act) => void scheduler.schedule(act, ms), tools);
    scheduler.schedule(() => tools.chat.destroy(), until);
  });
  return { lines, tools };
}

function service(config: Partial<WebChatConfig>, transportOptions: Parameters<typeof fakeTransport>[0], scheduler: TestScheduler) {
  const transport = fakeTransport(transportOptions);
  const chat = createWebChatService({ dataURL: 'https://gms.example/genesys/2/chat/x', ...config }, { transport: transport.factory, storage: memoryStorage(), scheduler });
  return { chat, transport };
}

const start = (tools: ReturnType<typeof service>) => tools.chat.startChat({ nickname: 'Ada' }).subscribe();
const deliver = (tools: ReturnType<typeof service>, ...messages: ReturnType<typeof fakeMessage>[]) =>
  tools.transport.signals.next({ type: 'batch', batch: fakeBatch(messages) });
const only = (lines: string[], names: WebChatEventName[]) => lines.filter((l) => names.includes(l.split(' ')[1] as WebChatEventName));

describe('the engine in virtual time (fake transport)', () => {
  it('publishes capabilitiesChanged then ready on the scheduler, after the caller could subscribe', () => {
    const { lines } = timeline({}, () => undefined, 10);
    expect(lines).toEqual(['0 capabilitiesChanged', '0 ready']);
  });

  it('publishes agentTypingTimeout 3000 ms after the last agent typing signal, re-armed by each one (§12.2)', () => {
    const { lines } = timeline({ agentTypingTimeout: 3000 }, (at, tools) => {
      at(0, () => start(tools));
      at(10, () => deliver(tools, fakeMessage(2, 'TypingStarted', 'Agent')));
      at(1010, () => deliver(tools, fakeMessage(3, 'TypingStarted', 'Agent')));
    });
    expect(only(lines, ['agentTypingStarted', 'agentTypingStopped', 'agentTypingTimeout'])).toEqual(['10 agentTypingStarted', '4010 agentTypingTimeout']);
  });

  it('an agent message stops its typing before the batch is published (§8.3)', () => {
    const { lines } = timeline({}, (at, tools) => {
      at(0, () => start(tools));
      at(10, () => deliver(tools, fakeMessage(2, 'TypingStarted', 'Agent')));
      at(20, () => deliver(tools, fakeMessage(3, 'Message', 'Agent', 'hello')));
    }, 100);
    expect(only(lines, ['agentTypingStarted', 'agentTypingStopped', 'messageReceived'])).toEqual([
      '10 agentTypingStarted', '10 messageReceived', '20 agentTypingStopped', '20 messageReceived',
    ]);
  });

  it('sendTyping: startTyping once, throttles further calls, stopTyping after 2000 ms idle (§12.1)', () => {
    const { lines, tools } = timeline({}, (at, t) => {
      at(0, () => start(t));
      at(100, () => t.chat.sendTyping({ message: 'h' }).subscribe());
      at(600, () => t.chat.sendTyping({ message: 'he' }).subscribe());
    }, 5000);
    expect(only(lines, ['clientTypingStarted', 'clientTypingStopped'])).toEqual(['100 clientTypingStarted', '2600 clientTypingStopped']);
    expect(tools.transport.calls.filter((c) => c.method === 'typing').map((c) => c.args)).toEqual([[true, 'h'], [false, 'he']]);
  });

  it('sendMessage cancels typing: clientTypingStopped and no stop request', () => {
    const { lines, tools } = timeline({}, (at, t) => {
      at(0, () => start(t));
      at(100, () => t.chat.sendTyping({ message: 'h' }).subscribe());
      at(200, () => t.chat.sendMessage({ message: 'hello' }).subscribe());
    }, 5000);
    expect(only(lines, ['clientTypingStarted', 'clientTypingStopped'])).toEqual(['100 clientTypingStarted', '200 clientTypingStopped']);
    expect(tools.transport.calls.filter((c) => c.method === 'typing').map((c) => c.args[0])).toEqual([true]);
  });

  it('never publishes a transcript index twice, whatever the transport repeats', () => {
    let transcript: string[] = [];
    const published: string[] = [];
    const { lines } = timeline({}, (at, t) => {
      t.chat.messages$.subscribe((m) => published.push(m.text));
      at(0, () => start(t));
      at(10, () => deliver(t, fakeMessage(2, 'Message', 'Agent', 'a'), fakeMessage(3, 'Message', 'Agent', 'b')));
      at(20, () => deliver(t, fakeMessage(3, 'Message', 'Agent', 'b'), fakeMessage(4, 'Message', 'Agent', 'c')));
      at(30, () => deliver(t, fakeMessage(2, 'Message', 'Agent', 'a')));
      at(40, () => t.chat.getTranscript().subscribe((r) => (transcript = r.messages.map((m) => m.text))));
    }, 100);
    expect(only(lines, ['messageReceived'])).toEqual(['10 messageReceived', '20 messageReceived']);
    expect(published).toEqual(['a', 'b', 'c']);
    expect(transcript).toEqual(['a', 'b', 'c']);
  });

  it('runs the end sequence once when the server ends the session (§8.2 item 5)', () => {
    const { lines } = timeline({}, (at, t) => {
      at(0, () => start(t));
      at(1, () => t.transport.signals.next({ type: 'polling', active: true }));
      at(10, () => deliver(t, fakeMessage(1, 'ParticipantJoined', 'Client'), fakeMessage(2, 'ParticipantJoined', 'Agent'), fakeMessage(3, 'TypingStarted', 'Agent')));
      at(20, () => t.transport.signals.next({ type: 'ended' }));
      at(30, () => t.transport.signals.next({ type: 'ended' }));
    }, 100);
    expect(lines.slice(lines.indexOf('20 pollingStopped'))).toEqual([
      '20 pollingStopped', '20 agentTypingStopped', '20 agentDisconnected', '20 clientDisconnected', '20 ended',
    ]);
  });

  it('sessionLost publishes sessionLost → error → the end sequence (§8.2 item 6)', () => {
    const { lines } = timeline({}, (at, t) => {
      at(0, () => start(t));
      at(20, () => t.transport.signals.next({ type: 'sessionLost', response: { status: 404 }, error: { errors: [{ code: 'x' }] } }));
    }, 100);
    expect(lines.filter((l) => l.startsWith('20 '))).toEqual(['20 sessionLost', '20 error', '20 clientDisconnected', '20 ended']);
  });

  it('a health signal carrying an error publishes error, and the session goes on (v3 §9)', () => {
    const { lines } = timeline({}, (at, t) => {
      at(0, () => start(t));
      at(20, () => t.transport.signals.next({ type: 'health', verdict: 'refused', error: { errors: [{ code: 'pureengage-v3-rest-SOMETHING' }] } }));
      at(30, () => t.transport.signals.next({ type: 'health', verdict: 'refused' }));
    }, 100);
    expect(lines.filter((l) => l.startsWith('20 ') || l.startsWith('30 '))).toEqual(['20 error']);
    expect(lines.some((l) => / (ended|clientDisconnected)$/.test(l))).toBe(false);
  });

  it('a late subscriber to state$ reads the current session state', () => {
    let state: unknown;
    timeline({}, (at, t) => {
      at(0, () => start(t));
      at(40, () => t.chat.state$.subscribe((s) => (state = s)).unsubscribe());
    }, 50);
    expect(state).toMatchObject({ sessionState: 'active', sessionActive: true, mode: 'gms-v2' });
  });

  it('every command settles when the service is destroyed mid-flight', () => {
    const settled: string[] = [];
    timeline({}, (at, t) => {
      // The send never answers: the command is still in flight when the service is destroyed.
      t.transport.held.add('sendMessage');
      at(0, () => start(t));
      at(5, () => t.chat.sendMessage({ message: 'hi' }).subscribe({ next: () => settled.push('resolved'), error: (e) => settled.push(String(e)) }));
      at(10, () => t.chat.sendMessage({ message: 'queued behind it' }).subscribe({ next: () => settled.push('resolved'), error: (e) => settled.push(String(e)) }));
    }, 20);
    expect(settled).toEqual(['WebChatService was destroyed', 'WebChatService was destroyed']);
  });
});
