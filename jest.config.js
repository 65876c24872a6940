/** Tests run against one real PostgreSQL started by tests/global-setup.ts (embedded, one
 *  database per worker, unless DATABASE_URL is set: then in band, scripts/test.mjs).
 *  JEST_NO_DB=1 skips it for pure unit runs. ts-jest only transpiles (tsconfig.jest.json):
 *  `npm test` type-checks the whole tree with tsc first, once rather than per test file. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.jest.json', diagnostics: { ignoreCodes: [151002] } }] },
  globalSetup: process.env.JEST_NO_DB ? undefined : '<rootDir>/tests/global-setup.ts',
  globalTeardown: process.env.JEST_NO_DB ? undefined : '<rootDir>/tests/global-teardown.ts',
  setupFiles: ['<rootDir>/tests/setup-env.ts'],
  testTimeout: 60000,
  // A worker holds on to some of every file it ran (jest's module registries): 2.2 GB each by the end of a CI run.
  // One past this after a file is replaced, so no worker nears its heap limit, where GC would stall its file.
  workerIdleMemoryLimit: '1GB',
  // The watchdog names a file that runs too long and ends the run (scripts/test-watchdog.mjs).
  reporters: ['default', '<rootDir>/scripts/test-watchdog.mjs'],
};
