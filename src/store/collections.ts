import type { ContainerName } from './containers';
import type { Collection, Store } from './port';
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

export type StoreCollections = Pick<
  Store,
  'users' | 'teams' | 'deliveries' | 'responses' | 'aggregates' | 'leases' | 'exports' | 'rollout' | 'practices'
>;

/**
 * One typed collection per container, each made by an adapter's factory. Both adapters use it, so
 * a new kind of record is added in one place.
 */
export function makeCollections(
  make: <T extends { id: string }>(name: ContainerName) => Collection<T>,
): StoreCollections {
  return {
    users: make<UserRecord>('users'),
    teams: make<TeamRecord>('teams'),
    deliveries: make<DeliveryRecord>('deliveries'),
    responses: make<ResponseRecord>('responses'),
    aggregates: make<AggregateRecord>('aggregates'),
    leases: make<LeaseRecord>('leases'),
    exports: make<ExportRecord>('exports'),
    rollout: make<RolloutRecord>('rollout'),
    practices: make<PracticeRecord>('practices'),
  };
}
