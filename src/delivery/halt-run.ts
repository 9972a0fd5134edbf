import type { LeaseRecord } from '../domain';
import type { Store } from '../store/port';
import type { HaltCause, SendVerdict } from './retry-policy';
import type { TenantRun, TickContext } from './tick-context';

/** How long the engine leaves Teams alone after the bot's own fault (401, no token) before trying again. */
export const HALT_RETRY_MS = 5 * 60_000;
/** A halt that starts within this long of the last one's end belongs to the same spell: alerted once. */
const SAME_SPELL_MS = 6 * 3_600_000;
/** The halt record outlives its halt long enough to tell a new spell from the same one. */
const HALT_TTL_S = 86_400;
/** The key of a halt of every tenant (no token at all), beside the per-tenant ones. */
const EVERY_TENANT = '*';

/** The id of a halt record (in the leases container, beside the sender leases and tenant pauses). */
export const haltId = (tenantId: string): string => `halted|${tenantId}`;

/**
 * When the run's halt for this tenant ends, if there is one now: its own (401 from its service) or
 * every tenant's (no token). Every tick and instance reads it before calling Teams for the tenant.
 */
export async function haltedUntil(store: Store, tenantId: string, now: Date): Promise<string | undefined> {
  for (const key of [tenantId, EVERY_TENANT]) {
    const rec = await store.leases.get(haltId(key), haltId(key));
    if (rec && Date.parse(rec.until) > now.getTime()) return rec.until;
  }
  return undefined;
}

const ADVICE: Record<HaltCause, string> = {
  auth:
    "Teams refused the bot's token (401) or no token could be had. Likely causes: a wrong MicrosoftAppId, " +
    'client secret or federated credential; a wrong MicrosoftAppTenantId; an identity still propagating after ' +
    "deployment; or the bot's identity not allowed in this tenant (cross-tenant). Nothing was settled: every " +
    'delivery is released and tried again in a few minutes.',
  permissions:
    'Teams says the app lacks a permission for this call (403 NotEnoughPermissions): check the app package ' +
    "and the tenant admin's consent. Nothing was settled: deliveries are released and tried again in a few minutes.",
};

/**
 * Stops the run (scope 'run': every tenant) or this tenant's share of it, for the bot's own fault:
 * nothing more is claimed or sent, what is claimed is released unsettled by its worker, and a halt
 * record keeps every tick and instance away for HALT_RETRY_MS. Alerted (fatal) once per spell (not
 * when a halt for the same cause ended within SAME_SPELL_MS) and once per run however many tenants
 * it stops; the rest log a warning.
 */
export async function haltRun(
  ctx: TickContext,
  tenant: TenantRun,
  verdict: Extract<SendVerdict, { action: 'halt' }>,
): Promise<void> {
  const everyTenant = verdict.scope === 'run';
  if (everyTenant ? ctx.halted : tenant.halted) return;
  if (everyTenant) ctx.halted = verdict.cause;
  else tenant.halted = verdict.cause;
  const key = everyTenant ? EVERY_TENANT : tenant.tenantId;
  const now = ctx.now();
  const until = new Date(now.getTime() + HALT_RETRY_MS).toISOString();
  let newSpell = true;
  let since = now.toISOString();
  try {
    const previous = await ctx.deps.store.leases.get(haltId(key), haltId(key));
    const [cause, started] = previous?.owner.split('|') ?? [];
    if (previous && cause === verdict.cause && started && Date.parse(previous.until) + SAME_SPELL_MS > now.getTime()) {
      newSpell = false;
      since = started;
    }
    const rec: LeaseRecord = {
      id: haltId(key),
      owner: `${verdict.cause}|${since}`,
      until,
      updatedAt: now.toISOString(),
      ttl: HALT_TTL_S,
    };
    await ctx.deps.store.leases.upsert(rec);
  } catch (err) {
    ctx.deps.logger.warn({ err, tenantId: key }, 'could not record the halt (halted for this run only)');
  }
  const fields = {
    event: 'delivery.halted',
    cause: verdict.cause,
    scope: verdict.scope,
    tenantId: everyTenant ? undefined : tenant.tenantId,
    outcome: verdict.outcome,
    since,
    until,
  };
  // One alert per spell, and per run however many tenants the same fault stops (each still logs a warning).
  ctx.alerted ??= new Set();
  if (newSpell && !ctx.alerted.has(verdict.cause)) {
    ctx.alerted.add(verdict.cause);
    ctx.deps.logger.fatal(fields, ADVICE[verdict.cause]);
  } else ctx.deps.logger.warn(fields, 'still halted: the same fault as before; tried again in a few minutes');
}

/** Why nothing more may be sent for this tenant in this run, if so. */
export function stopReasonFor(ctx: TickContext, tenant: TenantRun): string | undefined {
  if (ctx.halted) return `halted_${ctx.halted}`;
  if (tenant.halted) return `halted_${tenant.halted}`;
  if (tenant.paused) return 'tenant_paused';
  return undefined;
}
