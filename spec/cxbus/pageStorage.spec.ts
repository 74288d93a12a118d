/** @jest-environment jsdom */
import { pageStorage } from '../../lib/cxbus/pageStorage';

describe('pageStorage', () => {
  it.each([
    ['localhost', 'http:'],
    ['127.0.0.1', 'http:'],
    ['app.localhost', 'http:'],
    ['::1', 'http:'],
    ['', 'file:'],
  ])('uses localStorage on %p (%s), where cookies do not work', (hostname, protocol) => {
    const storage = pageStorage({ hostname, protocol }, localStorage);
    storage!.set('_genesys.widgets.webchat.state.session', 'c1');
    expect(localStorage.getItem('_genesys.widgets.webchat.state.session')).toBe('c1');
    localStorage.clear();
  });

  it('keeps the service default (cookies) on a real domain', () => {
    expect(pageStorage({ hostname: 'www.example.com', protocol: 'https:' }, localStorage)).toBeUndefined();
  });

  it('keeps the default when localStorage is unavailable', () => {
    expect(pageStorage({ hostname: 'localhost', protocol: 'http:' }, undefined)).toBeUndefined();
  });
});
