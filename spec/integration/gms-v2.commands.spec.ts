import { firstValueFrom, lastValueFrom } from 'rxjs';
import type { WebChatService } from '../../lib/service/WebChatService';
import { Rejections, commandUnsupported, noPreprocessor, tooLong } from '../../lib/model/rejections';
import type { Playground } from '../../playground/server/index';
import type { EventRecorder } from '../helpers/eventRecorder';
import { usePlayground } from '../helpers/usePlayground';
import { eventually } from '../helpers/eventually';
import { widgetsName } from '../../lib/productVersion';

const rejection = (call: import('rxjs').Observable<unknown>) => firstValueFrom(call).then(
  (value) => {
    throw new Error(`expected a rejection, got ${JSON.stringify(value)}`);
  },
  (error: unknown) => error,
);

describe('GMS v2 commands: resolutions and the contract rejection texts', () => {
  let playground: Playground;
  let chat: WebChatService;
  let events: EventRecorder;

  const harness = usePlayground('gms-v2', { pollRateMin: 250, pollRateMax: 300, maxMessageLength: 10 });
  beforeAll(() => (playground = harness.playground));
  beforeEach(() => {
    ({ chat, events } = harness.open());
  });

  const start = async () => {
    await firstValueFrom(chat.startChat({ nickname: 'Ada' }));
    await events.next('pollingStarted');
    return (chat.state.sessionData as { sessionID: string }).sessionID;
  };

  describe('without a session', () => {
    it.each([
      ['endChat', {}, Rejections.noSession],
      ['sendMessage', { message: 'hi' }, Rejections.noSession],
      ['sendCustomNotice', { message: 'hi' }, Rejections.noSession],
      ['sendTyping', {}, Rejections.noSession],
      ['sendFilteredMessage', { message: 'hi', regex: /x/ }, Rejections.noSession2],
      ['startPoll', {}, Rejections.noSession2],
      ['stopPoll', {}, Rejections.noSession2],
      ['pausePoll', {}, Rejections.noSession2],
      ['fetchHistory', {}, Rejections.historyAsync],
      ['restore', {}, Rejections.restoreNone],
    ] as const)('%s rejects %j', async (name, options, text) => {
      expect(await rejection(chat.command(name, options as never))).toBe(text);
    });

    it('poll is private: other commanders get the exact text', async () => {
      expect(await rejection(chat.command('poll', {}))).toBe(Rejections.privateCommand);
      expect(await rejection(chat.command('poll', {}, 'MyPlugin'))).toBe(Rejections.privateCommand);
      expect(await rejection(chat.command('poll', {}, 'WebChatService'))).toBe(Rejections.noSession2);
    });

    it('restore from a foreign plugin is private in non-async mode', async () => {
      expect(await rejection(chat.command('restore', {}, 'MyPlugin'))).toBe(Rejections.privateRestore);
    });

    it('an unknown command rejects Command does not exist', async () => {
      expect(await rejection(chat.command('nope' as never))).toBe(Rejections.noCommand);
      expect(await rejection(chat.command('WebChatService.alsoNope' as never))).toBe(Rejections.noCommand);
    });

    it('configure twice rejects Already configured', async () => {
      expect(await rejection(chat.command('configure', {}))).toBe(Rejections.configured);
    });

    it('startChat rejects malformed userData', async () => {
      expect(await rejection(chat.startChat({ nickname: 'Ada', userData: '{not json' }))).toBe(Rejections.userData);
      expect(await rejection(chat.startChat({ nickname: 'Ada', userData: [1] as never }))).toBe(Rejections.userData);
      expect(chat.state.sessionState).toBe('idle');
    });

    it('updateUserData merges into the base and is sent with the start', async () => {
      const merged = await firstValueFrom(chat.updateUserData({ orderId: 'A-991' }));
      expect(merged).toMatchObject({ orderId: 'A-991' });
      expect(await rejection(chat.updateUserData('x' as never))).toBe(Rejections.userData);
      const id = await start();
      expect(playground.agent.session(id)!.userData).toMatchObject({ orderId: 'A-991', _genesys_widgets: widgetsName });
    });

    it("getters resolve with the session data keys as '' and an empty transcript (issue 10 item 5)", async () => {
      expect(await firstValueFrom(chat.getSessionData())).toEqual({ secureKey: '', sessionID: '', sessionId: '', alias: '', userId: '' });
      expect(await firstValueFrom(chat.getTranscript())).toEqual({ messages: [], originalMessages: [] });
      expect(await firstValueFrom(chat.getAgents())).toEqual({ agents: {} });
      // Times not known are false, as the shipped client gives them (not undefined).
      expect(await firstValueFrom(chat.getStats())).toEqual({ agents: {}, startTime: false, endTime: false, duration: false });
      expect(await firstValueFrom(chat.verifySession())).toEqual({ sessionActive: false });
    });

    it('validates addPrefilter, registerPreProcessor and registerTypingPreviewInput arguments', async () => {
      expect(await rejection(chat.addPrefilter({ filters: 'x' as never }))).toBe(Rejections.filters);
      expect(await rejection(chat.addPrefilter({ filters: [] }))).toBe(Rejections.filters);
      expect(await rejection(chat.registerPreProcessor({ preprocessor: 'x' as never }))).toBe(noPreprocessor('x'));
      expect(await rejection(chat.registerTypingPreviewInput({ input: {} }))).toBe(Rejections.input);
    });
  });

  describe('with a session', () => {
    it('startChat again rejects There is already an active chat session', async () => {
      await start();
      expect(await rejection(chat.startChat({ nickname: 'Ada' }))).toBe(Rejections.active);
      expect(await rejection(chat.command('restore', {}, 'WebChatService'))).toBe(Rejections.restoreActive);
    });

    it('sendMessage validates text and length (in code points)', async () => {
      await start();
      expect(await rejection(chat.sendMessage({ message: '  ' }))).toBe(Rejections.noText);
      expect(await rejection(chat.sendMessage({} as never))).toBe(Rejections.noText);
      expect(await rejection(chat.sendMessage({ message: 'x'.repeat(11) }))).toBe(tooLong(10));
      // Ten emoji are ten code points (twenty UTF-16 units): within the limit.
      await expect(firstValueFrom(chat.sendMessage({ message: '😀'.repeat(10) }))).resolves.toMatchObject({ statusCode: 0 });
    });

    it('sendCustomNotice, updateUserData during a chat, getFileLimits resolve with the server reply', async () => {
      const id = await start();
      await expect(firstValueFrom(chat.sendCustomNotice({ message: 'bye' }))).resolves.toMatchObject({ statusCode: 0 });
      expect(playground.agent.session(id)!.transcript.some((e) => e.kind === 'custom-notice' && e.text === 'bye')).toBe(true);
      await expect(firstValueFrom(chat.updateUserData({ tier: 'gold' }))).resolves.toMatchObject({ statusCode: 0 });
      expect(playground.agent.session(id)!.userData).toMatchObject({ tier: 'gold' });
      const limits = await firstValueFrom(chat.getFileLimits());
      expect(limits.limits).toMatchObject({ uploadMaxFiles: expect.any(Number), uploadFileTypes: expect.arrayContaining(['png']) });
    });

    it('stopPoll/startPoll/pausePoll and resetPollExceptions', async () => {
      await start();
      await expect(firstValueFrom(chat.stopPoll())).resolves.toBeUndefined();
      await events.next('pollingStopped');
      expect(await rejection(chat.stopPoll())).toBe(Rejections.notPolling);
      expect(await rejection(chat.pausePoll())).toBe(Rejections.notPolling);
      await expect(firstValueFrom(chat.command('poll', {}, 'WebChatService'))).resolves.toMatchObject({ statusCode: 0 });
      await firstValueFrom(chat.startPoll());
      await events.next('pollingStarted');
      await expect(firstValueFrom(chat.resetPollExceptions())).resolves.toBeUndefined();
    });

    it('prefilters hide matching messages, preprocessors rewrite visible ones', async () => {
      const id = await start();
      await firstValueFrom(chat.addPrefilter({ filters: /secret/ }));
      const filters = await firstValueFrom(chat.addPrefilter({ filters: [/hidden/i] }));
      expect(filters.map(String)).toEqual(['/\\{start:[0-9]{9}\\}/', '/secret/', '/hidden/i']);
      await firstValueFrom(chat.registerPreProcessor({ preprocessor: (m) => (m.type === 'Message' ? { ...m, text: m.text.toUpperCase() } : undefined) }));
      await firstValueFrom(chat.registerPreProcessor({ preprocessor: () => { throw new Error('ignored'); } }));
      playground.agent.join(id, { name: 'Dana' });
      playground.agent.say(id, 'the secret code');
      playground.agent.say(id, 'HIDDEN too');
      playground.agent.say(id, 'visible');
      const received = await events.next('messageReceived', (d) => d.messages.some((m) => m.text === 'VISIBLE'));
      const texts = events.all('messageReceived').flatMap((d) => d.messages.map((m) => m.text));
      expect(texts).not.toContain('the secret code');
      expect(texts.some((t) => /hidden/i.test(t))).toBe(false);
      expect(received.messages.find((m) => m.text === 'VISIBLE')).toMatchObject({ from: { name: 'Dana' } });
      const transcript = await firstValueFrom(chat.getTranscript());
      expect(transcript.messages.map((m) => m.text)).toContain('VISIBLE');
      expect(transcript.messages.map((m) => m.text)).not.toContain('the secret code');
    });

    it('sendFilteredMessage adds the filter and sends; a non-RegExp regex is refused', async () => {
      await start();
      expect(await rejection(chat.sendFilteredMessage({ message: 'card 4111', regex: 'x' as never }))).toBe(Rejections.filters);
      await expect(firstValueFrom(chat.sendFilteredMessage({ message: 'card 4111', regex: /card \d+/ }))).resolves.toMatchObject({ statusCode: 0 });
      await firstValueFrom(chat.sendMessage({ message: 'plain' }));
      await events.next('messageReceived', (d) => d.messages.some((m) => m.text === 'plain'));
      const texts = events.all('messageReceived').flatMap((d) => d.messages.map((m) => m.text));
      expect(texts).not.toContain('card 4111');
    });

    it('sendFile uploads, the FileUploaded message carries fileDetails, downloadFile returns the bytes', async () => {
      const id = await start();
      const file = new File([new TextEncoder().encode('receipt bytes')], 'receipt.txt', { type: 'text/plain' });
      const uploaded = await firstValueFrom(chat.sendFile({ files: [file] }));
      expect(uploaded).toMatchObject({ statusCode: 0, userData: { 'file-id': expect.any(String) } });
      const fileId = String((uploaded.userData as Record<string, unknown>)['file-id']);
      const event = await events.next('messageReceived', (d) => d.messages.some((m) => m.type === 'FileUploaded'));
      expect(event.messages.find((m) => m.type === 'FileUploaded')!.fileDetails).toMatchObject({ 'file-id': fileId, 'file-name': 'receipt.txt' });
      expect(playground.agent.session(id)!.transcript.some((e) => e.kind === 'file-uploaded')).toBe(true);
      const download = (await firstValueFrom(chat.downloadFile({ fileId }))) as { blob: Blob; fileName: string };
      expect(await download.blob.text()).toBe('receipt bytes');
      expect(download.fileName).toBe('receipt.txt');
    });

    it('sendFile of a refused type rejects with FileUploadError and the file name', async () => {
      await start();
      const file = new File([new Uint8Array([1, 2, 3])], 'tool.exe', { type: 'application/octet-stream' });
      const failure = (await rejection(chat.sendFile({ files: file }))) as { errorReason: string; errors: Array<{ code: number; fileName: string }> };
      expect(failure.errorReason).toBe('FileUploadError');
      expect(failure.errors[0]).toMatchObject({ code: 203, fileName: 'tool.exe' });
      expect(events.all('error').some((e) => e.errorReason === 'FileUploadError')).toBe(true);
    });

    it('getAgents, getStats and getSessionData describe the running chat', async () => {
      const id = await start();
      playground.agent.join(id, { name: 'Dana' });
      playground.agent.join(id, { name: 'Sam', role: 'supervisor' });
      await events.next('supervisorConnected');
      const { agents } = await firstValueFrom(chat.getAgents());
      expect(Object.values(agents)).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ name: 'Dana', connected: true, supervisor: false, disconnectedTime: false }),
          expect.objectContaining({ name: 'Sam', connected: true, supervisor: true, disconnectedTime: false }),
        ]),
      );
      const stats = await firstValueFrom(chat.getStats());
      expect(stats.startTime).toEqual(expect.any(Number));
      expect(stats.endTime).toBe(false);
      expect(stats.duration).toEqual(expect.any(Number));
      const data = await firstValueFrom(chat.getSessionData());
      expect(data).toMatchObject({ sessionID: id, sessionId: id, secureKey: expect.any(String) });
      expect(await firstValueFrom(chat.verifySession())).toEqual({ sessionActive: true });
      await lastValueFrom(chat.endChat());
      const after = await firstValueFrom(chat.getStats());
      expect(after.endTime).toEqual(expect.any(Number));
      // The end sequence's synthetic leaves give each agent its time of leaving.
      expect(Object.values(after.agents).map((agent) => typeof agent.disconnectedTime)).toEqual(['number', 'number']);
    });

    it('sendTyping sends startTyping once, then stopTyping after 2 s idle', async () => {
      const id = await start();
      expect(await firstValueFrom(chat.sendTyping({ message: 'I ne' }))).toMatchObject({ statusCode: 0 });
      expect(await firstValueFrom(chat.sendTyping({ message: 'I need' }))).toBeNull();
      // The typing preview rides on every poll as `message` (§11.1): the agent sees the draft.
      await eventually(() => expect(playground.agent.session(id)!.draft).toBe('I need'));
      await events.next('clientTypingStopped', undefined, 4000);
      await eventually(() => {
        const kinds = playground.agent.session(id)!.transcript.map((e) => e.kind);
        expect(kinds.filter((k) => k === 'typing-start')).toHaveLength(1);
        expect(kinds.filter((k) => k === 'typing-stop')).toHaveLength(1);
      });
    });
  });

  it('unsupported on GMS: fetchHistory rejects the async text even with a session', async () => {
    await start();
    expect(await rejection(chat.fetchHistory())).toBe(Rejections.historyAsync);
    expect(commandUnsupported('downloadFile')).toBe("This transport doesn't support downloadFile command.");
  });
});
