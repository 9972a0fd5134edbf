import type { DeliveryRecord } from '../domain';
import type { OwnerSource } from './owners';
import type { TickContext } from './tick-context';

/**
 * Called right after a delivery was written for an owner read earlier in the run (a page read at its
 * start): when the owner is gone by now ("delete my data" in between), the delivery just written is
 * deleted again and true is returned, so nothing is sent to, or kept for, an erased person (security
 * review L5). Erasure deletes the person's record before their deliveries, so a delivery written
 * after that check either sees the record gone here or is deleted by the erasure itself (and then the
 * conditional 'sending' write fails and nothing is sent).
 */
export async function dropIfOwnerGone<R extends { id: string }>(
  ctx: TickContext,
  source: OwnerSource<R>,
  d: Pick<DeliveryRecord, 'id' | 'ownerId'>,
): Promise<boolean> {
  if (await source.collection.get(d.ownerId, d.ownerId)) return false;
  await ctx.deps.store.deliveries.delete(d.ownerId, d.id);
  ctx.counters.skipped++;
  return true;
}
