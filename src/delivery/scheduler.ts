import cron from 'node-cron';
import type { Logger } from '../logger';
import type { TickCounters } from './types';

/** The part of node-cron the scheduler uses (injected in tests). */
export type ScheduleFn = (
  expression: string,
  fn: () => Promise<void>,
  options: { noOverlap: boolean; name: string },
) => { stop(): void | Promise<void>; destroy(): void | Promise<void> };

export interface SchedulerOptions {
  /** Runs one tick; it must release its own leases when it ends (runTick does). */
  tick: (signal: AbortSignal) => Promise<TickCounters>;
  logger: Logger;
  /** Cron expression, default every minute. */
  expression?: string;
  schedule?: ScheduleFn;
}

/**
 * Runs the delivery tick every minute with node-cron (noOverlap: a long tick is never doubled in
 * one process; across processes, claims and the sender lease keep sends single). `stop()` stops
 * new ticks and waits for the one in flight, so graceful shutdown leaves no half-sent work.
 */
export class Scheduler {
  private task?: ReturnType<ScheduleFn>;
  private inFlight?: Promise<unknown>;
  private abort?: AbortController;
  private again = false;

  constructor(private readonly options: SchedulerOptions) {}

  /** Starts ticking. Idempotent. */
  start(): void {
    if (this.task) return;
    const schedule: ScheduleFn = this.options.schedule ?? ((e, fn, o) => cron.schedule(e, fn, o));
    this.task = schedule(this.options.expression ?? '* * * * *', () => this.runOnce(), {
      noOverlap: true,
      name: 'delivery-tick',
    });
  }

  /** Runs one tick now unless one is already running (then waits for that one). */
  runOnce(): Promise<void> {
    if (this.inFlight) return this.inFlight.then(() => undefined);
    const abort = new AbortController();
    this.abort = abort;
    const run = this.options
      .tick(abort.signal)
      .then(() => undefined)
      .catch((err: unknown) => this.options.logger.error({ err }, 'delivery tick failed'))
      .finally(() => {
        this.inFlight = undefined;
        if (this.again && this.task) {
          this.again = false;
          setImmediate(() => void this.runOnce());
        }
      });
    this.inFlight = run;
    return run;
  }

  /**
   * Asks for a tick as soon as possible, e.g. after welcomes were queued by a team roster read: now,
   * or right after the tick in flight. Does nothing unless the scheduler is started.
   */
  runSoon(): void {
    if (!this.task) return;
    if (this.inFlight) this.again = true;
    else void this.runOnce();
  }

  /** Stops ticking and resolves when the tick in flight (if any) has finished and released its leases. */
  async stop(): Promise<void> {
    const task = this.task;
    this.task = undefined;
    this.abort?.abort();
    if (task) {
      await task.stop();
      await task.destroy();
    }
    await this.inFlight;
  }
}
