import { firstValueFrom, isObservable, throwError, timer, map } from 'rxjs';
import type { Observable } from 'rxjs';
import type { TransportFactories } from '../../lib/composeWebChatService';
import { serviceOnDemand } from '../../lib/cxbus/serviceOnDemand';
import type { TransportId, WebChatConfig } from '../../lib/model/config';
import type { WebChatService } from '../../lib/service/WebChatService';
import type { TransportFactory } from '../../lib/transports/transport';

const factory = (() => {
  throw new Error('not called here');
}) as unknown as TransportFactory;
const nexus: WebChatConfig = { transport: { type: 'pureengage-v3-rest', dataURL: 'https://nexus.example.com', endpoint: 'Support' } };

/** A `create` that records the configs it built a service for; the service is a marker object. */
function recordingCreate() {
  const created: WebChatConfig[] = [];
  const create = (webchat: WebChatConfig) => {
    created.push(webchat);
    return { marker: 'created' } as unknown as WebChatService;
  };
  return { create, created };
}

describe('serviceOnDemand', () => {
  it('creates the service at once when the back end is already known (the all-in-one bundle)', () => {
    const { create, created } = recordingCreate();
    const loads: TransportId[] = [];
    const service = serviceOnDemand({ transports: { 'nexus-v3': factory }, create, loadTransport: (id) => (loads.push(id), throwError(() => 'unused')) })(nexus, {});
    expect(isObservable(service)).toBe(false);
    expect(created).toEqual([nexus]);
    expect(loads).toEqual([]);
  });

  it('creates the service at once for a config no back end answers to: the service refuses it as always', () => {
    const { create, created } = recordingCreate();
    const loads: TransportId[] = [];
    const bad = { transport: { type: 'carrier-pigeon' } } as unknown as WebChatConfig;
    serviceOnDemand({ transports: {}, create, loadTransport: (id) => (loads.push(id), throwError(() => 'unused')) })(bad, {});
    expect(created).toEqual([bad]);
    expect(loads).toEqual([]);
  });

  it('loads the missing back end first, then creates the service with it known', async () => {
    const { create, created } = recordingCreate();
    const transports: TransportFactories = {};
    const loadTransport = (id: TransportId) => timer(1).pipe(map(() => (transports[id] = factory)));
    const service = serviceOnDemand({ transports, create, loadTransport })(nexus, {});
    expect(isObservable(service)).toBe(true);
    expect(created).toEqual([]);
    expect(await firstValueFrom(service as Observable<WebChatService>)).toEqual({ marker: 'created' });
    expect(created).toEqual([nexus]);
  });

  it('gives a service whose every command rejects with the reason when the module cannot load', async () => {
    const { create, created } = recordingCreate();
    const service = await firstValueFrom(serviceOnDemand({ transports: {}, create, loadTransport: () => throwError(() => 'Could not load transport module x') })(nexus, {}) as Observable<WebChatService>);
    expect(created).toEqual([]);
    await expect(firstValueFrom(service.startChat({ nickname: 'Ada' }))).rejects.toBe('Could not load transport module x');
    await expect(firstValueFrom(service.command('getTranscript'))).rejects.toBe('Could not load transport module x');
  });
});
