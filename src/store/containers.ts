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
  /**
   * The embedded store's indexes, each a list of fields (equality fields first, then the one
   * compared with a range or ordered by), shaped after the queries the code runs. Every index is
   * updated on every write of a document, so only indexes a query needs are listed. (Cosmos DB
   * indexes every path; its composite indexes are in infra/main.bicep.)
   */
  indexes: readonly (readonly string[])[];
}

export const CONTAINERS = {
  users: {
    name: 'users',
    partitionKey: '/userId',
    partitionField: 'userId',
    defaultTtl: -1,
    // The weekly run's due query: pages by nextDueAt, and a crowd due at the same minute by id.
    indexes: [['status', 'nextDueAt', 'id']],
  },
  teams: {
    name: 'teams',
    partitionKey: '/teamId',
    partitionField: 'teamId',
    defaultTtl: -1,
    indexes: [['status', 'nextDueAt', 'id']],
  },
  deliveries: {
    name: 'deliveries',
    partitionKey: '/ownerId',
    partitionField: 'ownerId',
    defaultTtl: -1,
    indexes: [
      ['state', 'leaseUntil'], // expired claims and sends
      ['tenantId', 'state', 'sentAt'], // an organisation's insights
    ],
  },
  responses: {
    name: 'responses',
    partitionKey: '/userId',
    partitionField: 'userId',
    defaultTtl: -1,
    indexes: [['tenantId', 'kind']], // an organisation's insights (a person's own answers are read by partition)
  },
  aggregates: { name: 'aggregates', partitionKey: '/groupId', partitionField: 'groupId', defaultTtl: -1, indexes: [] },
  leases: { name: 'leases', partitionKey: '/id', partitionField: 'id', defaultTtl: -1, indexes: [] },
  exports: { name: 'exports', partitionKey: '/userId', partitionField: 'userId', defaultTtl: -1, indexes: [] },
  rollout: {
    name: 'rollout',
    partitionKey: '/tenantId',
    partitionField: 'tenantId',
    defaultTtl: -1,
    indexes: [
      ['tenantId', 'kind', 'teamId'], // a team's members
      // The engine's pending roster jobs, read every tick across tenants (src/delivery/roster-jobs.ts):
      // without it every tick scans every member and person record (bench/practices.ts).
      ['kind', 'state'],
    ],
  },
  practices: {
    name: 'practices',
    partitionKey: '/tenantId',
    partitionField: 'tenantId',
    defaultTtl: -1,
    indexes: [
      ['tenantId', 'kind', 'teamId'], // a team's members
      ['tenantId', 'kind', 'userId'], // a person's teams (so their practices)
      ['tenantId', 'kind', 'practiceId'], // a practice's teams
    ],
  },
} as const satisfies Record<string, ContainerSpec>;

export type ContainerName = keyof typeof CONTAINERS;
