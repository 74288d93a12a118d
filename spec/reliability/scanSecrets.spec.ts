import { scanSecrets } from '../soak/scanSecrets';
import type { CommandRecord, ProbeRecord } from '../soak/serviceProbe';
import type { WebChatEvent } from '../../lib/model/events';
import { withoutSecureKey } from '../../lib/transports/gms-v2/withoutSecureKey';
import { withoutClientToken } from '../../lib/transports/nexus-v3/withoutClientToken';
import { withoutGuestToken } from '../../lib/transports/purecloud-v2/withoutGuestToken';

const secret = 'K1-0123456789abcdef';
const sessionData = { secureKey: secret, sessionID: 'C1', sessionId: 'C1', alias: '117', userId: 'U1' };
const record = (events: WebChatEvent[], logs: string[] = []): ProbeRecord => ({ instance: 0, events, messages: [], logs });
const rejected = (rejection: unknown): CommandRecord => ({ instance: 0, name: 'sendMessage', settled: true, ok: false, rejection });

describe('scanSecrets: the soak finds a secret wherever it must not be', () => {
  it('lets the events the contract gives the session data carry it: started, sessionLost, messageReceived.sessionData', () => {
    const events = [
      { event: 'started', data: { ...sessionData, statusCode: 0 } },
      { event: 'sessionLost', data: { sessionData, response: {} } },
      { event: 'messageReceived', data: { messages: [], originalMessages: [], restoring: false, oldMessages: false, sessionData } },
    ] as WebChatEvent[];
    expect(scanSecrets([secret], [record(events)], [])).toEqual([]);
  });

  it.each([
    ['an ajaxResponse body', record([{ event: 'ajaxResponse', data: { statusCode: 0, secureKey: secret } } as WebChatEvent])],
    ['an error event', record([{ event: 'error', data: { responseText: `{"secureKey":"${secret}"` } } as WebChatEvent])],
    ['a message of messageReceived (outside sessionData)', record([{ event: 'messageReceived', data: { messages: [{ text: secret }], originalMessages: [], restoring: false, oldMessages: false, sessionData } } as unknown as WebChatEvent])],
    ['a log line', record([], [`warn request failed: https://gms/chat?secureKey=${secret}`])],
  ])('finds it in %s', (_where, probe) => {
    expect(scanSecrets([secret], [probe], [])).toHaveLength(1);
  });

  it('finds it in a rejection, and reports only the first characters of it', () => {
    const findings = scanSecrets([secret], [], [rejected({ statusCode: 2, secureKey: secret })]);
    expect(findings).toEqual([{ where: 'rejection of sendMessage', secret: 'K1-012…' }]);
  });
});

describe('withoutSecureKey: GMS failures and ajaxResponse bodies lose the secret', () => {
  it.each([
    ['an envelope', { statusCode: 2, secureKey: secret, errors: [{ code: 204 }] }, { statusCode: 2, errors: [{ code: 204 }] }],
    ['responseJSON', { status: 400, responseJSON: { statusCode: 2, secureKey: secret } }, { status: 400, responseJSON: { statusCode: 2 } }],
    ['a cut-off responseText', { status: 200, responseText: `{"chatId":"C1","secureKey":"${secret.slice(0, 7)}` }, { status: 200, responseText: '{"chatId":"C1","secureKey":"[redacted]' }],
    ['nothing to remove (same object back)', { status: 0, statusText: 'timeout' }, { status: 0, statusText: 'timeout' }],
  ])('%s', (_name, failure, expected) => {
    expect(withoutSecureKey(failure)).toEqual(expected);
  });
});

describe('ajaxResponse bodies of the nextgen transports lose the session secret', () => {
  it('Nexus: data.clientToken goes, the rest stays', () => {
    expect(withoutClientToken({ status: { code: 0 }, data: { clientToken: 'eyJ.x.y', entity: { id: 'S1' } } })).toEqual({ status: { code: 0 }, data: { entity: { id: 'S1' } } });
    const plain = { status: { code: 0 }, data: { messages: [] } };
    expect(withoutClientToken(plain)).toBe(plain);
  });

  it('Cloud: jwt and the eventStreamUri that carries it go, the rest stays', () => {
    expect(withoutGuestToken({ id: 'C1', jwt: 'eyJ.x.y', eventStreamUri: 'wss://h/v1/token/eyJ.x.y', member: { id: 'M1' } })).toEqual({ id: 'C1', member: { id: 'M1' } });
    const page = { entities: [], pageSize: 25 };
    expect(withoutGuestToken(page)).toBe(page);
  });
});
