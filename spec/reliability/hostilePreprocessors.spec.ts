import { config as rxjsConfig, firstValueFrom } from 'rxjs';
import { createWebChatService } from '../../lib/createWebChatService';
import type { NormalizedMessage } from '../../lib/model/messages';
import { memoryStorage } from '../../lib/storage/memoryStorage';
import { fakeBatch, fakeMessage, fakeTransport } from '../../lib/testing/fakeTransport';
import { recordingLogger } from '../soak/serviceProbe';
import { isSaneMessage } from './hostileInputs';
import { pause } from '../helpers/eventually';

/**
 * `contract.md` §10 step 5: a preprocessor's returned object replaces the message, a falsy return
 * keeps the (possibly mutated) message, a throwing one is skipped. Whatever it does, the service
 * must not crash on the result nor publish something that is not a normalized message (issue 6:
 * "preprocessors that throw or return garbage … cannot make it publish garbage").
 */
describe('preprocessors that return or leave garbage', () => {
  const unhandled: unknown[] = [];
  beforeAll(() => {
    rxjsConfig.onUnhandledError = (error) => void unhandled.push(error);
  });
  beforeEach(() => void unhandled.splice(0));

  it.each([
    ['returns an object with only a type', () => ({ type: 'Message' })],
    ['returns a message whose from is null and text a number', (m: NormalizedMessage) => ({ ...m, from: null, text: 17 })],
    ['sets from to null in place and returns nothing', (m: NormalizedMessage) => void ((m as unknown as Record<string, unknown>).from = null)],
  ])('%s: the message is published in its normalized shape, nothing is thrown', async (_name, preprocessor) => {
    const transport = fakeTransport();
    const chat = createWebChatService({ dataURL: 'https://gms.example/genesys/2/chat/x' }, { transport: transport.factory, storage: memoryStorage(), logger: recordingLogger([]) });
    const published: NormalizedMessage[] = [];
    chat.messages$.subscribe((m) => published.push(m));
    try {
      await firstValueFrom(chat.startChat({ nickname: 'Ada' }));
      await firstValueFrom(chat.registerPreProcessor({ preprocessor: preprocessor as never }));
      transport.signals.next({ type: 'batch', batch: fakeBatch([fakeMessage(2, 'Message', 'Agent', 'hello')]) });
      await pause(10);
      expect({ published: published.length, sane: published.every(isSaneMessage), unhandled: unhandled.map(String) }).toEqual({ published: 1, sane: true, unhandled: [] });
    } finally {
      chat.destroy();
    }
  });
});
