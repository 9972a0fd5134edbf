import { interactiveReserveFor, TenantLimiter, type SendPriority, type Timing } from './tenant-limiter';

/** The part of its share an instance uses when several share a tenant's limit (the rest absorbs jitter). */
const SHARED_HEADROOM = 0.9;

/**
 * One TenantLimiter per tenant for the whole process, shared by the weekly runs and by the card
 * updates and follow-ups of clicks, so every outbound call of a tenant counts against one limit.
 * Limiters with nothing left in their window are dropped as the map grows.
 */
export class TenantLimiters {
  private readonly limiters = new Map<string, TenantLimiter>();
  private sweepAt = 256;
  readonly reserve: number;
  /** How many instances share each tenant's limit (instance-share.ts); this process keeps 1/instances of it. */
  instances = 1;

  constructor(
    readonly limitPerSecond: number,
    readonly timing: Timing,
    reserve = interactiveReserveFor(limitPerSecond),
  ) {
    this.reserve = reserve;
  }

  /** The tenant's limiter (made on first use). */
  forTenant(tenantId: string): TenantLimiter {
    let limiter = this.limiters.get(tenantId);
    if (!limiter) {
      if (this.limiters.size >= this.sweepAt) this.sweep();
      limiter = new TenantLimiter(this.limitPerSecond, this.timing, this.reserve);
      limiter.instanceShare = this.share();
      this.limiters.set(tenantId, limiter);
    }
    return limiter;
  }

  /**
   * Waits for one request to the tenant's Teams endpoint to be allowed: the entry point for calls
   * made outside the delivery engine (in-turn replies and card updates of a turn, roster reads).
   * 'interactive' (the default) may use the whole limit, 'bulk' leaves the reserve for clicks.
   */
  acquire(tenantId: string, priority: SendPriority = 'interactive'): Promise<void> {
    return this.forTenant(tenantId).acquire(priority);
  }

  /**
   * Keeps every tenant's calls from this process to its share of the limit when `instances` share it
   * (instance-share.ts): 1/instances, less a tenth when there is more than one, because each
   * instance's calls can bunch on their way out (a busy event loop, a new connection) and N
   * instances' bunches can meet in one second at Teams.
   */
  shareBetween(instances: number): void {
    this.instances = Math.max(1, Math.floor(instances));
    for (const limiter of this.limiters.values()) limiter.instanceShare = this.share();
  }

  private share(): number {
    return this.instances === 1 ? 1 : SHARED_HEADROOM / this.instances;
  }

  private sweep(): void {
    const now = this.timing.monotonicMs();
    for (const [id, limiter] of this.limiters) if (limiter.isIdle(now)) this.limiters.delete(id);
    this.sweepAt = Math.max(256, this.limiters.size * 2);
  }
}
