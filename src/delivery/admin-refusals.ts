import { pauseTenantFor } from './tenant-pause';
import type { TenantRun, TickContext } from './tick-context';

/**
 * How many different people in a row (no send to the tenant succeeding in between) must be refused
 * with BotDisabledByAdmin before the tenant is taken to have the app off for everyone and paused.
 * Teams documents the code per user ("allow the app for the user inside of app policies"), and in a
 * shared tenant such as NHSmail app availability is set per user or group: one refusal says nothing
 * about colleagues. If a share p of a tenant's people were blocked, ten refusals in a row from
 * different people would happen by chance with probability p^10 (under 1 in 100,000 for p = 0.3);
 * if the app is off tenant-wide, ten wasted calls are the whole cost of finding out.
 */
export const ADMIN_BLOCK_STREAK = 10;

/**
 * Notes one person's BotDisabledByAdmin. The person's own delivery is settled by the caller (tried
 * again at their next slot); after ADMIN_BLOCK_STREAK different people in a row the tenant is paused
 * (tenant-pause.ts: 24 h, every instance) and the rest of its people stay due, untouched.
 */
export async function noteAdminRefusal(
  ctx: TickContext,
  tenant: TenantRun,
  ownerId: string,
  outcome: string,
): Promise<void> {
  tenant.adminRefused ??= new Set();
  tenant.adminRefused.add(ownerId);
  if (tenant.adminRefused.size >= ADMIN_BLOCK_STREAK) await pauseTenant(ctx, tenant, outcome);
}

/** A send to the tenant went through: the app is on for at least someone there, so the streak ends. */
export function noteTenantSuccess(tenant: TenantRun): void {
  tenant.adminRefused?.clear();
}

/**
 * Stops the tenant's sends (its admin has the app off for everyone): for the rest of this run, and for
 * the next TENANT_PAUSE_MS through a pause record every tick and instance reads first, so Teams is
 * not called (and this is not logged) every minute. Logged once per pause.
 */
async function pauseTenant(ctx: TickContext, tenant: TenantRun, outcome: string): Promise<void> {
  if (tenant.paused) return;
  tenant.paused = true;
  let until: string | undefined;
  try {
    until = await pauseTenantFor(ctx.deps.store, tenant.tenantId, outcome, ctx.now());
  } catch (err) {
    ctx.deps.logger.warn({ err, tenantId: tenant.tenantId }, 'could not record the tenant pause (paused for this run)');
  }
  ctx.deps.logger.error(
    { event: 'tenant.paused', tenantId: tenant.tenantId, outcome, until, refusedInARow: ADMIN_BLOCK_STREAK },
    `${ADMIN_BLOCK_STREAK} different people in a row were refused with BotDisabledByAdmin: the app looks off ` +
      'for the whole organisation; no sends to this tenant until the pause ends (ask its Teams admin to allow the app)',
  );
}
