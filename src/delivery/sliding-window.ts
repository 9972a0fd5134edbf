/** One rate window: at most `limit` starts in any `windowMs`. */
export interface RateWindow {
  limit: number;
  windowMs: number;
}

/**
 * A log of actual start times checked against several sliding windows at once, so the bound is
 * exact for requests as they really left: no window of `windowMs` holds more than `limit` starts.
 * Callers ask `waitMs(now)`; when it is 0 they `record(now)` and start at once (no await between).
 */
export class SlidingWindowLog {
  private readonly times: number[] = [];
  private head = 0;
  private readonly horizonMs: number;

  constructor(private readonly windows: readonly RateWindow[]) {
    this.horizonMs = Math.max(0, ...windows.map((w) => w.windowMs));
  }

  /**
   * How long to wait from `at` before one more start is allowed; 0 = now. `limitScale` shrinks
   * the limits (after a 429); `minGapMs` spaces starts evenly, which keeps the bound when some
   * requests are delayed on their way out, where bursts would not.
   */
  waitMs(at: number, limitScale = 1, minGapMs = 0): number {
    this.prune(at);
    const live = this.times.length - this.head;
    if (live === 0) return 0;
    let t = (this.times[this.times.length - 1] as number) + minGapMs;
    for (const w of this.windows) {
      const limit = Math.max(1, Math.floor(w.limit * limitScale));
      if (live >= limit) t = Math.max(t, (this.times[this.times.length - limit] as number) + w.windowMs);
    }
    return Math.max(0, t - at);
  }

  /** Records a start at `at` (monotonic ms, not earlier than the last one recorded). */
  record(at: number): void {
    this.times.push(at);
  }

  /** True when nothing is left inside any window at `at` (the log can be dropped). */
  isIdle(at: number): boolean {
    this.prune(at);
    return this.times.length === this.head;
  }

  private prune(at: number): void {
    while (this.head < this.times.length && (this.times[this.head] as number) <= at - this.horizonMs) this.head++;
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times.splice(0, this.head);
      this.head = 0;
    }
  }
}
