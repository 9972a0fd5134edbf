import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config';
import { createStore } from '../../src/store/create-store';
import { COSMOS_TEST_KEY, sharedCosmosEndpoint } from '../support/cosmos-server';

describe('createStore', () => {
  it('builds the embedded store in DATA_DIR by default', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nudges-create-'));
    const store = createStore(loadConfig({ DATA_DIR: dir }));
    try {
      expect(store.kind).toBe('embedded');
      await store.init();
      await expect(store.ping()).resolves.toBeUndefined();
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('builds the Cosmos DB store when STORE=cosmos', async () => {
    const config = loadConfig({
      STORE: 'cosmos',
      COSMOS_ENDPOINT: sharedCosmosEndpoint(),
      COSMOS_KEY: COSMOS_TEST_KEY,
      COSMOS_DATABASE: `create-store-${process.pid}`,
    });
    const store = createStore(config, {
      cosmos: { clientOptions: { connectionPolicy: { enableEndpointDiscovery: false } } },
    });
    try {
      expect(store.kind).toBe('cosmos');
      await store.init();
      await expect(store.ping()).resolves.toBeUndefined();
    } finally {
      await store.close();
    }
  });
});
