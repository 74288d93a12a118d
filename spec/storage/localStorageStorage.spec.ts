/**
 * @jest-environment jsdom
 */
import { localStorageStorage } from '../../lib/storage/localStorageStorage';

describe('localStorageStorage', () => {
  afterEach(() => {
    jest.restoreAllMocks();
    window.localStorage.clear();
  });

  it('reads, writes and removes the page’s localStorage', () => {
    const storage = localStorageStorage();
    storage.set('k', 'v');
    expect(window.localStorage.getItem('k')).toBe('v');
    expect(storage.get('k')).toBe('v');
    storage.remove('k');
    expect(storage.get('k')).toBeNull();
  });

  it('never throws: a full or blocked storage writes nothing and reads nothing', () => {
    const storage = localStorageStorage();
    jest.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    jest.spyOn(Storage.prototype, 'getItem').mockImplementation(() => {
      throw new DOMException('blocked', 'SecurityError');
    });
    jest.spyOn(Storage.prototype, 'removeItem').mockImplementation(() => {
      throw new DOMException('blocked', 'SecurityError');
    });
    expect(() => storage.set('k', 'v')).not.toThrow();
    expect(storage.get('k')).toBeNull();
    expect(() => storage.remove('k')).not.toThrow();
  });
});
