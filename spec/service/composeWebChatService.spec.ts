import { firstValueFrom } from 'rxjs';
import { composeWebChatService } from '../../lib/composeWebChatService';
import { Rejections, transportNotComposed } from '../../lib/model/rejections';
import { fakeTransport } from '../../lib/testing/fakeTransport';
import { memoryStorage } from '../../lib/storage/memoryStorage';

const gms = { dataURL: 'https://gms.example.com/genesys/2/chat/customer-support' };
const nexus = { transport: { type: 'pureengage-v3-rest', dataURL: 'https://nexus.example.com', endpoint: 'Support' } };
const quiet = { storage: memoryStorage(), logger: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined } };

describe('composeWebChatService', () => {
  it('builds the service on the factory of the back end the config selects', async () => {
    const gmsFactory = jest.fn(fakeTransport().factory);
    const nexusFactory = jest.fn(fakeTransport().factory);
    const create = composeWebChatService({ 'gms-v2': gmsFactory, 'nexus-v3': nexusFactory });
    const chat = create(nexus, quiet);
    await firstValueFrom(chat.on('ready'));
    expect(nexusFactory).toHaveBeenCalledTimes(1);
    expect(nexusFactory.mock.calls[0][0].config.transportId).toBe('nexus-v3');
    expect(gmsFactory).not.toHaveBeenCalled();
    chat.destroy();
  });

  it('refuses a config whose back end it was not given, naming the entry to import', async () => {
    const chat = composeWebChatService({ 'nexus-v3': fakeTransport().factory })(gms, quiet);
    await expect(firstValueFrom(chat.startChat({ nickname: 'Ada' }))).rejects.toBe(transportNotComposed('gms-v2'));
    expect(transportNotComposed('gms-v2')).toContain("'webchat-rx/transports/gms-v2'");
    chat.destroy();
  });

  it('still refuses a malformed config with the contract text, whatever it was given', async () => {
    const chat = composeWebChatService({})({ transport: { type: 'carrier-pigeon' } }, quiet);
    await expect(firstValueFrom(chat.startChat({ nickname: 'Ada' }))).rejects.toBe(Rejections.config);
  });
});
