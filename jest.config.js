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
  // One test file at a time: every file's stack works the one shared job queue (pg-boss), and two
  // files running at once took each other's exports and deletions (a full CI run saw waits time out).
  maxWorkers: 1,
};
