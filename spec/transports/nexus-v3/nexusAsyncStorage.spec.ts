import { firstValueFrom } from 'rxjs';
import { nexusAsyncStorage, storedToken } from '../../../lib/transports/nexus-v3/nexusAsyncStorage';
import { memoryStorage } from '../../../lib/storage/memoryStorage';
import { createSessionStore } from '../../../lib/storage/sessionStore';
import { token1 } from '../../fixtures/nexusTokens';

const logger = { debug() {}, info() {}, warn: jest.fn(), error() {} };

describe('storedToken', () => {
  it.each([
    ['an object with token', { token: 'a.b.c', messageIndex: 3 }, 'a.b.c'],
    ['its JSON text', JSON.stringify({ token: 'a.b.c' }), 'a.b.c'],
    ['a bare JWT', 'a.b.c', 'a.b.c'],
    ['nothing', undefined, undefined],
    ['null', null, undefined],
    ['an empty string', '', undefined],
    ['a JSON text without token', '{"x":1}', undefined],
    ['broken JSON', '{"token":', undefined],
    ['a non-JWT string', 'hello', undefined],
  ])('reads %s', (_, stored, expected) => {
    expect(storedToken(stored)).toBe(expected);
  });
});

describe('nexusAsyncStorage', () => {
  const store = createSessionStore(memoryStorage({ '_genesys.widgets.webchat.state.open': 'true' }), { cookieOptions: { path: '/' } });

  it('calls setSessionData(open, Cookie, CookieOptions) and emits the token', async () => {
    const setSessionData = jest.fn(() => JSON.stringify({ token: token1, messageIndex: 4 }));
    const storage = nexusAsyncStorage({ enabled: true, setSessionData }, store, logger);
    await expect(firstValueFrom(storage.read())).resolves.toBe(token1);
    expect(setSessionData).toHaveBeenCalledWith(true, store.cookie, { path: '/' });
  });

  it('accepts a Promise from setSessionData', async () => {
    const storage = nexusAsyncStorage({ setSessionData: () => Promise.resolve({ token: token1 }) as never }, store, logger);
    await expect(firstValueFrom(storage.read())).resolves.toBe(token1);
  });

  it('treats a throwing setSessionData as nothing stored and logs it', async () => {
    const storage = nexusAsyncStorage({ setSessionData: () => { throw new Error('db down'); } }, store, logger);
    await expect(firstValueFrom(storage.read())).resolves.toBeUndefined();
    expect(logger.warn).toHaveBeenCalled();
  });

  it('hands {messageIndex, token} to getSessionData with the Cookie helper, which the integrator can use as the reference page shows', () => {
    const getSessionData = jest.fn((data: unknown, cookie: { set(n: string, v: string, o?: unknown): void }, options: unknown) =>
      cookie.set('customer-defined-session-cookie', JSON.stringify(data), options as never));
    nexusAsyncStorage({ getSessionData }, store, logger).write({ messageIndex: 7, token: token1 });
    expect(store.cookie.get('customer-defined-session-cookie')).toBe(JSON.stringify({ messageIndex: 7, token: token1 }));
  });

  it('calls deleteSessionData({sessionData, response}, Cookie, CookieOptions) and survives it throwing', () => {
    const deleteSessionData = jest.fn(() => { throw new Error('x'); });
    expect(() => nexusAsyncStorage({ deleteSessionData }, store, logger).remove({ sessionData: { token: 't' }, response: { r: 1 } })).not.toThrow();
    expect(deleteSessionData).toHaveBeenCalledWith({ sessionData: { token: 't' }, response: { r: 1 } }, store.cookie, { path: '/' });
  });
});
