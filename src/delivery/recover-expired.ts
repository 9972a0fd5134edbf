import type { DeliveryRecord } from '../domain';
import { markUnknown } from './claim-delivery';
import { transitionDelivery } from './delivery-transition';
import type { OwnerSource } from './owners';
import { isConsentMessage, isConsentMessageStillDue } from './settle-owner';
import type { TickContext } from './tick-context';

const PAGE = 200;
const MAX_PAGES = 50;

/**
 * Tidies deliveries whose instance died: 'sending' ones whose lease ran out become 'unknown'
 * (never resent) and their owners move on, except welcomes and reminders, which are given back to
 * be sent again; 'claimed' ones are left for the due query to take
 * over, unless their owner is no longer due (paused, inactive, moved), when they are 'skipped'.
 * Bounded per tick; the rest wait for the next tick.
 */
export async function recoverExpiredDeliveries(ctx: TickContext): Promise<void> {
  const { store } = ctx.deps;
  const nowIso = ctx.now().toISOString();
  for (const state of ['sending', 'claimed'] as const) {
    let lastId = '';
    for (let page = 0; page < MAX_PAGES; page++) {
      const expired = await store.deliveries.query({
        where: [
          { field: 'state', op: '=', value: state },
          { field: 'leaseUntil', op: '<', value: nowIso },
          { field: 'id', op: '>', value: lastId },
        ],
        orderBy: [{ field: 'id' }],
        limit: PAGE,
      });
      for (const d of expired) {
        const source = ctx.sources[d.ownerKind] as OwnerSource<{ id: string }>;
        if (state === 'sending') await markUnknown(ctx, source, d);
        else if (!(await isOwnerStillDue(ctx, d))) {
          const done = await transitionDelivery(
            store,
            d,
            { state: 'skipped', outcome: 'lease_expired_not_due' },
            ctx.now(),
          );
          if (done) ctx.counters.skipped++;
        }
      }
      if (expired.length < PAGE) break;
      lastId = (expired[expired.length - 1] as DeliveryRecord).id;
    }
  }
}

async function isOwnerStillDue(ctx: TickContext, d: DeliveryRecord): Promise<boolean> {
  const source = ctx.sources[d.ownerKind] as OwnerSource<{ id: string; status?: string }>;
  const rec = await source.collection.get(d.ownerId, d.ownerId);
  if (!rec || rec.status !== 'active') return false;
  const owner = source.toOwner(rec);
  if (!owner) return false;
  if (isConsentMessage(d)) return isConsentMessageStillDue(owner, d);
  if (d.id.endsWith('|snooze')) return owner.snooze !== undefined && `${owner.snooze.deliveryId}|snooze` === d.id;
  return (owner.snooze?.weeklyDueAt ?? owner.nextDueAt) === d.dueAt;
}
