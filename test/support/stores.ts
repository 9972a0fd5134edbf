import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCosmosStore } from '../../src/store/cosmos/cosmos-store';
import { createEmbeddedStore } from '../../src/store/embedded/embedded-store';
import type { Store } from '../../src/store/port';
import { COSMOS_TEST_KEY, sharedCosmosEndpoint } from './cosmos-server';

export type StoreKind = 'embedded' | 'cosmos';
export const STORE_KINDS: StoreKind[] = ['embedded', 'cosmos'];

let databases = 0;

/** A fresh, empty store of the given kind (Cosmos: a new database on the local Cosmos-compatible server). */
export function openTestStore(kind: StoreKind): Store {
  if (kind === 'embedded') return createEmbeddedStore({ dataDir: mkdtempSync(join(tmpdir(), 'nudges-store-')) });
  databases += 1;
  return createCosmosStore({
    endpoint: sharedCosmosEndpoint(),
    key: COSMOS_TEST_KEY,
    database: `test-${process.pid}-${Date.now()}-${databases}`,
    clientOptions: { connectionPolicy: { enableEndpointDiscovery: false } },
  });
}
