import type { ContainerName } from './containers';
import type { Collection, Store } from './port';

/** How long a lease or an export is kept when its writer sets no shorter time (seconds). */
const LEASE_TTL_SECONDS = 86_400;
const EXPORT_TTL_SECONDS = 15 * 60;

/** Leases that mark a course already opened this week by one link holder (see conversation/course-opens). */
export const COURSE_OPEN_MARKER_PREFIX = 'course-open|';
const COURSE_OPEN_MARKER_TTL_SECONDS = 8 * 86_400;

/** The one record kept without expiry: the course-link signing key (no personal data; see course-links). */
const KEPT_WITHOUT_EXPIRY = 'link-signing-key';

/**
 * How long an invitation nobody answered is kept (README "Privacy"; conversation/rollout-person.ts
 * INVITATION_DAYS): a person who has not pressed Start (consent pending), and a roll-out record of
 * someone who did not start (invited, or the "No thanks" / deleted-data tombstone).
 */
const INVITATION_TTL_SECONDS = 90 * 86_400;

function isUnansweredInvitation(container: ContainerName, doc: object): boolean {
  const d = doc as { consent?: { state?: unknown }; kind?: unknown; state?: unknown };
  if (container === 'users') return d.consent?.state === 'pending';
  return container === 'rollout' && d.kind === 'person' && d.state !== 'started';
}

/**
 * The retention rule of each kind of record, in seconds after its last write: records about people
 * and teams (users, teams, deliveries, responses, running counts) are kept `retentionDays`; leases a
 * day; exports 15 minutes; unanswered invitations 90 days. A shorter `ttl` set by the writer is kept; a longer or missing one is not.
 */
export function retentionTtl(
  container: ContainerName,
  retentionDays: number,
  doc: { id: string; ttl?: unknown },
): number {
  const written = doc.ttl;
  if (container === 'leases' && doc.id === KEPT_WITHOUT_EXPIRY && written === -1) return -1;
  const leaseCap = doc.id.startsWith(COURSE_OPEN_MARKER_PREFIX) ? COURSE_OPEN_MARKER_TTL_SECONDS : LEASE_TTL_SECONDS;
  const cap = Math.min(
    container === 'leases' ? leaseCap : container === 'exports' ? EXPORT_TTL_SECONDS : retentionDays * 86_400,
    isUnansweredInvitation(container, doc) ? INVITATION_TTL_SECONDS : Infinity,
  );
  return typeof written === 'number' && written > 0 && written < cap ? written : cap;
}

const RETAINED = Symbol('retention');

function withTtl<T extends { id: string }>(
  collection: Collection<T>,
  name: ContainerName,
  retentionDays: number,
): Collection<T> {
  const stamp = (doc: T): T => ({ ...doc, ttl: retentionTtl(name, retentionDays, doc) });
  return {
    ...collection,
    get: (pk, id) => collection.get(pk, id),
    query: (q) => collection.query(q),
    count: (q) => collection.count(q),
    delete: (pk, id, etag) => collection.delete(pk, id, etag),
    deletePartition: (pk) => collection.deletePartition(pk),
    create: (doc) => collection.create(stamp(doc)),
    upsert: (doc) => collection.upsert(stamp(doc)),
    replace: (doc, etag) => collection.replace(stamp(doc), etag),
  };
}

/**
 * The store with every record's expiry set on every write path, whichever use case writes it (both
 * adapters expire by `ttl`: Cosmos DB natively, the embedded store by `expires_at` and its sweep).
 * Applied once by the composition root and the command-line tools; wrapping twice changes nothing.
 */
export function withRetention(store: Store, retentionDays: number): Store {
  if ((store as Store & { [RETAINED]?: boolean })[RETAINED]) return store;
  const wrapped: Store & { [RETAINED]: boolean } = {
    kind: store.kind,
    users: withTtl(store.users, 'users', retentionDays),
    teams: withTtl(store.teams, 'teams', retentionDays),
    deliveries: withTtl(store.deliveries, 'deliveries', retentionDays),
    responses: withTtl(store.responses, 'responses', retentionDays),
    aggregates: withTtl(store.aggregates, 'aggregates', retentionDays),
    leases: withTtl(store.leases, 'leases', retentionDays),
    exports: withTtl(store.exports, 'exports', retentionDays),
    rollout: withTtl(store.rollout, 'rollout', retentionDays),
    practices: withTtl(store.practices, 'practices', retentionDays),
    init: () => store.init(),
    ping: () => store.ping(),
    forgetDeleted: () => store.forgetDeleted(),
    metrics: () => store.metrics(),
    resetMetrics: () => store.resetMetrics(),
    close: () => store.close(),
    [RETAINED]: true,
  };
  return wrapped;
}
