import type { UserRecord } from '../domain';
import { deliverToOwner } from './deliver-to-owner';
import type { OwnerSource } from './owners';
import { tickContextFor } from './run-tick';
import { haltedUntil } from './halt-run';
import { tenantPausedUntil } from './tenant-pause';
import type { TenantRun } from './tick-context';
import type { DeliveryDeps, TickCounters } from './types';
import { WorkPool } from './work-pool';

/**
 * Delivers what is due to one person now, outside the minute's tick but through the same path: the
 * deterministic delivery id is claimed (so this and any tick or other instance send it once), the
 * send waits for the tenant's shared limiter (the one weekly runs and clicks use in this process, at
 * the weekly share), and a crash after the claim leaves an 'unknown' record the next tick settles;
 * a crash before it leaves the person due, so the next tick sends it. Used for a personal install's
 * welcome, so the person sees it within seconds without an admin's org-wide install bursting
 * past Teams' per-tenant limit. Does nothing if the person is not due (already sent, or not yet).
 */
export async function deliverToUserNow(deps: DeliveryDeps, userId: string): Promise<TickCounters> {
  const ctx = tickContextFor(deps);
  const source = ctx.sources.user as OwnerSource<UserRecord>;
  const rec = await source.collection.get(userId, userId);
  if (!rec?.nextDueAt || Date.parse(rec.nextDueAt) > ctx.now().getTime()) return ctx.counters;
  ctx.counters.due++;
  if (
    (await tenantPausedUntil(deps.store, rec.tenantId, ctx.now())) ||
    (await haltedUntil(deps.store, rec.tenantId, ctx.now()))
  ) {
    ctx.counters.skipped++; // the app is off tenant-wide, or the bot's token failed: the welcome stays due
    return ctx.counters;
  }
  const tenant: TenantRun = {
    tenantId: rec.tenantId,
    leaseRenewedAt: ctx.timing.monotonicMs(),
    lost: false,
    limiter: ctx.limiters.forTenant(rec.tenantId),
    pool: new WorkPool(1, () => undefined),
  };
  await deliverToOwner(ctx, source, rec, tenant);
  return ctx.counters;
}
