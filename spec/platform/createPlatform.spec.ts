/**
 * @jest-environment jsdom
 */
import { createPlatform } from '../../lib/platform/createPlatform';
import { memoryStorage } from '../../lib/storage/memoryStorage';

describe('createPlatform in a browser (jsdom)', () => {
  afterEach(() => {
    jest.restoreAllMocks();
    window.localStorage.clear();
  });

  it('crossTabStorage is the page’s localStorage, shared with every tab of the origin', () => {
    const platform = createPlatform();
    platform.crossTabStorage!.set('_genesys.widgets.chatPollPending', '42');
    expect(window.localStorage.getItem('_genesys.widgets.chatPollPending')).toBe('42');
    window.localStorage.setItem('_genesys.widgets.chatPollPending', '43');
    expect(platform.crossTabStorage!.get('_genesys.widgets.chatPollPending')).toBe('43');
    platform.crossTabStorage!.remove('_genesys.widgets.chatPollPending');
    expect(window.localStorage.getItem('_genesys.widgets.chatPollPending')).toBeNull();
  });

  it('a full localStorage does not throw out of crossTabStorage', () => {
    const platform = createPlatform();
    jest.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    expect(() => platform.crossTabStorage!.set('k', 'v')).not.toThrow();
    expect(platform.crossTabStorage!.get('k')).toBeNull();
  });

  it('a blocked localStorage (reading it throws) leaves crossTabStorage out, so `storage` is used', () => {
    jest.spyOn(window, 'localStorage', 'get').mockImplementation(() => {
      throw new DOMException('blocked', 'SecurityError');
    });
    expect(createPlatform().crossTabStorage).toBeUndefined();
  });

  it('an explicit crossTabStorage wins', () => {
    const own = memoryStorage();
    expect(createPlatform({ crossTabStorage: own }).crossTabStorage).toBe(own);
  });
});
