import type {
  AggregateRecord,
  DeliveryRecord,
  ExportRecord,
  LeaseRecord,
  PracticeRecord,
  ResponseRecord,
  RolloutRecord,
  TeamRecord,
  UserRecord,
} from '../domain';

/** A stored document with the version tag the store gave it (ETag on Cosmos DB). */
export type Versioned<T> = T & { etag: string };

export type Comparison = '=' | '!=' | '<' | '<=' | '>' | '>=';

/** One condition on a (possibly dotted) field path. `value: null` with '=' matches a missing field. */
export interface Condition {
  field: string;
  op: Comparison;
  value: string | number | boolean | null;
}

/** A small query language both adapters translate: AND of conditions, ordering, a page size. */
export interface Query {
  where?: Condition[];
  orderBy?: { field: string; dir?: 'asc' | 'desc' }[];
  /** Upper bound of documents returned by one call. */
  limit?: number;
  /** Restrict to one partition (cheaper on Cosmos DB). */
  partitionKey?: string;
}

/**
 * One container of documents of type T, partitioned by a field of T.
 * All writes are single-document and atomic. `replace` and `delete` with an etag are conditional:
 * a stale etag fails with StoreError('precondition_failed'); `create` on an existing id fails with
 * StoreError('conflict'). An unreachable backend fails with StoreError('unavailable').
 */
export interface Collection<T extends { id: string }> {
  get(partitionKey: string, id: string): Promise<Versioned<T> | undefined>;
  create(doc: T): Promise<Versioned<T>>;
  upsert(doc: T): Promise<Versioned<T>>;
  replace(doc: T, etag: string): Promise<Versioned<T>>;
  delete(partitionKey: string, id: string, etag?: string): Promise<boolean>;
  query(q: Query): Promise<Versioned<T>[]>;
  count(q: Pick<Query, 'where' | 'partitionKey'>): Promise<number>;
  /** Deletes every document of a partition; returns how many were deleted. */
  deletePartition(partitionKey: string): Promise<number>;
}

/** Counts of store operations (and Cosmos DB request units where the backend reports them). */
export interface StoreMetrics {
  ops: Record<string, { count: number; requestCharge: number }>;
}

/** Whether deleted documents are already unrecoverable from the backend's own files. */
export type ForgetResult = { complete: true } | { complete: false; withinMinutes: number };

export interface Store {
  readonly kind: 'embedded' | 'cosmos';
  users: Collection<UserRecord>;
  teams: Collection<TeamRecord>;
  deliveries: Collection<DeliveryRecord>;
  responses: Collection<ResponseRecord>;
  aggregates: Collection<AggregateRecord>;
  leases: Collection<LeaseRecord>;
  exports: Collection<ExportRecord>;
  /** Team roll-out: members of teams and what each said, by hashed key (no names, no Entra ids). */
  rollout: Collection<RolloutRecord>;
  /** Practices of a tenant, their teams and those teams' members (by person id, never names). */
  practices: Collection<PracticeRecord>;
  /** Creates tables / containers if absent. Idempotent. */
  init(): Promise<void>;
  /**
   * Makes deleted documents unrecoverable from the backend's own files where it keeps them locally
   * (embedded: the WAL is checkpointed and truncated; deleted cells are zeroed by secure_delete).
   * Cosmos DB: nothing to do here (its continuous backup keeps them for its window: README "Privacy").
   * Says `complete: false` when the backend could not do it yet (embedded: another connection is
   * reading) and will within `withinMinutes`: then never report the erasure as finished.
   */
  forgetDeleted(): Promise<ForgetResult>;
  /** Resolves when the backend answers (without writing); rejects with StoreError('unavailable') otherwise. */
  ping(): Promise<void>;
  metrics(): StoreMetrics;
  resetMetrics(): void;
  close(): Promise<void>;
}
