import { automaticUserData } from '../../lib/service/startRequest';
import { widgetsName } from '../../lib/productVersion';

const chromeOnWindows = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36';

describe('automaticUserData (contract §6.2 step 3, issue 10 item 4)', () => {
  it('always gives the seven _genesys_* keys, with "" where a page opened directly has no referrer or title', () => {
    expect(automaticUserData({ url: 'https://shop.example.com/cart', referrer: '', title: '', userAgent: chromeOnWindows, source: 'web' })).toEqual({
      _genesys_source: 'web',
      _genesys_referrer: '',
      _genesys_url: 'https://shop.example.com/cart',
      _genesys_pageTitle: '',
      _genesys_browser: 'Chrome',
      _genesys_OS: 'Windows',
      _genesys_widgets: widgetsName,
    });
  });

  it('gives every key as "" (but _genesys_widgets) where there is no page at all', () => {
    expect(automaticUserData({})).toEqual({
      _genesys_source: '',
      _genesys_referrer: '',
      _genesys_url: '',
      _genesys_pageTitle: '',
      _genesys_browser: '',
      _genesys_OS: '',
      _genesys_widgets: widgetsName,
    });
  });

  it('carries the page values it has', () => {
    const page = { url: 'https://m.example.com/', referrer: 'https://search.example.com/?q=help', title: 'Help', userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile/15E148 Safari/604.1', source: 'mobile' as const };
    expect(automaticUserData(page)).toMatchObject({
      _genesys_source: 'mobile',
      _genesys_referrer: 'https://search.example.com/?q=help',
      _genesys_pageTitle: 'Help',
      _genesys_browser: 'Safari',
      _genesys_OS: 'iOS',
    });
  });

  it('names this product and its version in _genesys_widgets', () => {
    expect(automaticUserData({})._genesys_widgets).toMatch(/^webchat-rx \d+\.\d+\.\d+/);
  });
});
