/** Unit tests sit beside the code (`*.test.ts`); end-to-end tests live in test/ and run through the gateway. */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, diagnostics: false }],
  },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testMatch: ['<rootDir>/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/bench/peers/'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 60_000,
  // Two files at once, each worker on a database of its own (test/support/test-env.ts). A worker
  // past 1 GB after a file is replaced: one process running all files ran out of heap in CI.
  maxWorkers: 2,
  workerIdleMemoryLimit: '1GB',
};
