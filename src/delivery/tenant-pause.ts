import type { Store } from '../store/port';
import type { LeaseRecord } from '../domain';

/** How long a tenant whose admin blocked the app (BotDisabledByAdmin) is left alone before trying again. */
export const TENANT_PAUSE_MS = 24 * 3_600_000;
/** The pause record is removed by the store a week after it was written (it only matters for a day). */
const TENANT_PAUSE_TTL_S = 7 * 86_400;

/** The id of a tenant's pause record, in the leases container beside its sender lease. */
export const tenantPauseId = (tenantId: string): string => `paused|${tenantId}`;

/**
 * When the tenant's pause ends, if it is paused now. Every instance and every tick reads it before
 * sending for the tenant, so a blocked tenant is not called (nor logged about) every minute.
 */
export async function tenantPausedUntil(store: Store, tenantId: string, now: Date): Promise<string | undefined> {
  const id = tenantPauseId(tenantId);
  const rec = await store.leases.get(id, id);
  return rec && Date.parse(rec.until) > now.getTime() ? rec.until : undefined;
}

/** Records that the tenant's admin blocked the app: no sends for TENANT_PAUSE_MS (then one try again). */
export async function pauseTenantFor(store: Store, tenantId: string, reason: string, now: Date): Promise<string> {
  const until = new Date(now.getTime() + TENANT_PAUSE_MS).toISOString();
  const rec: LeaseRecord = {
    id: tenantPauseId(tenantId),
    owner: reason,
    until,
    updatedAt: now.toISOString(),
    ttl: TENANT_PAUSE_TTL_S,
  };
  await store.leases.upsert(rec);
  return until;
}
