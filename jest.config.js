/** Tests run in band against one real PostgreSQL started by tests/global-setup.ts
 *  (embedded unless DATABASE_URL is set). JEST_NO_DB=1 skips it for pure unit runs. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: { ignoreCodes: [151002] } }] },
  globalSetup: process.env.JEST_NO_DB ? undefined : '<rootDir>/tests/global-setup.ts',
  globalTeardown: process.env.JEST_NO_DB ? undefined : '<rootDir>/tests/global-teardown.ts',
  setupFiles: ['<rootDir>/tests/setup-env.ts'],
  testTimeout: 60000,
};
