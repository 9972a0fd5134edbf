/**
 * End-to-end tests (`npm run test:e2e`): the bot in Microsoft 365 Agents Playground driven by
 * headless Chromium. Kept apart from `npm test` (jest.config.js ignores test/e2e/).
 * @type {import('jest').Config}
 */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/test/e2e'],
  testMatch: ['**/*.test.ts'],
  globalSetup: '<rootDir>/test/e2e/support/global-setup.ts',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  testTimeout: 60000,
  maxWorkers: 1,
};
