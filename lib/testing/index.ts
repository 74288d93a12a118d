// webchat-rx/testing: the integrators' kit, listed by name.
export { fakeTransport, fakeBatch, fakeMessage } from './fakeTransport';
export type { FakeTransport, FakeTransportOptions } from './fakeTransport';
export { fakePlatform, httpJson } from './fakePlatform';
export { fakeTabs } from './fakeTabs';
export type { FakeTab, FakeTabs } from './fakeTabs';
export type { FakePlatform, FakePlatformOptions } from './fakePlatform';
