import { interactiveReserveFor, TenantLimiter, type Timing } from './tenant-limiter';

/**
 * One TenantLimiter per tenant for the whole process, shared by the weekly runs and by the card
 * updates and follow-ups of clicks, so every outbound call of a tenant counts against one limit.
 * Limiters with nothing left in their window are dropped as the map grows.
 */
export class TenantLimiters {
  private readonly limiters = new Map<string, TenantLimiter>();
  private sweepAt = 256;
  readonly reserve: number;

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
      this.limiters.set(tenantId, limiter);
    }
    return limiter;
  }

  private sweep(): void {
    const now = this.timing.monotonicMs();
    for (const [id, limiter] of this.limiters) if (limiter.isIdle(now)) this.limiters.delete(id);
    this.sweepAt = Math.max(256, this.limiters.size * 2);
  }
}
