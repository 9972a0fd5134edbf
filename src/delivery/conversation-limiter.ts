import { SlidingWindowLog, type RateWindow } from './sliding-window';
import type { Timing } from './tenant-limiter';

/** Teams' per-conversation limits for a bot: https://learn.microsoft.com/microsoftteams/platform/bots/how-to/rate-limit */
export const TEAMS_CONVERSATION_WINDOWS: readonly RateWindow[] = [
  { limit: 7, windowMs: 1000 },
  { limit: 8, windowMs: 2000 },
  { limit: 60, windowMs: 30_000 },
  { limit: 1800, windowMs: 3_600_000 },
];

/**
 * Keeps sends to each conversation within Teams' per-conversation limits. Logs are kept only
 * for conversations with a send in the last hour, and swept as the maps grow. A weekly run sends
 * once to each of up to hundreds of thousands of conversations, so a conversation with one send
 * is kept as just its time (one send can never hold up the next while every limit is 2 or more),
 * and gets a full log only at its second send.
 */
export class ConversationLimiter {
  private readonly logs = new Map<string, SlidingWindowLog>();
  private readonly singles = new Map<string, number>();
  private readonly horizonMs: number;
  private readonly compactSingles: boolean;
  private sweepAt = 1024;

  constructor(
    private readonly timing: Timing,
    private readonly windows: readonly RateWindow[] = TEAMS_CONVERSATION_WINDOWS,
  ) {
    this.horizonMs = Math.max(0, ...windows.map((w) => w.windowMs));
    this.compactSingles = windows.every((w) => w.limit >= 2);
  }

  /** Resolves when one more request to `conversationId` may start. */
  async acquire(conversationId: string): Promise<void> {
    const now = this.timing.monotonicMs();
    let log = this.logs.get(conversationId);
    if (!log) {
      const single = this.singles.get(conversationId);
      if (single === undefined && this.compactSingles) {
        this.singles.set(conversationId, now);
        if (this.size >= this.sweepAt) this.sweep(now);
        return;
      }
      log = new SlidingWindowLog(this.windows);
      if (single !== undefined) {
        log.record(single);
        this.singles.delete(conversationId);
      }
      this.logs.set(conversationId, log);
      if (this.size >= this.sweepAt) this.sweep(now);
    }
    for (let wait = log.waitMs(now); wait > 0; wait = log.waitMs(this.timing.monotonicMs())) {
      await this.timing.sleep(wait);
    }
    log.record(this.timing.monotonicMs());
  }

  /** Conversations currently tracked (for tests and memory checks). */
  get size(): number {
    return this.logs.size + this.singles.size;
  }

  private sweep(now: number): void {
    for (const [id, log] of this.logs) if (log.isIdle(now)) this.logs.delete(id);
    for (const [id, at] of this.singles) if (at <= now - this.horizonMs) this.singles.delete(id);
    this.sweepAt = Math.max(1024, this.size * 2);
  }
}
