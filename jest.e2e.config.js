/** Browser tests (Debian Chromium via playwright-core) against the built add-in pages. */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  reporters: ['default', '<rootDir>/tests/support/plain-summary.js'],
  roots: ['<rootDir>/tests/e2e'],
  testMatch: ['**/*.e2e.ts'],
  // The bundle is built once here, not inside a test file's setup timeout.
  globalSetup: '<rootDir>/tests/e2e/global-setup.ts',
  transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
  // One browser at a time on a shared 2-core machine; the first test may build the bundle.
  maxWorkers: 1,
  testTimeout: 120000,
};
