import { rmSync } from 'node:fs';
import { endpointFile } from './cosmos-server';

/** Stops the shared Cosmos-compatible server started by global setup. */
export default async function globalTeardown(): Promise<void> {
  await globalThis.__COSMOS_TEST_SERVER__?.stop();
  globalThis.__COSMOS_TEST_SERVER__ = undefined;
  rmSync(endpointFile(process.pid), { force: true });
}
