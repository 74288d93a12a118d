import { transportIdOf } from '../../lib/service/resolveConfig';
import { transportDescriptors } from '../../lib/transports/transportFactories';

describe('transportDescriptors (each back end as data)', () => {
  const entries = Object.entries(transportDescriptors);

  it.each(entries)('%s: the descriptor names its own id', (id, descriptor) => {
    expect(descriptor.type).toBe(id);
  });

  it.each(entries)('%s: every transport.type it declares selects it, and no other back end', (id, descriptor) => {
    for (const type of descriptor.types) {
      expect(transportIdOf({ transport: type === '' ? {} : { type } })).toBe(id);
    }
  });

  it('a transport.type no descriptor declares selects nothing', () => {
    expect(transportIdOf({ transport: { type: 'cometd-v1' } })).toBeUndefined();
    expect(transportIdOf({ transport: { type: '__proto__' } })).toBeUndefined();
  });

  it('refuses a config missing a key the back end requires, with the contract text', () => {
    const missing = transportDescriptors['nexus-v3']!.resolveConfig({ webchat: {}, transport: { dataURL: 'https://x' }, interactionData: {} });
    expect(missing).toEqual({ rejection: expect.any(String) });
  });
});
