import { map } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { tabLeadership } from '../../lib/surface/tabLeadership';
import { fakeTabs } from '../../lib/testing/fakeTabs';

describe('tabLeadership (Web Locks election, fake lock in virtual time)', () => {
  const scheduler = () => new TestScheduler((a, b) => expect(a).toEqual(b));

  it('leads one tab at a time: the next one leads only after the holder let go', () => {
    scheduler().run(({ expectObservable }) => {
      const browser = fakeTabs();
      const [first, second, third] = [browser.tab(), browser.tab(), browser.tab()];
      const unsub1 = '   ---------!';
      const unsub2 = '   -------------------!';
      expectObservable(tabLeadership(first, 'chat').pipe(map(() => 'L')), unsub1).toBe('L---------');
      expectObservable(tabLeadership(second, 'chat').pipe(map(() => 'L')), unsub2).toBe('---------L----------');
      expectObservable(tabLeadership(third, 'chat').pipe(map(() => 'L'))).toBe('-------------------L');
    });
  });

  it('a tab closed while waiting withdraws its request; a closed leader lets the next lead', () => {
    scheduler().run(({ expectObservable, cold }) => {
      const browser = fakeTabs();
      const [first, second, third] = [browser.tab(), browser.tab(), browser.tab()];
      expectObservable(tabLeadership(first, 'chat').pipe(map(() => 'L'))).toBe('L');
      expectObservable(tabLeadership(second, 'chat').pipe(map(() => 'L'))).toBe('');
      expectObservable(tabLeadership(third, 'chat').pipe(map(() => 'L'))).toBe('------L');
      expectObservable(cold('--a---b').pipe(map((tab) => (tab === 'a' ? second : first).close()))).toBe('--u---u', { u: undefined });
    });
  });

  it('different chats do not share a lead', () => {
    scheduler().run(({ expectObservable }) => {
      const browser = fakeTabs();
      expectObservable(tabLeadership(browser.tab(), 'chat A').pipe(map(() => 'L'))).toBe('L');
      expectObservable(tabLeadership(browser.tab(), 'chat B').pipe(map(() => 'L'))).toBe('L');
    });
  });
});
