import { createSessionFields } from '../../../lib/transports/nexus-v3/createSessionFields';
import { nexusConfig } from './nexusTestKit';

describe('createSessionFields', () => {
  it('maps the form, the transport keys and the userData as wire-nexus-v3 §6.1 shows', () => {
    const fields = createSessionFields(
      nexusConfig({ clientType: 'web' }),
      { firstname: 'Jane', lastname: 'Doe', email: 'jane@example.com', subject: 'Refund', orderId: 'A-1' },
      { _genesys_source: 'web', phone: '555-0100' },
    );
    expect(fields).toEqual([
      ['data[firstName]', 'Jane'],
      ['data[lastName]', 'Doe'],
      ['data[nickname]', 'Jane'],
      ['data[endpoint]', 'EP'],
      ['data[stream]', 'live'],
      ['data[clientType]', 'web'],
      ['data[email]', 'jane@example.com'],
      ['data[subject]', 'Refund'],
      ['data[orderId]', 'A-1'],
      ['data[userData][_genesys_source]', 'web'],
      ['data[userData][PhoneNumber]', '555-0100'],
    ]);
  });

  it('prefers the nickname over the first name', () => {
    expect(Object.fromEntries(createSessionFields(nexusConfig(), { nickname: 'JJ', firstname: 'Jane' }))['data[nickname]']).toBe('JJ');
  });

  it('sends only the transport keys when there is no form (async resume)', () => {
    expect(createSessionFields(nexusConfig())).toEqual([
      ['data[endpoint]', 'EP'],
      ['data[stream]', 'live'],
    ]);
  });

  it('never lets a form key override the configured endpoint', () => {
    const fields = createSessionFields(nexusConfig(), { endpoint: 'other', firstName: 'X' });
    expect(fields.filter(([k]) => k === 'data[endpoint]')).toEqual([['data[endpoint]', 'EP']]);
    expect(fields.filter(([k]) => k === 'data[firstName]')).toEqual([]);
  });
});
