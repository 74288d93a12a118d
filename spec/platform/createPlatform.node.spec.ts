import { createPlatform } from '../../lib/platform/createPlatform';

describe('createPlatform in Node', () => {
  it('has no crossTabStorage of its own: marks between "tabs" go through `storage`, which the app may share', () => {
    const platform = createPlatform();
    expect(typeof window).toBe('undefined');
    expect(platform.crossTabStorage).toBeUndefined();
  });
});
