import { firstValueFrom } from 'rxjs';
import type { WebChatCommandName } from '../../lib/model/commands';
import type { WebChatConfig } from '../../lib/model/config';
import type { NexusSessionData } from '../../lib/model/results';
import { Rejections } from '../../lib/model/rejections';
import type { WebChatService } from '../../lib/service/WebChatService';
import type { Playground } from '../../playground/server/index';
import { usePlayground } from '../helpers/usePlayground';
import { quickTimings } from '../helpers/playgroundConfig';
import { pause } from '../helpers/eventually';

const asyncMode = { enabled: true, getSessionData: () => undefined, setSessionData: () => undefined };

describe('nexus-v3 commands over the playground', () => {
  const harness = usePlayground('nexus-v3', quickTimings['nexus-v3']);
  let playground: Playground;
  beforeAll(() => {
    playground = harness.playground;
  });
  const open = (transport: Partial<NonNullable<WebChatConfig['transport']>> = {}) => harness.open({ transport });
  const active = async (transport: Partial<NonNullable<WebChatConfig['transport']>> = {}) => {
    const opened = open(transport);
    await firstValueFrom(opened.chat.startChat({ form: { nickname: 'Jane' } }));
    await opened.events.next('clientConnected');
    return { ...opened, id: (opened.chat.state.sessionData as NexusSessionData).sessionId! };
  };
  const rejection = (call: () => ReturnType<WebChatService['command']>) => firstValueFrom(call()).then(
    (value) => ({ resolved: value }),
    (reason: unknown) => reason,
  );

  describe('the transport refuses what v3 cannot carry, with the contract texts (§7)', () => {
    it.each<[WebChatCommandName, Record<string, unknown>, string]>([
      ['sendCustomNotice', { message: 'x' }, "This transport doesn't support sendCustomNotice command."],
      ['resetPollExceptions', {}, "This transport doesn't support resetPollExceptions command."],
      ['downloadFile', { fileId: 'f' }, "This transport doesn't support downloadFile command."],
      ['getFileLimits', {}, "This transport doesn't support getFileLimits command."],
      ['fetchHistory', {}, 'Fetching history messages applies only to Asynchronous chat'],
    ])('%s rejects in a session', async (name, options, text) => {
      const { chat } = await active();
      await expect(rejection(() => chat.command(name, options as never))).resolves.toBe(text);
    });

    it.each<[WebChatCommandName, string]>([
      ['sendCustomNotice', Rejections.noticeUnsupported],
      ['fetchHistory', Rejections.historyAsync],
      ['getFileLimits', "This transport doesn't support getFileLimits command."],
    ])('%s rejects the same way without a session (transport support is checked before the session)', async (name, text) => {
      const { chat } = open();
      await expect(rejection(() => chat.command(name, {} as never))).resolves.toBe(text);
    });

    it('async mode: fetchHistory is allowed and ends with No more messages to fetch; the others still refuse', async () => {
      const { chat } = await active({ async: asyncMode });
      await expect(rejection(() => chat.fetchHistory())).resolves.toBe('No more messages to fetch');
      await expect(rejection(() => chat.sendCustomNotice({ message: 'x' }))).resolves.toBe(Rejections.noticeUnsupported);
      await expect(rejection(() => chat.resetPollExceptions())).resolves.toBe(Rejections.resetPollExceptionsUnsupported);
    });
  });

  describe('what v3 carries', () => {
    it('poll (private) answers the messages reply to WebChatService and refuses anyone else', async () => {
      const { chat } = await active();
      await expect(rejection(() => chat.command('poll', {}, 'MyPlugin'))).resolves.toBe(Rejections.privateCommand);
      const reply = await firstValueFrom(chat.command('poll', {}, 'WebChatService'));
      expect(reply).toMatchObject({ data: { messages: expect.any(Array), chatEnded: false } });
    });

    it('stopPoll / startPoll: pollingStopped, no polls, pollingStarted, and the messages in between once', async () => {
      const { chat, events, id } = await active();
      await firstValueFrom(chat.stopPoll());
      await events.next('pollingStopped');
      await expect(rejection(() => chat.pausePoll())).resolves.toBe(Rejections.notPolling);
      const stoppedAt = Date.now();
      playground.agent.join(id, { name: 'Kim' });
      playground.agent.say(id, 'while stopped');
      await pause(300);
      expect(playground.requestLog.filter((e) => e.sessionId === id && e.route === 'messages' && e.time > stoppedAt + 50)).toHaveLength(0);
      await firstValueFrom(chat.startPoll());
      await events.next('pollingStarted');
      await events.next('messageReceived', (d) => d.messages.some((m) => m.text === 'while stopped'));
      const texts = events.all('messageReceived').flatMap((d) => d.messages.map((m) => m.text));
      expect(texts.filter((t) => t === 'while stopped')).toHaveLength(1);
    });

    it('sleep pauses polling; wake polls at once', async () => {
      const { chat, events, id } = await active({ pollTimeout: 2000 });
      await firstValueFrom(chat.sleep());
      await events.next('sleeping');
      const sleptAt = Date.now();
      await pause(200);
      playground.agent.join(id, {});
      await firstValueFrom(chat.wake());
      await events.next('agentConnected', undefined, 1000);
      const polls = playground.requestLog.filter((e) => e.sessionId === id && e.route === 'messages' && e.time >= sleptAt);
      expect(polls).toHaveLength(1);
      expect(polls[0].time - sleptAt).toBeGreaterThanOrEqual(200);
      expect(events.all('pollingStopped')).toHaveLength(0);
    });

    it('sendFile rejects a non-image with the server code and FileUploadError, and publishes error', async () => {
      const { chat, events } = await active();
      const text = new Blob(['hello'], { type: 'text/plain' });
      Object.defineProperty(text, 'name', { value: 'notes.txt' });
      const failure = await rejection(() => chat.sendFile({ files: text }));
      expect(failure).toMatchObject({ status: 400, errorReason: 'FileUploadError', responseJSON: { status: { code: 'INVALID_FILE_TYPE' } } });
      expect(await events.next('error')).toMatchObject({ errorReason: 'FileUploadError' });
    });

    it('startChat while active rejects R-ACTIVE; restore from a foreign commander rejects R-PRIVATE-RESTORE (sync mode)', async () => {
      const { chat } = await active();
      await expect(rejection(() => chat.startChat({ form: { nickname: 'Again' } }))).resolves.toBe(Rejections.active);
      await expect(rejection(() => chat.command('restore', {}, 'MyPlugin'))).resolves.toBe(Rejections.privateRestore);
    });
  });
});
