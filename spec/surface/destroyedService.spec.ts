import { createWebChatService } from '../../lib/createWebChatService';
import { fakeTransport } from '../../lib/testing/fakeTransport';
import { memoryStorage } from '../../lib/storage/memoryStorage';

const service = () => createWebChatService({ dataURL: 'https://gms.example/genesys/2/chat/x' }, { transport: fakeTransport({}).factory, storage: memoryStorage() });

describe('a destroyed service', () => {
  it('rejects a command sent after destroy() at once, instead of leaving the caller waiting forever (§15.1)', () => {
    const chat = service();
    chat.destroy();
    let settled: unknown = 'still waiting';
    chat.getTranscript().subscribe({ next: (value) => (settled = value), error: (rejection: unknown) => (settled = rejection) });
    expect(settled).toBe('WebChatService was destroyed');
  });
});
