import { configReader, resolveConfig, transportIdOf } from '../../lib/service/resolveConfig';
import { transportConfigs } from '../../lib/transports/transportConfigs';
import type { CommonConfig } from '../../lib/transports/transportDescriptor';
import { transportDescriptors } from '../../lib/transports/transportFactories';

describe('transportDescriptors (each back end as data)', () => {
  const entries = Object.entries(transportDescriptors);

  it.each(entries)('%s: the descriptor names its own id', (id, descriptor) => {
    expect(descriptor.type).toBe(id);
  });

  /** A page config a back end's `selects` takes, if it has one (GMS over CometD: `cometD.enabled`). */
  const selecting = [{}, { cometD: { enabled: true } }];

  it.each(entries)('%s: every transport.type it declares selects it, and no other back end', (id, descriptor) => {
    for (const type of descriptor.types) {
      const transport = type === '' ? {} : { type };
      const webchat = selecting.map((extra) => ({ ...extra, transport })).find((w) => descriptor.selects?.(w) ?? true);
      expect(transportIdOf(webchat)).toBe(id);
    }
  });

  it('GMS REST and GMS over CometD share the absent type: cometD.enabled tells them apart', () => {
    expect(transportIdOf({ dataURL: 'https://x' })).toBe('gms-v2');
    expect(transportIdOf({ cometD: { enabled: false } })).toBe('gms-v2');
    expect(transportIdOf({ cometD: { enabled: true } })).toBe('gms-v2-cometd');
    expect(transportIdOf({ cometD: { enabled: true }, transport: { type: 'pureengage-v3-rest' } })).toBe('nexus-v3');
  });

  it('a transport.type no descriptor declares selects nothing', () => {
    expect(transportIdOf({ transport: { type: 'cometd-v1' } })).toBeUndefined();
    expect(transportIdOf({ transport: { type: '__proto__' } })).toBeUndefined();
  });

  it('refuses a config missing a key the back end requires, with the contract text', () => {
    const transport = { dataURL: 'https://x' };
    const raw = { webchat: {}, transport, interactionData: {}, read: configReader({}, transport) };
    const missing = transportDescriptors['nexus-v3']!.resolveConfig(raw, {} as CommonConfig);
    expect(missing).toEqual({ rejection: expect.any(String) });
  });

  it('gets the common keys the service resolved first, and resolves only its own (ajaxTimeout, page size, typing timeout)', () => {
    const rules = jest.spyOn(transportConfigs['purecloud-v2']!, 'resolveConfig');
    const page = { pollRate: 5000, ajaxTimeout: 3000, transport: { type: 'purecloud-v2-sockets', dataURL: 'https://api/', deploymentKey: 'd', orgGuid: 'o', maxMessagePageSize: 500, interactionData: { routing: { targetAddress: 'Q' } } } };
    try {
      const resolution = resolveConfig(page);
      expect(rules).toHaveBeenCalledTimes(1);
      const common = rules.mock.calls[0][1];
      expect(common).toMatchObject({ pollRate: 5000, restoreTimeout: 60000, transport: { pagination: true } });
      expect(common).not.toHaveProperty('ajaxTimeout');
      expect(resolution).toMatchObject({ ok: true, config: { dataURL: 'https://api', ajaxTimeout: 12000, agentTypingTimeout: 3000, pollRate: 5000, transport: { maxMessagePageSize: 100 } } });
    } finally {
      rules.mockRestore();
    }
  });
});
