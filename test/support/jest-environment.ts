import { appendFileSync } from 'node:fs';
import { TestEnvironment } from 'jest-environment-node';

/**
 * Jest's Node environment with two changes that keep a green `npm test` quiet. Without them, Jest
 * ends most full runs with "A worker process has failed to exit gracefully and has been force
 * exited": a worker that has nothing left to run still needs more than the 500 ms Jest gives it to
 * exit, because releasing its memory takes that long on two cores.
 *
 * - A full garbage collection after a test file once the heap passes 300 MB, when the worker was
 *   started with --expose-gc (test/support/global-setup.ts asks for it). Every test file loads the
 *   bot's modules afresh (botbuilder, the Cosmos SDK, restify), and V8 collects the old copies
 *   lazily: a worker that ran 40 files held 600 MB of heap at the end.
 * - A worker whose event loop is empty exits at once (process.exit from `beforeExit`), skipping
 *   the heap teardown Node does on a natural exit. `beforeExit` fires only when nothing is left
 *   to do, so nothing is cut short; any handle a test leaks still keeps the worker alive, and Jest
 *   still reports it.
 */
/** With TEST_CPU_REPORT=<file>, also appends one line per test file: its CPU and elapsed seconds. */
export default class QuietExitEnvironment extends TestEnvironment {
  private cpuAtStart = process.cpuUsage();
  private wallAtStart = Date.now();
  private readonly file: string;
  constructor(
    config: ConstructorParameters<typeof TestEnvironment>[0],
    context: ConstructorParameters<typeof TestEnvironment>[1],
  ) {
    super(config, context);
    this.file = context.testPath;
  }
  override async setup(): Promise<void> {
    exitPromptlyWhenIdle();
    this.cpuAtStart = process.cpuUsage();
    this.wallAtStart = Date.now();
    await super.setup();
  }

  override async teardown(): Promise<void> {
    if (process.env.TEST_CPU_REPORT) {
      // A line per test file: the CPU seconds its worker spent on it (loading modules included) and
      // its elapsed seconds. Elapsed far above CPU means the file mostly waits (timers, child processes).
      const cpu = process.cpuUsage(this.cpuAtStart);
      const line = {
        file: this.file,
        cpuS: (cpu.user + cpu.system) / 1e6,
        wallS: (Date.now() - this.wallAtStart) / 1000,
      };
      appendFileSync(process.env.TEST_CPU_REPORT, `${JSON.stringify(line)}\n`);
    }
    await super.teardown();
    // Only once the heap has grown: a full collection after every file cost about 10% of the run's CPU.
    if (process.memoryUsage().heapUsed > GC_ABOVE_BYTES) (globalThis as { gc?: () => void }).gc?.();
  }
}

/** Heap in use above which a worker collects garbage after a test file. */
const GC_ABOVE_BYTES = 300 * 1024 * 1024;

let hooked = false;

/** In a Jest worker process (it has an IPC channel to Jest), exit as soon as the event loop is empty. */
function exitPromptlyWhenIdle(): void {
  if (hooked || typeof process.send !== 'function') return;
  hooked = true;
  process.once('beforeExit', (code) => process.exit(code));
}
