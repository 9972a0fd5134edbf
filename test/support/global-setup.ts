import { writeFileSync } from 'node:fs';
import { KNOWN_WARNING_CODES, KNOWN_WARNING_FLAGS, silenceKnownWarnings } from '../../src/known-warnings';
import type { Config } from '@jest/types';
import { endpointFile, startCosmosServer, type CosmosTestServer } from './cosmos-server';
import { prewarmTransforms } from './prewarm-transforms';

declare global {
  var __COSMOS_TEST_SERVER__: CosmosTestServer | undefined;
}

/** Starts one local Cosmos-compatible server for the whole jest run and publishes its endpoint. */
export default async function globalSetup(_global: Config.GlobalConfig, project: Config.ProjectConfig): Promise<void> {
  // A green run prints only progress and the summary: known, harmless Node warnings (see
  // src/known-warnings.ts) are dropped here (tests run in band) and in the workers jest starts next.
  // JEST-01: Jest's own notice that a global of a finished test file was read after teardown; seen
  // once per run after the Cosmos tests (the SDK reads process.version from a late timer). Harmless.
  silenceKnownWarnings(process, [...KNOWN_WARNING_CODES, 'JEST-01']);
  // --expose-gc: test/support/jest-environment.ts collects garbage after each test file, so workers
  // stay small and exit within the time Jest gives them.
  process.env.NODE_OPTIONS = [process.env.NODE_OPTIONS, KNOWN_WARNING_FLAGS, '--disable-warning=JEST-01', '--expose-gc']
    .filter(Boolean)
    .join(' ');
  const server = await startCosmosServer();
  await prewarmTransforms(project);
  globalThis.__COSMOS_TEST_SERVER__ = server;
  process.env.COSMOS_TEST_ENDPOINT = server.endpoint;
  writeFileSync(endpointFile(process.pid), server.endpoint);
}
