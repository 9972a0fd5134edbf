import { TestEnvironment } from 'jest-environment-node';

/**
 * Jest's Node environment with two changes that keep a green `npm test` quiet. Without them, Jest
 * ends most full runs with "A worker process has failed to exit gracefully and has been force
 * exited": a worker that has nothing left to run still needs more than the 500 ms Jest gives it to
 * exit, because releasing its memory takes that long on two cores.
 *
 * - A full garbage collection after each test file, when the worker was started with --expose-gc
 *   (test/support/global-setup.ts asks for it). Every test file loads the bot's modules afresh
 *   (botbuilder, the Cosmos SDK, restify), and V8 collects the old copies lazily: a worker that ran
 *   40 files held 600 MB of heap at the end, and about 150 MB with this.
 * - A worker whose event loop is empty exits at once (process.exit from `beforeExit`), skipping
 *   the heap teardown Node does on a natural exit. `beforeExit` fires only when nothing is left
 *   to do, so nothing is cut short; any handle a test leaks still keeps the worker alive, and Jest
 *   still reports it.
 */
export default class QuietExitEnvironment extends TestEnvironment {
  override async setup(): Promise<void> {
    exitPromptlyWhenIdle();
    await super.setup();
  }

  override async teardown(): Promise<void> {
    await super.teardown();
    (globalThis as { gc?: () => void }).gc?.();
  }
}

let hooked = false;

/** In a Jest worker process (it has an IPC channel to Jest), exit as soon as the event loop is empty. */
function exitPromptlyWhenIdle(): void {
  if (hooked || typeof process.send !== 'function') return;
  hooked = true;
  process.once('beforeExit', (code) => process.exit(code));
}
