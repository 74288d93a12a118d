import { firstValueFrom } from 'rxjs';
import type { WebChatConfig } from '../../lib/model/config';
import type { NexusSessionData } from '../../lib/model/results';
import { memoryStorage } from '../../lib/storage/memoryStorage';
import type { Playground } from '../../playground/server/index';
import { usePlayground } from '../helpers/usePlayground';
import { quickTimings } from '../helpers/playgroundConfig';
import { pause } from '../helpers/eventually';

describe('nexus-v3 connection health over the playground', () => {
  const harness = usePlayground('nexus-v3', quickTimings['nexus-v3']);
  let playground: Playground;
  beforeAll(() => {
    playground = harness.playground;
  });
  const started = async (transport: Partial<NonNullable<WebChatConfig['transport']>> = {}, storage = memoryStorage()) => {
    const { chat, events } = harness.openWith(storage, { transport });
    await firstValueFrom(chat.startChat({ form: { nickname: 'Jane' } }));
    await events.next('clientConnected');
    const id = (chat.state.sessionData as NexusSessionData).sessionId!;
    return { chat, events, id, storage };
  };
  /** Start-to-start gaps of the polls of a session since `from`, from the playground's request log. */
  const pollGaps = (id: string, from: number) => {
    const times = playground.requestLog.filter((e) => e.sessionId === id && e.route === 'messages' && e.time >= from).map((e) => e.time);
    return times.slice(1).map((t, i) => t - times[i]);
  };

  it('slows down ×pollIntervalMultiplier after each failed poll and recovers on success, delivering every message once', async () => {
    const { events, id } = await started({ pollTimeout: 300 });
    playground.agent.join(id, { name: 'Kim' });
    await events.next('agentConnected');
    const from = Date.now();
    playground.faults.add({ transport: 'nexus-v3', route: 'messages', sessionId: id, kind: 'http503', count: 3 });
    playground.agent.say(id, 'during the failures');
    await events.next('messageReceived', (d) => d.messages.some((m) => m.text === 'during the failures'), 8000);
    playground.agent.say(id, 'after recovery');
    await events.next('messageReceived', (d) => d.messages.some((m) => m.text === 'after recovery'), 8000);
    // The first poll after `from` is the first failed one. Gaps from a poll's end: 360 → 432 → 518.4
    // after 1, 2, 3 failures, then 300 again (plus a few ms of request time each).
    const [afterFirst, afterSecond, afterThird, recovered] = pollGaps(id, from);
    expect(afterFirst).toBeGreaterThanOrEqual(355);
    expect(afterSecond).toBeGreaterThanOrEqual(427);
    expect(afterThird).toBeGreaterThanOrEqual(513);
    expect(recovered).toBeLessThan(afterThird);
    expect(recovered).toBeGreaterThanOrEqual(295);
    // 5xx is no network loss: no disconnected.
    expect(events.all('disconnected')).toHaveLength(0);
    const texts = events.all('messageReceived').flatMap((d) => d.messages.map((m) => m.text)).filter((t) => t.includes('fail') || t.includes('recovery'));
    expect(texts).toEqual(['during the failures', 'after recovery']);
  });

  it('publishes disconnected on a network failure and reconnected on the next good poll, once each', async () => {
    const { events, id } = await started();
    playground.faults.add({ transport: 'nexus-v3', route: 'messages', sessionId: id, kind: 'drop', count: 2 });
    await events.next('disconnected');
    await events.next('reconnected');
    expect(events.all('disconnected')).toHaveLength(1);
    expect(events.all('reconnected')).toHaveLength(1);
    expect(events.names().indexOf('disconnected')).toBeLessThan(events.names().indexOf('reconnected'));
  });

  it('honours Retry-After on 429 without counting it as a disconnection', async () => {
    const { events, id } = await started();
    const from = Date.now();
    playground.faults.add({ transport: 'nexus-v3', route: 'messages', sessionId: id, kind: 'http429', retryAfter: 1 });
    playground.agent.join(id, {});
    await events.next('agentConnected', undefined, 5000);
    const gaps = pollGaps(id, from);
    expect(Math.max(...gaps)).toBeGreaterThanOrEqual(995);
    expect(events.all('disconnected')).toHaveLength(0);
  });

  it('loses the session on INVALID_SESSION: sessionLost → error → end sequence, keys cleared', async () => {
    const { chat, events, id, storage } = await started();
    playground.agent.join(id, { name: 'Kim' });
    await events.next('agentConnected');
    playground.faults.add({ transport: 'nexus-v3', route: 'messages', sessionId: id, kind: 'nexusInvalidSession' });
    const lost = await events.next('sessionLost');
    expect(lost).toEqual({ sessionData: expect.objectContaining({ sessionId: id }), response: { status: { code: 'INVALID_SESSION', message: expect.any(String) } } });
    await events.next('ended');
    const names = events.names();
    expect(names.slice(names.indexOf('sessionLost'))).toEqual(['sessionLost', 'error', 'pollingStopped', 'agentDisconnected', 'clientDisconnected', 'ended']);
    expect(events.all('error')[0]).toMatchObject({ errors: [{ code: 'pureengage-v3-rest-INVALID_SESSION' }] });
    expect(Object.keys(storage.dump()).filter((k) => k.includes('pureengage-v3-rest'))).toEqual([]);
    expect(chat.state.sessionActive).toBe(false);
    const pollsAfter = playground.requestLog.filter((e) => e.sessionId === id && e.route === 'messages').length;
    await pause(300);
    expect(playground.requestLog.filter((e) => e.sessionId === id && e.route === 'messages').length).toBe(pollsAfter);
  });

  it('a restore of a lost session fails with restoreFailed and clears the keys (no sessionLost: nothing was active)', async () => {
    const storage = memoryStorage();
    const { chat, id } = await started({}, storage);
    chat.destroy();
    playground.faults.add({ transport: 'nexus-v3', route: 'messages', sessionId: id, kind: 'nexusInvalidSession' });
    const { events } = harness.openWith(storage);
    expect(await events.next('restoreFailed')).toMatchObject({ status: 404 });
    expect(events.all('sessionLost')).toHaveLength(0);
    expect(Object.keys(storage.dump()).filter((k) => k.includes('pureengage-v3-rest'))).toEqual([]);
  });
});
