/** Real-browser specs: playwright-core driving Debian's chromium (/usr/bin/chromium). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/spec/e2e'],
  testMatch: ['**/*.spec.ts'],
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest'] },
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  testTimeout: 60000,
  maxWorkers: 1,
};
