/**
 * Runs queued async tasks with at most `concurrency` at once. Task failures are the task's own
 * business (wrap them); the pool only counts. `drained()` resolves when the queue is empty and idle.
 */
export class WorkPool {
  private readonly queue: (() => Promise<void>)[] = [];
  private active = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly concurrency: number,
    private readonly onSettled: () => void = () => {},
  ) {}

  enqueue(task: () => Promise<void>): void {
    this.queue.push(task);
    this.pump();
  }

  /** Tasks queued or running. */
  get pending(): number {
    return this.queue.length + this.active;
  }

  drained(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private pump(): void {
    while (this.active < this.concurrency && this.queue.length > 0) {
      const task = this.queue.shift() as () => Promise<void>;
      this.active++;
      void task()
        .catch(() => undefined)
        .finally(() => {
          this.active--;
          this.onSettled();
          this.pump();
          if (this.pending === 0) {
            const waiters = this.idleWaiters;
            this.idleWaiters = [];
            for (const w of waiters) w();
          }
        });
    }
  }
}
