/**
 * The containers (Cosmos DB) / tables (embedded) the store uses, with their partition keys and
 * default time-to-live. `infra/main.bicep` must declare the same: a test keeps them in step.
 */
export interface ContainerSpec {
  name: string;
  partitionKey: string; // a path such as '/userId'
  /** Field used as the partition key value. */
  partitionField: string;
  /** Default TTL in seconds: -1 = on (per-item `ttl` decides), undefined = off. */
  defaultTtl?: number;
  /** Fields queried with ranges or equality, indexed by the embedded store; composite orderings for Cosmos. */
  indexed: string[];
}

export const CONTAINERS = {
  users: {
    name: 'users',
    partitionKey: '/userId',
    partitionField: 'userId',
    defaultTtl: -1,
    indexed: ['tenantId', 'status', 'nextDueAt'],
  },
  teams: {
    name: 'teams',
    partitionKey: '/teamId',
    partitionField: 'teamId',
    indexed: ['tenantId', 'status', 'nextDueAt'],
  },
  deliveries: {
    name: 'deliveries',
    partitionKey: '/ownerId',
    partitionField: 'ownerId',
    defaultTtl: -1,
    indexed: ['tenantId', 'state', 'leaseUntil', 'createdAt'],
  },
  responses: {
    name: 'responses',
    partitionKey: '/userId',
    partitionField: 'userId',
    defaultTtl: -1,
    indexed: ['tenantId', 'kind', 'groupId'],
  },
  aggregates: { name: 'aggregates', partitionKey: '/groupId', partitionField: 'groupId', indexed: ['tenantId'] },
  leases: { name: 'leases', partitionKey: '/id', partitionField: 'id', defaultTtl: -1, indexed: [] },
  exports: { name: 'exports', partitionKey: '/userId', partitionField: 'userId', defaultTtl: -1, indexed: [] },
} as const satisfies Record<string, ContainerSpec>;

export type ContainerName = keyof typeof CONTAINERS;
