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
 * for conversations with a send in the last hour, and swept as the map grows.
 */
export class ConversationLimiter {
  private readonly logs = new Map<string, SlidingWindowLog>();
  private sweepAt = 1024;

  constructor(
    private readonly timing: Timing,
    private readonly windows: readonly RateWindow[] = TEAMS_CONVERSATION_WINDOWS,
  ) {}

  /** Resolves when one more request to `conversationId` may start. */
  async acquire(conversationId: string): Promise<void> {
    const now = this.timing.monotonicMs();
    let log = this.logs.get(conversationId);
    if (!log) {
      log = new SlidingWindowLog(this.windows);
      this.logs.set(conversationId, log);
      if (this.logs.size >= this.sweepAt) this.sweep(now);
    }
    for (let wait = log.waitMs(now); wait > 0; wait = log.waitMs(this.timing.monotonicMs())) {
      await this.timing.sleep(wait);
    }
    log.record(this.timing.monotonicMs());
  }

  /** Conversations currently tracked (for tests and memory checks). */
  get size(): number {
    return this.logs.size;
  }

  private sweep(now: number): void {
    for (const [id, log] of this.logs) if (log.isIdle(now)) this.logs.delete(id);
    this.sweepAt = Math.max(1024, this.logs.size * 2);
  }
}
