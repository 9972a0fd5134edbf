import { createCosmosStore } from '../../src/store/cosmos/cosmos-store';
import type { Store } from '../../src/store/port';
import { COSMOS_TEST_KEY, startCosmosServer, type CosmosTestServer } from '../support/cosmos-server';
import { buildUser } from './builders';

describe('cosmos store during a server outage', () => {
  let server: CosmosTestServer;
  let store: Store;
  beforeAll(async () => {
    server = await startCosmosServer();
    store = createCosmosStore({
      endpoint: server.endpoint,
      key: COSMOS_TEST_KEY,
      database: 'outage',
      clientOptions: { connectionPolicy: { enableEndpointDiscovery: false } },
    });
    await store.init();
  });
  afterAll(async () => {
    await store.close();
    await server.stop();
  });

  it('fails fast with unavailable while the server is down and recovers with its data after restart', async () => {
    const created = await store.users.create(buildUser());
    await server.stop();
    await expect(store.users.get('user-1', 'user-1')).rejects.toMatchObject({ code: 'unavailable' });
    await expect(store.users.upsert(buildUser())).rejects.toMatchObject({ code: 'unavailable' });
    await expect(store.ping()).rejects.toMatchObject({ code: 'unavailable' });
    await server.restart();
    await expect(store.ping()).resolves.toBeUndefined();
    expect(await store.users.get('user-1', 'user-1')).toEqual(created);
  });
});
