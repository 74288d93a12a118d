import { firstValueFrom } from 'rxjs';
import { createWebChatService } from '../../lib/createWebChatService';
import type { WebChatConfig } from '../../lib/model/config';
import type { PageInfo } from '../../lib/platform/platform';
import { widgetsName } from '../../lib/productVersion';
import type { WebChatService } from '../../lib/service/WebChatService';
import { startPlayground } from '../../playground/server/index';
import type { ChatSession } from '../../playground/server/sessionStore';
import type { Playground } from '../../playground/server/index';
import { nodeServiceOptions } from '../helpers/nodeServiceOptions';
import { playgroundConfig, quickTimings } from '../helpers/playgroundConfig';

/** A page opened directly (no referrer) with no title, in Firefox on Linux. */
const page: PageInfo = {
  url: 'https://shop.example.com/cart?item=7',
  referrer: '',
  title: '',
  userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0',
  source: 'web',
};

const expectedKeys = {
  _genesys_source: 'web',
  _genesys_referrer: '',
  _genesys_url: 'https://shop.example.com/cart?item=7',
  _genesys_pageTitle: '',
  _genesys_browser: 'Firefox',
  _genesys_OS: 'Linux',
  _genesys_widgets: widgetsName,
};

describe('attached page data over the playground: the seven _genesys_* keys on every transport (issue 10 item 4)', () => {
  let playground: Playground;
  let chat: WebChatService | undefined;

  beforeAll(async () => {
    playground = await startPlayground({ agent: 'manual' });
  });
  afterAll(() => playground.close());
  afterEach(() => {
    chat?.destroy();
    chat = undefined;
  });

  /** Starts a chat with `config` and returns the session the server stored for it. */
  const startStored = async (config: WebChatConfig): Promise<ChatSession> => {
    const before = new Set(playground.store.list().map((session) => session.id));
    chat = createWebChatService(config, nodeServiceOptions({ page }));
    await firstValueFrom(chat.startChat({ nickname: 'Ada', userData: { orderId: 'A-1' } }));
    const created = playground.store.list().filter((session) => !before.has(session.id));
    expect(created).toHaveLength(1);
    return created[0];
  };

  it('GMS v2 stores all seven as userData[k], empty ones as ""', async () => {
    const session = await startStored(playgroundConfig('gms-v2', playground.url, { pollRateMin: 250, pollRateMax: 300 }));
    expect(session.userData).toEqual({ GCTI_LanguageCode: 'en', orderId: 'A-1', ...expectedKeys });
  });

  it('Nexus v3 stores all seven as data[userData][k], empty ones as ""', async () => {
    const session = await startStored(playgroundConfig('nexus-v3', playground.url, quickTimings['nexus-v3']));
    expect(session.userData).toEqual({ orderId: 'A-1', ...expectedKeys });
  });

  it('Cloud stores all seven in customFields, empty ones as "", and the nickname too', async () => {
    const session = await startStored(playgroundConfig('purecloud-v2', playground.url, quickTimings['purecloud-v2']));
    expect(session.customFields).toEqual({ orderId: 'A-1', nickname: 'Ada', ...expectedKeys });
  });
});
