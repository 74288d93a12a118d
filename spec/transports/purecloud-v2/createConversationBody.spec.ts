import { createConversationBody } from '../../../lib/transports/purecloud-v2/createConversationBody';
import { cloudResolved } from './cloudTestKit';

describe('createConversationBody (wire §2.1, §3)', () => {
  const config = cloudResolved({ interactionData: { routing: { targetType: 'QUEUE', targetAddress: 'Support', priority: 2 } } });

  it('maps ids, routing, the display name and every custom field as a string', () => {
    const body = createConversationBody(
      {
        form: { firstname: 'Jane', lastname: 'Doe', email: 'jane@example.com', subject: 'Refund', nickname: '' },
        userData: { phone: '555-0100', customerId: 59606, vip: true, address: { city: 'Lindgrenmouth' }, _genesys_url: 'https://shop.example.com/cart', missing: undefined },
        interactionData: { routing: { skills: ['Billing'], language: 'English - Written' }, userData: { campaign: 'spring' } },
      },
      config,
    );
    expect(body).toEqual({
      organizationId: 'ORG',
      deploymentId: 'DEP',
      routingTarget: { targetType: 'QUEUE', targetAddress: 'Support', skills: ['Billing'], language: 'English - Written', priority: 2 },
      memberInfo: {
        displayName: 'Jane Doe',
        role: 'CUSTOMER',
        customFields: {
          phoneNumber: '555-0100',
          customerId: '59606',
          vip: 'true',
          address: '{"city":"Lindgrenmouth"}',
          _genesys_url: 'https://shop.example.com/cart',
          campaign: 'spring',
          firstName: 'Jane',
          lastName: 'Doe',
          email: 'jane@example.com',
          subject: 'Refund',
          nickname: '',
        },
      },
    });
  });

  it('puts the form nickname into customFields too, as the shipped client does (issue 10 item 4)', () => {
    const body = createConversationBody({ form: { nickname: 'JD', firstname: 'Jane' }, userData: { nickname: 'from userData' }, interactionData: {} }, config);
    expect(body.memberInfo).toMatchObject({ displayName: 'JD', customFields: { nickname: 'JD', firstName: 'Jane' } });
    expect(createConversationBody({ form: { firstname: 'Jane' }, userData: {}, interactionData: {} }, config).memberInfo.customFields).not.toHaveProperty('nickname');
  });

  it.each([
    [{ nickname: 'JD', firstname: 'Jane', lastname: 'Doe' }, 'JD'],
    [{ firstname: 'Jane', lastname: 'Doe' }, 'Jane Doe'],
    [{ firstname: 'Jane' }, 'Jane'],
    [{ lastname: 'Doe' }, 'Doe'],
    [{}, 'Customer'],
  ])('display name of %j is %s', (form, name) => {
    expect(createConversationBody({ form, userData: {}, interactionData: {} }, config).memberInfo.displayName).toBe(name);
  });

  it('startChat overrides deploymentKey and organizationId; orgGuid falls back to organizationId', () => {
    const fromOrganizationId = cloudResolved({ orgGuid: undefined, organizationId: 'ORG2' });
    expect(createConversationBody({ form: {}, userData: {}, interactionData: {} }, fromOrganizationId).organizationId).toBe('ORG2');
    const body = createConversationBody({ form: {}, userData: {}, interactionData: {}, deploymentKey: 'D9', organizationId: 'O9' }, config);
    expect(body).toMatchObject({ deploymentId: 'D9', organizationId: 'O9' });
  });

  it('builds journeyContext from interactionData.journey', () => {
    const body = createConversationBody(
      {
        form: {},
        userData: {},
        interactionData: { journey: { customerId: 'c1', customerIdType: 'cookie', sessionId: 's1', sessionType: 'web', actionId: 'a1', actionMapId: 'am1', actionMapVersion: 3 } },
      },
      config,
    );
    expect(body.journeyContext).toEqual({
      customer: { id: 'c1', idType: 'cookie' },
      customerSession: { id: 's1', type: 'web' },
      triggeringAction: { id: 'a1', actionMap: { id: 'am1', version: 3 } },
    });
    expect(createConversationBody({ form: {}, userData: {}, interactionData: {} }, config).journeyContext).toBeUndefined();
  });
});
