/** Unit, marble and integration specs. Browser (Chromium) specs live in jest.e2e.config.cjs. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/spec'],
  testMatch: ['**/*.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/spec/e2e/'],
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest'] },
  // The CometD client and its Node adapter ship ES modules only: compiled like our own sources.
  transformIgnorePatterns: ['/node_modules/(?!(cometd|cometd-nodejs-client)/)'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  testTimeout: 20000,
};
