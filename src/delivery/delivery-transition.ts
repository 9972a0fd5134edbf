import { StoreError, isPreconditionFailed } from '../store/errors';
import type { Store, Versioned } from '../store/port';
import type { DeliveryRecord } from '../domain';

/**
 * Moves a delivery to its next state with a conditional replace on the etag we hold. Undefined
 * when someone else changed it first (or it is gone): the caller has lost it and must stop.
 */
export async function transitionDelivery(
  store: Store,
  d: Versioned<DeliveryRecord>,
  patch: Partial<DeliveryRecord>,
  now: Date,
): Promise<Versioned<DeliveryRecord> | undefined> {
  const { etag, ...doc } = d;
  try {
    return await store.deliveries.replace({ ...doc, ...patch, updatedAt: now.toISOString() }, etag);
  } catch (err) {
    if (isPreconditionFailed(err) || (err instanceof StoreError && err.code === 'not_found')) return undefined;
    throw err;
  }
}

/** True when the delivery's lease has run out at `now`. */
export const isLeaseExpired = (d: Pick<DeliveryRecord, 'leaseUntil'>, now: Date): boolean =>
  d.leaseUntil === undefined || Date.parse(d.leaseUntil) <= now.getTime();
