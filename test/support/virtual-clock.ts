import type { Store } from '../../src/store/port';

interface Timer {
  at: number;
  seq: number;
  fire: () => void;
}

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * A discrete-event clock for the engine's `Timing`: `sleep` registers a timer, and `run` moves time
 * to the earliest timer only once every other piece of work is waiting (no store call in flight and
 * nothing left on the event loop after a few turns). Rate-limited runs of minutes then take seconds
 * of real time, and the times they report do not depend on how busy the machine is.
 */
export class VirtualClock {
  private nowMs: number;
  private seq = 0;
  private timers: Timer[] = [];
  private inFlight = 0;
  /** Woken when a counted call ends, so waiting on real I/O does not spin. */
  private onRelease: (() => void)[] = [];

  constructor(startMs = 0) {
    this.nowMs = startMs;
  }

  readonly timing = {
    monotonicMs: (): number => this.nowMs,
    sleep: (ms: number): Promise<void> =>
      new Promise<void>((fire) => {
        this.timers.push({ at: this.nowMs + Math.max(0, ms), seq: this.seq++, fire });
      }),
  };

  get now(): number {
    return this.nowMs;
  }

  /**
   * The same store, with every collection call counted while it is in flight, so time stands still
   * while the store works (Cosmos calls are real HTTP round trips). Nothing is changed or faked.
   */
  watch(store: Store): Store {
    const count = <T>(result: Promise<T>): Promise<T> => {
      this.inFlight++;
      return result.finally(() => this.release());
    };
    const wrapCollection = (collection: object): object =>
      new Proxy(collection, {
        get(target, prop, receiver) {
          const value = Reflect.get(target, prop, receiver) as unknown;
          if (typeof value !== 'function') return value;
          return (...args: unknown[]) => {
            const result = (value as (...a: unknown[]) => unknown).apply(target, args);
            return result instanceof Promise ? count(result) : result;
          };
        },
      });
    return new Proxy(store, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver) as unknown;
        if (value && typeof value === 'object' && typeof (value as { query?: unknown }).query === 'function') {
          return wrapCollection(value);
        }
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
  }

  /**
   * Holds time still until `work` settles, as `watch` does for store calls: for real I/O the clock
   * cannot see otherwise (e.g. an HTTP call on its way to the connector double).
   */
  hold(work: Promise<unknown>): void {
    this.inFlight++;
    const release = (): void => this.release();
    work.then(release, release);
  }

  /** Runs `work` to its end, moving time on whenever everything is asleep. */
  async run<T>(work: Promise<T>): Promise<T> {
    let done = false;
    let failed: unknown;
    let result: T | undefined;
    void work.then(
      (r) => {
        result = r;
        done = true;
      },
      (err: unknown) => {
        failed = err;
        done = true;
      },
    );
    while (!done) {
      await this.quiesce();
      if (done) break;
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.timers.shift();
      if (!next) {
        // Waiting on something real the clock does not count (I/O): give it a moment, without spinning.
        await new Promise((resolve) => setTimeout(resolve, 1));
        continue;
      }
      this.nowMs = Math.max(this.nowMs, next.at);
      next.fire();
    }
    if (failed !== undefined) throw failed;
    return result as T;
  }

  private release(): void {
    this.inFlight--;
    const waiting = this.onRelease;
    this.onRelease = [];
    for (const wake of waiting) wake();
  }

  private async quiesce(): Promise<void> {
    for (let idle = 0; idle < 3;) {
      await turn();
      if (this.inFlight > 0) {
        idle = 0;
        await new Promise<void>((resolve) => this.onRelease.push(resolve));
      } else idle++;
    }
  }
}
