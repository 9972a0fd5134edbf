import type { ConversationLimiter } from './conversation-limiter';
import type { HaltCause } from './retry-policy';
import type { HeldLease } from './tenant-lease';
import type { TenantLimiter, Timing } from './tenant-limiter';
import type { TenantLimiters } from './tenant-limiters';
import type { DeliveryDeps, TickCounters } from './types';
import type { OwnerSources } from './owners';
import type { WorkPool } from './work-pool';

/** One tenant's share of a tick: its sender lease, its limiter and its worker pool. */
export interface TenantRun {
  tenantId: string;
  lease?: HeldLease;
  leaseRenewedAt: number;
  renewing?: Promise<void>;
  /** Set when the sender lease was lost to another instance: stop sending for this tenant. */
  lost: boolean;
  /**
   * Set when the app looks off for the whole tenant (ADMIN_BLOCK_STREAK people in a row refused with
   * BotDisabledByAdmin, now or in a pause recorded by an earlier run): nothing is sent.
   */
  paused?: boolean;
  /** Different people refused with BotDisabledByAdmin since the tenant's last successful send (admin-refusals.ts). */
  adminRefused?: Set<string>;
  /** Set when Teams refused the bot itself for this tenant (401, NotEnoughPermissions): halt-run.ts. */
  halted?: HaltCause;
  limiter: TenantLimiter;
  pool: WorkPool;
}

/** State shared by everything one tick does. */
export interface TickContext {
  deps: DeliveryDeps;
  now: () => Date;
  timing: Timing;
  random: () => number;
  counters: TickCounters;
  sources: OwnerSources;
  conversations: ConversationLimiter;
  /** Every tenant's limiter, shared with clicks' card updates when the runtime provides them. */
  limiters: TenantLimiters;
  /** Set when the bot can get no token at all: every tenant's share of the run stops (halt-run.ts). */
  halted?: HaltCause;
  /** The halt causes already alerted in this run (one alert, however many tenants they stop). */
  alerted?: Set<HaltCause>;
}
