import { writeFileSync } from 'node:fs';
import { endpointFile, startCosmosServer, type CosmosTestServer } from './cosmos-server';

declare global {
  var __COSMOS_TEST_SERVER__: CosmosTestServer | undefined;
}

/** Starts one local Cosmos-compatible server for the whole jest run and publishes its endpoint. */
export default async function globalSetup(): Promise<void> {
  const server = await startCosmosServer();
  globalThis.__COSMOS_TEST_SERVER__ = server;
  process.env.COSMOS_TEST_ENDPOINT = server.endpoint;
  writeFileSync(endpointFile(process.pid), server.endpoint);
}
