import { CosmosClient, type CosmosClientOptions, type Database } from '@azure/cosmos';
import type { TokenCredential } from '@azure/identity';
import { DefaultAzureCredential } from '@azure/identity';
import { CONTAINERS, type ContainerName, type ContainerSpec } from '../containers';
import { createOpMetrics } from '../op-metrics';
import { makeCollections } from '../collections';
import type { Store } from '../port';
import { createCosmosCollection } from './cosmos-collection';
import { chargeOfError, mapCosmosError } from './map-cosmos-error';

export interface CosmosStoreOptions {
  /** Account URL, e.g. https://myaccount.documents.azure.com:443/ */
  endpoint: string;
  /** Account key. Without it the store signs in with `credential` (default: DefaultAzureCredential, i.e. managed identity in Azure). */
  key?: string;
  database: string;
  credential?: TokenCredential;
  /** Passed through to CosmosClient, e.g. `{ connectionPolicy: { enableEndpointDiscovery: false } }` in tests. */
  clientOptions?: Partial<CosmosClientOptions>;
}

/** The container definition init() creates: partition key path and default TTL from the spec. */
function containerDefinition(spec: ContainerSpec) {
  return {
    id: spec.name,
    partitionKey: { paths: [spec.partitionKey] },
    ...(spec.defaultTtl !== undefined ? { defaultTtl: spec.defaultTtl } : {}),
  };
}

/**
 * The Azure Cosmos DB store: one container per kind of record (see containers.ts). init() creates
 * the database and containers when running with a key; with Microsoft Entra sign-in (no key) the
 * data-plane role cannot create them, so they must come from infra/main.bicep. metrics() reports
 * operations and request units per `<container>.<operation>`.
 */
export function createCosmosStore(opts: CosmosStoreOptions): Store {
  const client = new CosmosClient({
    ...opts.clientOptions,
    endpoint: opts.endpoint,
    ...(opts.key ? { key: opts.key } : { aadCredentials: opts.credential ?? new DefaultAzureCredential() }),
  });
  const database: Database = client.database(opts.database);
  const metrics = createOpMetrics();
  const make = <T extends { id: string }>(name: ContainerName) =>
    createCosmosCollection<T>(CONTAINERS[name], () => database.container(CONTAINERS[name].name), metrics);

  const measured = async (kind: string, body: () => Promise<{ requestCharge: number }>): Promise<void> => {
    try {
      metrics.record(kind, (await body()).requestCharge);
    } catch (err) {
      metrics.record(kind, chargeOfError(err));
      throw mapCosmosError(err, kind);
    }
  };

  return {
    kind: 'cosmos',
    ...makeCollections(make),

    async init() {
      if (!opts.key) return;
      await measured('database.createIfNotExists', () => client.databases.createIfNotExists({ id: opts.database }));
      for (const spec of Object.values(CONTAINERS)) {
        await measured('container.createIfNotExists', () =>
          database.containers.createIfNotExists(containerDefinition(spec)),
        );
      }
    },

    async forgetDeleted() {
      // Deleted items are gone from the account at once; continuous backup keeps them for its window.
      return { complete: true } as const;
    },

    async ping() {
      await measured('database.read', () => database.read());
    },

    metrics: () => metrics.snapshot(),
    resetMetrics: () => metrics.reset(),

    async close() {
      client.dispose();
    },
  };
}
