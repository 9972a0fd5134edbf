import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCosmosStore } from '../../src/store/cosmos/cosmos-store';
import type { Store } from '../../src/store/port';
import { COSMOS_TEST_KEY, sharedCosmosEndpoint } from '../support/cosmos-server';

export type StoreKind = 'embedded' | 'cosmos';

let databases = 0;

/**
 * The store a team test runs on: undefined = the harness's fresh embedded store; 'cosmos' = a new
 * database on the local Cosmos-compatible server.
 */
export function storeFor(kind: StoreKind): Store | undefined {
  if (kind === 'embedded') return undefined;
  databases += 1;
  return createCosmosStore({
    endpoint: sharedCosmosEndpoint(),
    key: COSMOS_TEST_KEY,
    database: `team-${process.pid}-${Date.now()}-${databases}`,
    clientOptions: { connectionPolicy: { enableEndpointDiscovery: false } },
  });
}

/** A fresh embedded data folder (for tests that open the store themselves). */
export const freshDataDir = (): string => mkdtempSync(join(tmpdir(), 'nudges-team-'));
