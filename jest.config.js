const { availableParallelism } = require('node:os');

/** @type {import('jest').Config} */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: '<rootDir>/test/support/jest-environment.ts',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/test/e2e/'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  testTimeout: 30000,
  // One and a half workers per core (jest reads '150%' as 150 workers): several files mostly wait on
  // child processes (the SIGKILL and takeover runs), so a third worker on two cores keeps both busy.
  maxWorkers: Math.max(2, Math.floor(availableParallelism() * 1.5)),
  testSequencer: '<rootDir>/test/support/sequencer.ts',
};
