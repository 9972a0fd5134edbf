import { createServer } from 'node:net';
import { CosmosClient } from '@azure/cosmos';
import { CONTAINERS } from '../../src/store/containers';
import { createCosmosStore } from '../../src/store/cosmos/cosmos-store';
import type { Store } from '../../src/store/port';
import { COSMOS_TEST_KEY, sharedCosmosEndpoint } from '../support/cosmos-server';
import { buildUser } from './builders';
import { describeStoreContract } from './contract';

const clientOptions = { connectionPolicy: { enableEndpointDiscovery: false } };
let databaseCount = 0;

function newDatabaseName(): string {
  databaseCount += 1;
  return `contract-${process.pid}-${databaseCount}`;
}

async function openStore(database = newDatabaseName()): Promise<Store> {
  const store = createCosmosStore({ endpoint: sharedCosmosEndpoint(), key: COSMOS_TEST_KEY, database, clientOptions });
  await store.init();
  return store;
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describeStoreContract('cosmos', {
  create: () => openStore(),
  async createUnreachable() {
    return createCosmosStore({
      endpoint: `http://127.0.0.1:${await closedPort()}`,
      key: COSMOS_TEST_KEY,
      database: 'unreachable',
      clientOptions,
    });
  },
});

describe('cosmos store setup and metrics', () => {
  it('creates every container with its partition key and default ttl, and init is idempotent', async () => {
    const database = newDatabaseName();
    const store = await openStore(database);
    await store.init();
    const client = new CosmosClient({ endpoint: sharedCosmosEndpoint(), key: COSMOS_TEST_KEY, ...clientOptions });
    try {
      for (const spec of Object.values(CONTAINERS)) {
        const { resource } = await client.database(database).container(spec.name).read();
        expect(resource?.partitionKey?.paths).toEqual([spec.partitionKey]);
        expect(resource?.defaultTtl).toBe('defaultTtl' in spec ? spec.defaultTtl : undefined);
      }
    } finally {
      client.dispose();
      await store.close();
    }
  });

  it('records the request charge of every operation per container and operation', async () => {
    const store = await openStore();
    try {
      store.resetMetrics();
      const created = await store.users.create(buildUser());
      await store.users.create(buildUser()).catch(() => undefined);
      await store.users.replace(buildUser({ status: 'inactive' }), created.etag);
      await store.users.query({ where: [{ field: 'status', op: '=', value: 'inactive' }] });
      await store.users.count({});
      const ops = store.metrics().ops;
      expect(ops['users.create']).toEqual({ count: 2, requestCharge: expect.any(Number) });
      expect(ops['users.create']?.requestCharge).toBeGreaterThan(0);
      expect(ops['users.replace']?.count).toBe(1);
      expect(ops['users.replace']?.requestCharge).toBeGreaterThan(0);
      expect(ops['users.query']?.requestCharge).toBeGreaterThan(0);
      expect(ops['users.count']?.requestCharge).toBeGreaterThan(0);
    } finally {
      await store.close();
    }
  });
});
