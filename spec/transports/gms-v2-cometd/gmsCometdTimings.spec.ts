import { TestScheduler } from 'rxjs/testing';
import { createWebChatService } from '../../../lib/createWebChatService';
import { fakePlatform } from '../../../lib/testing/fakePlatform';
import type { WebChatEventName } from '../../../lib/model/events';
import { fakeCometd } from '../../helpers/fakeCometd';
import type { FakeCometd } from '../../helpers/fakeCometd';

const created = { statusCode: 0, chatId: 'C1', userId: 'U1', secureKey: 'K1', alias: '117', chatEnded: false, messages: [] };

/** A CometD chat in virtual time: `script` acts at given ms; returns `"<ms> <event>"` lines and the fake server. */
function timeline(script: (at: (ms: number, act: () => void) => void, tools: { chat: ReturnType<typeof createWebChatService>; server: FakeCometd; settled: unknown[] }) => void, until = 200000) {
  const scheduler = new TestScheduler((a, b) => expect(a).toEqual(b));
  const lines: string[] = [];
  const server = fakeCometd((data) => (data.operation === 'requestChat' ? [created] : data.operation === 'requestNotifications' ? [{ statusCode: 0, chatEnded: false, messages: [] }] : undefined));
  const settled: unknown[] = [];
  scheduler.run(() => {
    const platform = fakePlatform({ scheduler });
    const chat = createWebChatService({ cometD: { enabled: true, cometURL: 'https://gms.example/genesys/cometd' } }, { ...platform, scheduler, cometd: server.opener });
    chat.events$.subscribe((e) => e.event !== 'ajaxResponse' && lines.push(`${scheduler.now()} ${e.event}`));
    script((ms, act) => void scheduler.schedule(act, ms), { chat, server, settled });
    scheduler.schedule(() => chat.destroy(), until);
  });
  return { lines, server, settled };
}

const only = (lines: string[], names: WebChatEventName[]) => lines.filter((l) => names.includes(l.split(' ')[1] as WebChatEventName));
const operations = (server: FakeCometd) => server.published.map((p) => p.operation);

describe('gms-v2-cometd in virtual time (wire-gms-v2 §11, contract §11.4, §13)', () => {
  it('start fails {statusCode: 1} after 5 failed handshakes, backing off between them', () => {
    const { server, settled } = timeline((at, { chat, server, settled }) => {
      server.failHandshakes(5);
      at(0, () => chat.startChat({ nickname: 'Ada' }).subscribe({ error: (e: unknown) => settled.push(e) }));
    });
    expect(server.opened).toHaveLength(5);
    expect(settled).toEqual([{ statusCode: 1 }]);
  });

  it('a start whose fourth handshake succeeds goes on', () => {
    const { server } = timeline((at, { chat, server }) => {
      server.failHandshakes(3);
      at(0, () => chat.startChat({ nickname: 'Ada' }).subscribe());
    });
    expect(operations(server)[0]).toBe('requestChat');
  });

  it('a lost connection is disconnected; the re-attach 3 s later asks requestNotifications and is reconnected', () => {
    const { lines, server } = timeline((at, { chat, server }) => {
      at(0, () => chat.startChat({ nickname: 'Ada' }).subscribe());
      at(1000, () => {
        server.failHandshakes(1);
        server.drop();
      });
    }, 20000);
    expect(only(lines, ['disconnected', 'reconnected', 'chatServerTimeout'])).toEqual(['1000 disconnected', '7000 reconnected']);
    expect(operations(server)).toEqual(['requestChat', 'requestNotifications']);
    expect(server.published[1]).toMatchObject({ transcriptPosition: 1, secureKey: 'K1' });
  });

  it('publishes chatServerTimeout after 30 failed re-attach attempts 3 s apart', () => {
    const { lines, server } = timeline((at, { chat, server }) => {
      at(0, () => chat.startChat({ nickname: 'Ada' }).subscribe());
      at(1000, () => {
        server.failHandshakes(1000);
        server.drop();
      });
    });
    expect(only(lines, ['disconnected', 'reconnected', 'chatServerTimeout'])).toEqual(['1000 disconnected', `${1000 + 30 * 3000} chatServerTimeout`]);
    expect(server.opened).toHaveLength(1 + 30);
  });

  it('re-sends startTyping every 5 s while the text changes, and stops after two idle ticks', () => {
    const { lines, server } = timeline((at, { chat }) => {
      at(0, () => chat.startChat({ nickname: 'Ada' }).subscribe());
      for (let ms = 1000; ms <= 12000; ms += 1000) at(ms, () => chat.sendTyping({ message: 'x'.repeat(ms / 1000) }).subscribe());
    }, 40000);
    const typing = server.published.filter((p) => p.operation === 'startTyping' || p.operation === 'stopTyping').map((p) => `${p.operation} ${p.message}`);
    // Ticks every 5 s from the first startTyping (1000): 6000, 11000 and 16000 saw a new text; 21000 none.
    expect(typing).toEqual(['startTyping x', `startTyping ${'x'.repeat(6)}`, `startTyping ${'x'.repeat(11)}`, `startTyping ${'x'.repeat(12)}`, `stopTyping ${'x'.repeat(12)}`]);
    expect(only(lines, ['clientTypingStarted', 'clientTypingStopped'])).toEqual(['1000 clientTypingStarted', '22000 clientTypingStopped']);
  });
});
