import { Subject, firstValueFrom, throwError } from 'rxjs';
import type { Observable } from 'rxjs';
import { preloadTransport } from '../../lib/cxbus/preloadTransport';
import type { TransportId } from '../../lib/model/config';
import type { TransportFactory } from '../../lib/transports/transport';

const factory = (() => {
  throw new Error('not called here');
}) as unknown as TransportFactory;
const cloud = { transport: { type: 'purecloud-v2-sockets', dataURL: 'https://api.example.com', deploymentKey: 'k', orgGuid: 'o' } };

/** A module loader whose loads stay open until `answer(id)`; records each load it starts. */
function pendingLoader() {
  const started: TransportId[] = [];
  const pending = new Map<TransportId, Subject<TransportFactory>>();
  const load = (id: TransportId): Observable<TransportFactory> => {
    started.push(id);
    const subject = new Subject<TransportFactory>();
    pending.set(id, subject);
    return subject;
  };
  const answer = (id: TransportId) => {
    pending.get(id)!.next(factory);
    pending.get(id)!.complete();
  };
  return { load, started, answer };
}

describe('preloadTransport', () => {
  it("starts loading the back end of the page's config at once, before configure asks for it", () => {
    const { load, started } = pendingLoader();
    preloadTransport(load, cloud);
    expect(started).toEqual(['purecloud-v2']);
  });

  it('answers the later request (at configure) with the same load, even one that finished before it', async () => {
    const { load, started, answer } = pendingLoader();
    const loadTransport = preloadTransport(load, { dataURL: 'https://gms.example.com/genesys/2/chat/x' });
    answer('gms-v2');
    await expect(firstValueFrom(loadTransport('gms-v2'))).resolves.toBe(factory);
    expect(started).toEqual(['gms-v2']);
  });

  it('loads nothing early without a config object, and loads on request as before', async () => {
    for (const webchat of [undefined, null, 'gms']) {
      const { load, started, answer } = pendingLoader();
      const loadTransport = preloadTransport(load, webchat);
      expect(started).toEqual([]);
      const requested = firstValueFrom(loadTransport('nexus-v3'));
      answer('nexus-v3');
      await expect(requested).resolves.toBe(factory);
      expect(started).toEqual(['nexus-v3']);
    }
  });

  it('loads another back end when configure names one other than the early config', () => {
    const { load, started } = pendingLoader();
    const loadTransport = preloadTransport(load, cloud);
    loadTransport('nexus-v3').subscribe({ error: () => undefined });
    expect(started).toEqual(['purecloud-v2', 'nexus-v3']);
  });

  it('replays a failed early load to configure, which rejects every command with it', async () => {
    const loadTransport = preloadTransport(() => throwError(() => 'Could not load transport module x'), cloud);
    await expect(firstValueFrom(loadTransport('purecloud-v2'))).rejects.toBe('Could not load transport module x');
  });

  it('loads nothing early for a config that throws when read', () => {
    const { load, started } = pendingLoader();
    const hostile = Object.defineProperty({}, 'transport', {
      get() {
        throw new Error('no');
      },
    });
    preloadTransport(load, hostile);
    expect(started).toEqual([]);
  });
});
