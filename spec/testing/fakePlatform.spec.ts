import { firstValueFrom, from, lastValueFrom, toArray } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import type { HttpRequest } from '../../lib/platform/platform';
import { memoryStorage } from '../../lib/storage/memoryStorage';
import { fakePlatform, httpJson } from '../../lib/testing/fakePlatform';

const refresh: HttpRequest = { method: 'POST', url: 'https://gms.test/chat/c1/refresh', body: { kind: 'form', fields: [['secureKey', 'k']] } };

describe('fakePlatform', () => {
  it('answers 200 {} by default and records the request', async () => {
    const platform = fakePlatform();
    await expect(firstValueFrom(platform.http(refresh))).resolves.toEqual({ status: 200, statusText: 'success', json: {}, headers: {} });
    expect(platform.requests).toEqual([refresh]);
  });

  it('answers through the handler, falling back to the default when it returns undefined', async () => {
    const platform = fakePlatform({ http: (request) => (request.url.endsWith('/refresh') ? httpJson(503, undefined) : undefined) });
    await expect(firstValueFrom(platform.http(refresh))).resolves.toMatchObject({ status: 503, statusText: 'error' });
    await expect(firstValueFrom(platform.http({ method: 'GET', url: 'https://gms.test/other' }))).resolves.toMatchObject({ status: 200 });
    expect(platform.requests.map((request) => request.url)).toEqual(['https://gms.test/chat/c1/refresh', 'https://gms.test/other']);
  });

  it('records a request only when it is subscribed, like a real one', () => {
    const platform = fakePlatform();
    const request$ = platform.http(refresh);
    expect(platform.requests).toEqual([]);
    request$.subscribe();
    expect(platform.requests).toHaveLength(1);
  });

  it('lets an Observable answer take virtual time, emits one response and completes; unsubscribing aborts it', () => {
    new TestScheduler((actual, expected) => expect(actual).toEqual(expected)).run(({ cold, expectObservable, expectSubscriptions }) => {
      const slow = cold('3000ms (r|)', { r: httpJson(200, { statusCode: 0 }) });
      const platform = fakePlatform({ http: () => slow });
      expectObservable(platform.http(refresh)).toBe('3000ms (r|)', { r: httpJson(200, { statusCode: 0 }) });
      expectObservable(platform.http(refresh), '^ 999ms !').toBe('');
      expectSubscriptions(slow.subscriptions).toBe(['^ 2999ms !', '^ 999ms !']);
    });
  });

  it('takes only the first response of a handler that emits more', async () => {
    const platform = fakePlatform({ http: () => from([httpJson(200, 1), httpJson(200, 2)]) });
    await expect(lastValueFrom(platform.http(refresh).pipe(toArray()))).resolves.toEqual([httpJson(200, 1)]);
  });

  it('reads now() from the scheduler unless told otherwise', () => {
    const scheduler = new TestScheduler(() => undefined);
    const platform = fakePlatform({ scheduler });
    let seen: number | undefined;
    scheduler.schedule(() => (seen = platform.now()), 250);
    scheduler.flush();
    expect(seen).toBe(250);
    expect(platform.scheduler).toBe(scheduler);
    expect(fakePlatform({ scheduler, now: () => 1234 }).now()).toBe(1234);
  });

  it('records when each request was sent, on the scheduler, in the order of requests', () => {
    const scheduler = new TestScheduler(() => undefined);
    const platform = fakePlatform({ scheduler });
    const request$ = platform.http(refresh);
    scheduler.schedule(() => request$.subscribe(), 100);
    scheduler.schedule(() => request$.subscribe(), 350);
    scheduler.flush();
    expect(platform.times).toEqual([100, 350]);
    expect(platform.requests).toHaveLength(2);
  });

  it('draws 0.5 by default and the given random otherwise', () => {
    expect(fakePlatform().random()).toBe(0.5);
    expect(fakePlatform({ random: () => 0.25 }).random()).toBe(0.25);
  });

  it('keeps storage in memory, or in the storage it is given', () => {
    const platform = fakePlatform();
    platform.storage.set('_genesys.widgets.webchat.state.session', 'c1');
    expect(platform.storage.get('_genesys.widgets.webchat.state.session')).toBe('c1');
    expect(fakePlatform().storage.get('_genesys.widgets.webchat.state.session')).toBeNull();
    const shared = memoryStorage({ a: '1' });
    expect(fakePlatform({ storage: shared }).storage).toBe(shared);
  });

  it('records log lines with their level', () => {
    const platform = fakePlatform();
    platform.logger.warn('pollRate out of range', 50);
    platform.logger.debug('poll');
    expect(platform.log).toEqual([['warn', 'pollRate out of range', 50], ['debug', 'poll']]);
  });

  it('exposes pageActive$ and online$ for the test to drive', () => {
    const platform = fakePlatform();
    const seen: unknown[] = [];
    platform.pageActive$.subscribe((active) => seen.push(active));
    platform.online$.subscribe(() => seen.push('online'));
    platform.pageActive$.next(false);
    platform.online$.next(undefined);
    platform.pageActive$.next(true);
    expect(seen).toEqual([false, 'online', true]);
  });
});

describe('httpJson', () => {
  it.each`
    status | body                 | headers                     | statusText   | expected
    ${200} | ${{ statusCode: 0 }} | ${{}}                       | ${undefined} | ${{ status: 200, statusText: 'success', json: { statusCode: 0 }, headers: {} }}
    ${204} | ${undefined}         | ${{}}                       | ${undefined} | ${{ status: 204, statusText: 'success', json: undefined, headers: {} }}
    ${429} | ${undefined}         | ${{ 'Retry-After': '5' }}   | ${undefined} | ${{ status: 429, statusText: 'error', json: undefined, headers: { 'retry-after': '5' } }}
    ${500} | ${{ errors: [] }}    | ${{}}                       | ${undefined} | ${{ status: 500, statusText: 'error', json: { errors: [] }, headers: {} }}
    ${0}   | ${undefined}         | ${{}}                       | ${undefined} | ${{ status: 0, statusText: 'error', json: undefined, headers: {} }}
    ${0}   | ${undefined}         | ${{}}                       | ${'timeout'} | ${{ status: 0, statusText: 'timeout', json: undefined, headers: {} }}
  `('builds $status $statusText with lower-cased headers', ({ status, body, headers, statusText, expected }) => {
    expect(httpJson(status, body, headers, statusText)).toEqual(expected);
  });
});
