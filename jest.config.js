/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  reporters: ['default', '<rootDir>/tests/support/plain-summary.js'],
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
  // office-addin-mock 4 requires office-addin-manifest, whose ESM-only dependencies Jest 30
  // cannot load; the mock only needs its OfficeApp enum.
  moduleNameMapper: { '^office-addin-manifest$': '<rootDir>/tests/addin/stubs/office-addin-manifest.js' },
  // Browser and long end-to-end suites opt in through their own config / npm scripts.
  testTimeout: 60000,
};
