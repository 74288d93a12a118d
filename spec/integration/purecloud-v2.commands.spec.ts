import { firstValueFrom } from 'rxjs';
import type { WebChatService } from '../../lib/service/WebChatService';
import { Rejections, commandUnsupported } from '../../lib/model/rejections';
import type { Playground } from '../../playground/server/index';
import type { EventRecorder } from '../helpers/eventRecorder';
import { usePlayground } from '../helpers/usePlayground';
import { quickTimings } from '../helpers/playgroundConfig';

describe('purecloud-v2 over the playground: what the transport does not support, and failures', () => {
  let playground: Playground;
  let chat: WebChatService;
  let events: EventRecorder;

  const harness = usePlayground('purecloud-v2', quickTimings['purecloud-v2'], { heartbeatIntervalMs: 200 });
  beforeAll(() => (playground = harness.playground));
  beforeEach(() => {
    ({ chat, events } = harness.open());
  });

  const rejection = (call: () => unknown) => firstValueFrom(call() as ReturnType<WebChatService['getTranscript']>).then(
    (value) => ({ resolved: value }),
    (error: unknown) => error,
  );

  it('rejects the commands the guest API cannot carry with the contract texts (§7)', async () => {
    const logged = playground.requestLog.length;
    await firstValueFrom(chat.startChat({ nickname: 'Ada' }));
    expect(chat.state.capabilities).toEqual({ async: false, asyncClose: 'hideChat', pagination: true, fileUpload: false });
    expect(await rejection(() => chat.sendFile({ files: [] }))).toBe(Rejections.fileUnsupported);
    expect(await rejection(() => chat.downloadFile({ fileId: '1' }))).toBe(commandUnsupported('downloadFile'));
    expect(await rejection(() => chat.getFileLimits())).toBe(commandUnsupported('getFileLimits'));
    expect(await rejection(() => chat.sendCustomNotice({ message: 'hi' }))).toBe(Rejections.noticeUnsupported);
    expect(await rejection(() => chat.command('poll', {}, 'WebChatService'))).toBe(Rejections.pollUnsupported);
    expect(await rejection(() => chat.startPoll())).toBe(Rejections.pollUnsupported2);
    expect(await rejection(() => chat.stopPoll())).toBe(Rejections.pollUnsupported2);
    expect(await rejection(() => chat.pausePoll())).toBe(commandUnsupported('pausePoll'));
    expect(await rejection(() => chat.resetPollExceptions())).toBe(Rejections.resetPollExceptionsUnsupported);
    expect(await rejection(() => chat.updateUserData({ plan: 'gold' }))).toBe(Rejections.userDataUnsupported);
    expect(await rejection(() => chat.updateInteractionData({ routing: { targetAddress: 'Sales' } }))).toBe(Rejections.interactionDataUnsupported);
    // §6.15, §6.21: accepted and harmless.
    expect(await rejection(() => chat.asyncRestore())).toEqual({ resolved: undefined });
    expect(await rejection(() => chat.sleep())).toEqual({ resolved: undefined });
    expect(await rejection(() => chat.wake())).toEqual({ resolved: undefined });
    // No request reached the server for any of them.
    const routes = playground.requestLog.slice(logged).map((entry) => entry.route);
    expect(routes).toEqual(['create', 'socket']);
  });

  it('updates userData and interactionData locally before a chat, and sends them with the start', async () => {
    expect(await firstValueFrom(chat.updateUserData({ plan: 'gold' }))).toMatchObject({ plan: 'gold' });
    await firstValueFrom(chat.updateInteractionData({ routing: { targetAddress: 'Sales', skills: ['Billing'] } }));
    const started = await firstValueFrom(chat.startChat({ nickname: 'Ada' }));
    const session = playground.store.get(String(started.id))!;
    expect(session.customFields).toMatchObject({ plan: 'gold' });
    expect(session.meta).toMatchObject({ queue: 'Sales', skills: 'Billing' });
  });

  it('a failed create rejects startChat with the AjaxFailure and publishes error with StartFailed', async () => {
    playground.faults.add({ transport: 'purecloud-v2', route: 'create', kind: 'http503' });
    const failure = await rejection(() => chat.startChat({ nickname: 'Ada' }));
    expect(failure).toMatchObject({ status: 503, responseJSON: { status: 503, code: 'service.unavailable' }, errors: [{ code: 'StartFailed', response: expect.objectContaining({ status: 503 }) }] });
    const error = await events.next('error');
    expect(error).toMatchObject({ errors: [{ code: 'StartFailed' }] });
    expect(chat.state.sessionState).toBe('idle');
  });

  it('a refused send rejects with the AjaxFailure, Retry-After as retryAfter, and MessageFailed; the chat goes on', async () => {
    await firstValueFrom(chat.startChat({ nickname: 'Ada' }));
    // A 429 (the server did not take it): the outbox sends it again after Retry-After (issue 14).
    playground.faults.add({ transport: 'purecloud-v2', route: 'send', kind: 'http429', retryAfter: 3 });
    const at = Date.now();
    await firstValueFrom(chat.sendMessage({ message: 'too fast' }));
    expect(Date.now() - at).toBeGreaterThanOrEqual(2900);
    // A 4xx refusal is final: the AjaxFailure with MessageFailed.
    playground.faults.add({ transport: 'purecloud-v2', route: 'send', kind: 'http429', status: 400 });
    const failure = await rejection(() => chat.sendMessage({ message: 'refused' }));
    expect(failure).toMatchObject({ status: 400, errors: [{ code: 'MessageFailed' }] });
    await firstValueFrom(chat.sendMessage({ message: 'slower' }));
    await events.next('messageReceived', (d) => d.messages.some((m) => m.text === 'slower'));
  });

  it('endChat tears down even when the DELETE fails', async () => {
    await firstValueFrom(chat.startChat({ nickname: 'Ada' }));
    playground.faults.add({ transport: 'purecloud-v2', route: 'end', kind: 'http500' });
    expect(await firstValueFrom(chat.endChat())).toEqual({});
    await events.next('ended');
    expect(await firstValueFrom(chat.getSessionData())).toEqual({});
  });
});
