import type { ConversationLimiter } from './conversation-limiter';
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
  /** Set when Teams answered BotDisabledByAdmin (now or in a pause recorded by an earlier run): nothing is sent. */
  paused?: boolean;
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
}
