/** One rate window: at most `limit` starts in any `windowMs`. */
export interface RateWindow {
  limit: number;
  windowMs: number;
}

/**
 * Reservations against several sliding windows at once (a log of start times, so the bound is
 * exact: no window of `windowMs` ever holds more than `limit` starts). `reserve` returns the
 * earliest time at or after `at` that keeps every window within its limit and records it;
 * reservations are handed out in time order.
 */
export class SlidingWindowLog {
  private readonly times: number[] = [];
  private head = 0;
  private readonly horizonMs: number;

  constructor(private readonly windows: readonly RateWindow[]) {
    this.horizonMs = Math.max(0, ...windows.map((w) => w.windowMs));
  }

  /** Reserves the earliest allowed start at or after `at` (ms, monotonic) and returns it. */
  reserve(at: number, limitScale = 1): number {
    this.prune(at);
    const live = this.times.length - this.head;
    let t = live > 0 ? Math.max(at, this.times[this.times.length - 1] as number) : at;
    for (const w of this.windows) {
      const limit = Math.max(1, Math.floor(w.limit * limitScale));
      if (live >= limit) t = Math.max(t, (this.times[this.times.length - limit] as number) + w.windowMs);
    }
    this.times.push(t);
    return t;
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
