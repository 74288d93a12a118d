/** @jest-environment jsdom */
import { TestScheduler } from 'rxjs/testing';
import { createWebChatService } from '../../lib/createWebChatService';
import { fakeTransport } from '../../lib/testing/fakeTransport';
import { memoryStorage } from '../../lib/storage/memoryStorage';
import { cookieStorage } from '../../lib/storage/cookieStorage';
import { createSessionStore } from '../../lib/storage/sessionStore';

describe('registerTypingPreviewInput (contract §6.19) in a DOM', () => {
  it('turns the input events into sendTyping and carries the text as the preview while typing', () => {
    const scheduler = new TestScheduler((a, b) => expect(a).toEqual(b));
    const transport = fakeTransport();
    const events: string[] = [];
    const previews: string[] = [];
    const input = document.createElement('textarea');
    input.value = 'left over';
    scheduler.run(() => {
      const chat = createWebChatService({ dataURL: 'https://gms.example/x' }, { transport: transport.factory, storage: memoryStorage(), scheduler });
      chat.events$.subscribe((e) => events.push(`${scheduler.now()} ${e.event}`));
      const type = (at: number, text: string) =>
        scheduler.schedule(() => {
          input.value = text;
          input.dispatchEvent(new Event('input'));
        }, at);
      scheduler.schedule(() => chat.startChat({ nickname: 'Ada' }).subscribe(), 0);
      scheduler.schedule(() => chat.registerTypingPreviewInput({ input: [input] }).subscribe(), 1);
      type(10, 'I n');
      type(500, 'I need');
      type(3000, 'X');
      type(3100, '');
      scheduler.schedule(() => {
        previews.push(...transport.previews);
        chat.destroy();
      }, 6000);
    });
    expect(events.filter((e) => e.includes('clientTyping'))).toEqual([
      '10 clientTypingStarted',
      '2500 clientTypingStopped',
      '3000 clientTypingStarted',
      '5100 clientTypingStopped',
    ]);
    expect(transport.calls.filter((c) => c.method === 'typing').map((c) => c.args)).toEqual([
      [true, 'I n'],
      [false, 'I need'],
      [true, 'X'],
      [false, ''],
    ]);
    // The input's text is a preview only while the customer types and the input has text: not what
    // it held before typing, and nothing once typing stops or the input is emptied.
    expect(previews).toEqual(['I n', 'I need', '', 'X', '', '']);
  });

  it('rejects anything that is not a text input or textarea', async () => {
    const chat = createWebChatService({ dataURL: 'https://gms.example/x' }, { transport: fakeTransport().factory, storage: memoryStorage() });
    const checkbox = Object.assign(document.createElement('input'), { type: 'checkbox' });
    await expect(new Promise((resolve, reject) => chat.registerTypingPreviewInput({ input: checkbox }).subscribe({ next: resolve, error: reject }))).rejects.toBe(
      "Invalid value provided for the 'input' property. An HTML element reference to a textarea or text input is required.",
    );
    chat.destroy();
  });
});

describe('cookie persistence (contract §14.1)', () => {
  it('writes the prefixed session cookies with path=/ and reads them back', () => {
    const written: string[] = [];
    const jar = new Map<string, string>();
    const doc = {
      location: { hostname: 'shop.example.com' },
      get cookie() {
        return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
      },
      set cookie(line: string) {
        written.push(line);
        const [pair] = line.split(';');
        const [k, v] = pair.split('=');
        if (/expires=Thu, 01 Jan 1970/.test(line)) jar.delete(k);
        else jar.set(k, v);
      },
    } as unknown as Document;
    const store = createSessionStore(cookieStorage({ secure: true }, doc), { deploymentID: 'dep' });
    store.set('session', 'C1');
    expect(written[0]).toBe('dep._genesys.widgets.webchat.state.session=C1; path=/; sameSite=strict; domain=.shop.example.com; secure');
    expect(store.get('session')).toBe('C1');
    store.remove('session');
    expect(store.get('session')).toBeNull();
  });
});
