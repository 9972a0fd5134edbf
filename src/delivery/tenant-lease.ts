import { StoreError, isConflict, isPreconditionFailed } from '../store/errors';
import type { Store, Versioned } from '../store/port';
import type { LeaseRecord } from '../domain';

const isNotFound = (e: unknown): boolean => e instanceof StoreError && e.code === 'not_found';

/** The id of the lease that lets one instance send for a tenant. */
export const senderLeaseId = (tenantId: string): string => `sender|${tenantId}`;

/** A lease held by this instance. `renew` and `release` are conditional on nobody else having taken it. */
export interface HeldLease {
  readonly id: string;
  /** Extends the lease; false when it was lost (expired and taken by another instance). */
  renew(): Promise<boolean>;
  /** Gives the lease up so another instance need not wait for it to expire. */
  release(): Promise<void>;
}

/**
 * Takes the named lease for `owner` for `durationMs` when it is free, expired, or already ours:
 * a create (first time) or a conditional replace, so two instances can never both hold it.
 * Undefined when another instance holds a live lease.
 */
export async function acquireLease(
  store: Store,
  id: string,
  owner: string,
  durationMs: number,
  now: () => Date,
): Promise<HeldLease | undefined> {
  const fresh = (): LeaseRecord => {
    const at = now();
    return { id, owner, until: new Date(at.getTime() + durationMs).toISOString(), updatedAt: at.toISOString() };
  };
  let held: Versioned<LeaseRecord> | undefined;
  for (let attempt = 0; attempt < 3 && !held; attempt++) {
    const current = await store.leases.get(id, id);
    try {
      if (!current) held = await store.leases.create(fresh());
      else if (current.owner === owner || Date.parse(current.until) <= now().getTime()) {
        held = await store.leases.replace(fresh(), current.etag);
      } else return undefined;
    } catch (err) {
      // Someone else created, changed or released it between our read and write: read again.
      if (!isConflict(err) && !isPreconditionFailed(err) && !isNotFound(err)) throw err;
    }
  }
  if (!held) return undefined;
  let lease: Versioned<LeaseRecord> = held;
  return {
    id,
    async renew() {
      try {
        lease = await store.leases.replace(fresh(), lease.etag);
        return true;
      } catch (err) {
        if (isPreconditionFailed(err) || isNotFound(err)) return false;
        throw err;
      }
    },
    async release() {
      try {
        await store.leases.delete(id, id, lease.etag);
      } catch (err) {
        if (!isPreconditionFailed(err)) throw err;
      }
    },
  };
}
