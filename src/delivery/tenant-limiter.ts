import { SlidingWindowLog } from './sliding-window';

/** Sleeps and reads elapsed time; injected so tests and benchmarks control them. */
export interface Timing {
  monotonicMs: () => number;
  sleep: (ms: number) => Promise<void>;
}

// Network jitter can bunch requests at the receiver: a little slack keeps every one-second window there within the limit.
const WINDOW_SLACK_MS = 40;
const RECOVERY_STEP_MS = 2000;
const GAP_FRACTION = 0.9;
/** Rate kept after a 429 (then recovering by a tenth of the limit every two seconds). */
const SLOW_DOWN_FACTOR = 0.75;

/** Who is asking for a send: the weekly run (bulk) or a person's click (interactive: card updates, follow-ups). */
export type SendPriority = 'bulk' | 'interactive';

/** The share of a tenant's limit kept for interactive sends: a fifth, at least one request per second. */
export function interactiveReserveFor(limitPerSecond: number): number {
  return limitPerSecond > 1 ? Math.max(1, Math.floor(limitPerSecond / 5)) : 0;
}

/**
 * Keeps one tenant's sends within Teams' per-app-per-tenant limit (requests per second), for every
 * outbound call: the weekly run's sends and the card updates and follow-ups of clicks. The weekly run
 * may fill the window only up to the limit minus `reserve`, so a click's update always finds room
 * within the second; both kinds count in one log, so no window holds more than the limit.
 * After a 429 the whole tenant pauses for Retry-After and runs at three quarters of the rate, recovering by a
 * tenth of the limit every two seconds without another 429. A limit of 0 means unlimited.
 */
export class TenantLimiter {
  private readonly log: SlidingWindowLog;
  private pausedUntil = 0;
  private scale = 1;
  private lastPenaltyAt = 0;
  private lastRecoveryAt = 0;
  /** Requests per second kept for interactive sends. */
  readonly reserve: number;
  /** This process's share of the limit when several instances serve the tenant (instance-share.ts). */
  instanceShare = 1;

  constructor(
    readonly limitPerSecond: number,
    private readonly timing: Timing,
    reserve = 0,
  ) {
    this.reserve = Math.max(0, Math.min(reserve, limitPerSecond - 1));
    this.log = new SlidingWindowLog([{ limit: Math.max(1, limitPerSecond), windowMs: 1000 + WINDOW_SLACK_MS }]);
  }

  /** Resolves when one more request may start; the caller must start it at once. */
  async acquire(priority: SendPriority = 'bulk'): Promise<void> {
    if (this.limitPerSecond <= 0 && this.pausedUntil === 0) return;
    // The weekly run sees a smaller limit, leaving `reserve` of every window to clicks; both see only
    // this instance's share of the tenant's limit.
    const share =
      (priority === 'bulk' ? (this.limitPerSecond - this.reserve) / this.limitPerSecond : 1) * this.instanceShare;
    for (;;) {
      const now = this.timing.monotonicMs();
      this.recover(now);
      let wait = Math.max(0, this.pausedUntil - now);
      if (this.limitPerSecond > 0) {
        // A little under the even spacing: timers fire late on a busy machine, and a full gap after each
        // late start loses rate for good. The window log above stays the hard bound. A lone click is
        // never spaced (the gap counts from the last call); a burst of clicks is, at their own rate, so
        // that calls held up on their way out cannot bunch a whole window's worth into the next second
        // at Teams (which matters most when several instances each keep to a share of the limit).
        const gap = (GAP_FRACTION * 1000) / (this.limitPerSecond * share * this.scale);
        wait = Math.max(wait, this.log.waitMs(now, this.scale * share, gap));
      }
      if (wait <= 0) {
        if (this.limitPerSecond > 0) this.log.record(now);
        return;
      }
      await this.timing.sleep(wait);
    }
  }

  /** Slows the whole tenant after a 429: pause for `retryAfterMs`, then a reduced rate for a while. */
  slowDown(retryAfterMs: number): void {
    const now = this.timing.monotonicMs();
    this.pausedUntil = Math.max(this.pausedUntil, now + retryAfterMs);
    this.scale = Math.max(0.1, this.scale * SLOW_DOWN_FACTOR);
    this.lastPenaltyAt = now;
    this.lastRecoveryAt = now;
  }

  /** Current fraction of the limit in use (1 = full rate). */
  get rateScale(): number {
    return this.scale;
  }

  /** True when nothing sent recently still counts against the limit and no pause is pending. */
  isIdle(now: number): boolean {
    return now >= this.pausedUntil && this.scale >= 1 && this.log.isIdle(now);
  }

  private recover(now: number): void {
    if (this.scale >= 1 || now - this.lastPenaltyAt < RECOVERY_STEP_MS) return;
    const steps = Math.floor((now - this.lastRecoveryAt) / RECOVERY_STEP_MS);
    if (steps <= 0) return;
    this.scale = Math.min(1, this.scale + 0.1 * steps);
    this.lastRecoveryAt += steps * RECOVERY_STEP_MS;
  }
}
