import { cloudRequests } from '../../../lib/transports/purecloud-v2/cloudRequests';

describe('cloudRequests (wire §2)', () => {
  const requests = cloudRequests('https://api.example.com/', 12000);
  const c = { jwt: 'J', conversationId: 'CV', memberId: 'ME' };
  const root = 'https://api.example.com/api/v2/webchat/guest/conversations';
  const auth = { Authorization: 'Bearer J' };

  it('builds every request with JSON bodies, Bearer on all but the create, and the timeout', () => {
    expect(requests.createConversation({ organizationId: 'O', deploymentId: 'D', routingTarget: { targetType: 'QUEUE', targetAddress: 'S' }, memberInfo: { displayName: 'A' } })).toEqual({
      method: 'POST',
      url: root,
      body: { kind: 'json', value: { organizationId: 'O', deploymentId: 'D', routingTarget: { targetType: 'QUEUE', targetAddress: 'S' }, memberInfo: { displayName: 'A' } } },
      timeout: 12000,
    });
    expect(requests.sendMessage(c, 'Hello')).toEqual({ method: 'POST', url: `${root}/CV/members/ME/messages`, headers: auth, body: { kind: 'json', value: { body: 'Hello' } }, timeout: 12000 });
    expect(requests.typing(c)).toEqual({ method: 'POST', url: `${root}/CV/members/ME/typing`, headers: auth, timeout: 12000 });
    expect(requests.getMember(c, 'AG')).toMatchObject({ method: 'GET', url: `${root}/CV/members/AG`, headers: auth });
    expect(requests.listMembers(c)).toMatchObject({ method: 'GET', url: `${root}/CV/members`, headers: auth });
    expect(requests.deleteMember(c)).toMatchObject({ method: 'DELETE', url: `${root}/CV/members/ME`, headers: auth });
  });

  it('lists messages with the query of §2.5, and follows host-relative next links', () => {
    expect(requests.listMessages(c, { before: 'm 9', sortOrder: 'descending', maxResults: 3 }).url).toBe(`${root}/CV/messages?before=m%209&sortOrder=descending&maxResults=3`);
    expect(requests.listMessages(c, {}).url).toBe(`${root}/CV/messages`);
    expect(requests.follow(c, '/api/v2/webchat/guest/conversations/CV/messages?after=m3').url).toBe(`${root}/CV/messages?after=m3`);
    expect(requests.follow(c, 'https://elsewhere.example.com/x').url).toBe('https://elsewhere.example.com/x');
  });
});
