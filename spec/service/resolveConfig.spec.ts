import { resolveConfig, transportIdOf } from '../../lib/service/resolveConfig';
import { Rejections } from '../../lib/model/rejections';

const gms = { dataURL: 'https://h/genesys/2/chat/cs/' };

describe('resolveConfig (contract §2)', () => {
  it('applies the GMS defaults and strips the trailing slash', () => {
    const r = resolveConfig(gms);
    expect(r.ok && r.config).toMatchObject({
      transportId: 'gms-v2', dataURL: 'https://h/genesys/2/chat/cs', enableUrlTrailingSlash: true, ajaxTimeout: 3000,
      pollExceptionLimit: 5, restoreTimeout: 60000, pollRateMin: 500, pollRateMax: 3000, pollRateMult: 1.2, agentTypingTimeout: 0, backoffMax: 30000,
    });
  });
  it('refuses a duration no timer can wait for (over 2^31−1 ms)', () => {
    const r = resolveConfig({ ...gms, ajaxTimeout: 2 ** 31, restoreTimeout: 2 ** 31 - 1 });
    expect(r.ok && [r.config.ajaxTimeout, r.config.restoreTimeout]).toEqual([3000, 2 ** 31 - 1]);
  });
  it('replaces invalid values by the default and warns', () => {
    const warn = jest.fn();
    const r = resolveConfig({ ...gms, pollRateMin: 10, pollExceptionLimit: 'x' }, {}, { debug() {}, info() {}, warn, error() {} });
    expect(r.ok && [r.config.pollRateMin, r.config.pollExceptionLimit]).toEqual([500, 5]);
    expect(warn).toHaveBeenCalledTimes(2);
  });
  it.each([
    ['no dataURL', {}, Rejections.config],
    ['unknown transport type', { transport: { type: 'carrier-pigeon' } }, Rejections.config],
    ['GMS async without CometD', { ...gms, async: { enabled: true } }, Rejections.configAsync],
    ['CometD without cometURL (dataURL is ignored there)', { ...gms, cometD: { enabled: true } }, Rejections.config],
    ['v3 without endpoint', { transport: { type: 'pureengage-v3-rest', dataURL: 'https://h/nexus/v3/chat/sessions' } }, Rejections.config],
    ['cloud without a queue', { transport: { type: 'purecloud-v2-sockets', dataURL: 'https://api', deploymentKey: 'd', orgGuid: 'o' } }, Rejections.config],
    ['not an object', 'x', Rejections.config],
  ])('rejects %s', (_name, config, text) => {
    expect(resolveConfig(config)).toEqual({ ok: false, rejection: text });
  });
  it('resolves a CometD config: cometURL required, async honoured only there, its page size', () => {
    const cometd = resolveConfig({ cometD: { enabled: true, cometURL: 'https://h/genesys/cometd/' }, async: { enabled: true, maxMessagePageSize: 5 } });
    expect(cometd.ok && [cometd.config.transportId, cometd.config.dataURL, cometd.config.asyncMode, cometd.config.transport.maxMessagePageSize, cometd.config.ajaxTimeout]).toEqual(['gms-v2-cometd', 'https://h/genesys/cometd', true, 5, 3000]);
  });
  it('floors the cloud request timeout at 12 s and defaults typing timeouts per transport', () => {
    const cloud = resolveConfig({ ajaxTimeout: 3000, transport: { type: 'purecloud-v2-sockets', dataURL: 'https://api', deploymentKey: 'd', orgGuid: 'o', interactionData: { routing: { targetAddress: 'Q' } } } });
    expect(cloud.ok && [cloud.config.ajaxTimeout, cloud.config.agentTypingTimeout, cloud.config.transport.maxMessagePageSize]).toEqual([12000, 3000, 100]);
    const v3 = resolveConfig({ transport: { type: 'pureengage-v3-rest', dataURL: 'https://h/s', endpoint: 'e', async: { enabled: true, getSessionData: () => undefined } } });
    // async mode needs both callbacks (§2.5): silently off otherwise.
    expect(v3.ok && [v3.config.ajaxTimeout, v3.config.asyncMode]).toEqual([9000, false]);
  });
});

describe('transportIdOf (the back end a legacy page loads before the service exists)', () => {
  it.each([
    [{ dataURL: 'https://h/x' }, 'gms-v2'],
    [{ transport: { type: '' } }, 'gms-v2'],
    [{ transport: { type: 'pureengage-v3-rest' } }, 'nexus-v3'],
    [{ transport: { type: 'purecloud-v2-sockets' } }, 'purecloud-v2'],
    [{ transport: { type: 'carrier-pigeon' } }, undefined],
    [{ transport: { type: 'toString' } }, undefined],
    [{ transport: { type: null } }, undefined],
  ])('%j → %s', (webchat, id) => {
    expect(transportIdOf(webchat)).toBe(id);
  });

  it('agrees with resolveConfig on every type', () => {
    for (const type of ['pureengage-v3-rest', 'purecloud-v2-sockets', 'toString', 'x']) {
      const r = resolveConfig({ transport: { type, dataURL: 'https://h', endpoint: 'e', deploymentKey: 'k', orgGuid: 'o', interactionData: { routing: { targetAddress: 'q' } } } });
      expect(r.ok ? r.config.transportId : undefined).toBe(transportIdOf({ transport: { type } }));
    }
  });
});
