import { firstValueFrom } from 'rxjs';
import type { WebChatService } from '../../lib/service/WebChatService';
import type { Playground } from '../../playground/server/index';
import type { EventRecorder } from '../helpers/eventRecorder';
import { usePlayground } from '../helpers/usePlayground';

describe('GMS v2 connection health against injected faults', () => {
  let playground: Playground;
  let chat: WebChatService;
  let events: EventRecorder;

  const harness = usePlayground('gms-v2', { pollRateMin: 250, pollRateMax: 250, ajaxTimeout: 500, backoffMax: 400 });
  beforeAll(() => (playground = harness.playground));
  beforeEach(async () => {
    ({ chat, events } = harness.open());
    await firstValueFrom(chat.startChat({ nickname: 'Ada' }));
    await events.next('pollingStarted');
  });

  const health = () =>
    events.names().filter((n) => ['connectionPending', 'chatServerWentOffline', 'chatServerBackOnline', 'connectionRestored', 'disconnected', 'reconnected'].includes(n));

  it('a statusCode 1 streak of 6 reaches pollExceptionLimit (5): offline once, then back online', async () => {
    playground.faults.add({ transport: 'gms-v2', route: 'refresh', kind: 'gmsStatusCode1', count: 6 });
    await events.next('chatServerWentOffline', undefined, 8000);
    expect(chat.state.connectionState).toBe('serverOffline');
    await events.next('connectionRestored', undefined, 8000);
    expect(health()).toEqual(['connectionPending', 'chatServerWentOffline', 'chatServerBackOnline', 'connectionRestored']);
    expect(chat.state.connectionState).toBe('online');
    expect(chat.state.sessionActive).toBe(true);
  });

  it('a streak of 3 stays under the limit: pending, then restored, never offline', async () => {
    playground.faults.add({ transport: 'gms-v2', route: 'refresh', kind: 'gmsStatusCode1', count: 3 });
    await events.next('connectionRestored', undefined, 8000);
    expect(health()).toEqual(['connectionPending', 'connectionRestored']);
  });

  it('dropped connections publish disconnected, then reconnected on the next good poll, and no message is lost', async () => {
    const id = (chat.state.sessionData as { sessionID: string }).sessionID;
    playground.faults.add({ transport: 'gms-v2', route: 'refresh', kind: 'drop', count: 2 });
    await events.next('disconnected', undefined, 8000);
    expect(chat.state.connectionState).toBe('disconnected');
    playground.agent.join(id, { name: 'Dana' });
    playground.agent.say(id, 'still there?');
    await events.next('reconnected', undefined, 8000);
    await events.next('messageReceived', (d) => d.messages.some((m) => m.text === 'still there?'), 8000);
    expect(health()).toEqual(['disconnected', 'reconnected']);
  });

  it('HTTP 500 without an envelope publishes nothing for pollExceptionLimit and the loop recovers', async () => {
    const id = (chat.state.sessionData as { sessionID: string }).sessionID;
    playground.faults.add({ transport: 'gms-v2', route: 'refresh', kind: 'http500', count: 2 });
    playground.agent.join(id, { name: 'Dana' });
    await events.next('agentConnected', undefined, 8000);
    expect(health()).toEqual([]);
  });

  it('statusCode 2 with errors ends the chat with an error event first', async () => {
    playground.faults.add({ transport: 'gms-v2', route: 'refresh', kind: 'gmsStatusCode2', count: 1 });
    const error = await events.next('error', undefined, 8000);
    expect(error).toMatchObject({ statusCode: 2, chatEnded: true, errors: [expect.objectContaining({ code: 249 })] });
    await events.next('ended');
    expect(events.names().indexOf('error')).toBeLessThan(events.names().indexOf('ended'));
  });
});
