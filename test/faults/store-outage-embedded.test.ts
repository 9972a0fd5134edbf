import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../../src/paths';
import { createEmbeddedStore } from '../../src/store/embedded/embedded-store';
import { startHarness, type Harness } from '../support/bot-harness';
import { recordFigures } from '../support/reliability-figures';
import { VirtualClock } from '../support/virtual-clock';
import { OUTAGE_START_MS, runStoreOutage, type Outage } from './store-outage';

/**
 * How long the file stays locked at least. Nothing the test asserts grows with the outage (see the
 * Cosmos DB test), and while the file is locked every write of this in-process app blocks the test's
 * event loop for the busy timeout, so a long outage only costs CI time.
 */
const OUTAGE_MS = 1_000;
/** Instead of the 5 s default, so a blocked write gives up (as 'unavailable') quickly. */
const BUSY_TIMEOUT_MS = 50;

/** Another process takes the SQLite file's write lock (BEGIN EXCLUSIVE) and holds it until told to let go. */
const LOCKER = `
const Database = require('better-sqlite3');
const db = new Database(process.argv[1]);
db.exec('BEGIN EXCLUSIVE');
process.stdout.write('locked\\n');
process.stdin.once('data', () => { db.exec('COMMIT'); db.close(); process.exit(0); });
`;

function lockFile(path: string): Outage & { locker(): ChildProcess | undefined } {
  let child: ChildProcess | undefined;
  return {
    ms: OUTAGE_MS,
    locker: () => child,
    begin: () =>
      new Promise<void>((resolve, reject) => {
        child = spawn(process.execPath, ['-e', LOCKER, path], {
          cwd: projectRoot(),
          stdio: ['pipe', 'pipe', 'inherit'],
        });
        child.once('error', reject);
        child.stdout?.once('data', () => resolve());
      }),
    end: () =>
      new Promise<void>((resolve) => {
        child?.once('exit', () => resolve());
        child?.stdin?.write('release\n');
      }),
  };
}

describe('the embedded store file locked by another process during a weekly run and during user actions', () => {
  let h: Harness;
  let dataDir: string;
  let outage: ReturnType<typeof lockFile>;
  const clock = new VirtualClock();

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'outage-embedded-'));
    const store = createEmbeddedStore({ dataDir, busyTimeoutMs: BUSY_TIMEOUT_MS });
    outage = lockFile(join(dataDir, 'nudges.sqlite'));
    // A slow tenant limit (on the virtual clock) so the store goes away in the middle of the run.
    h = await startHarness({
      store: clock.watch(store),
      dataDir,
      env: { TENANT_RATE_LIMIT: '5' },
      timing: clock.timing,
      now: () => new Date(OUTAGE_START_MS + clock.now),
    });
  }, 60_000);

  afterAll(async () => {
    outage?.locker()?.kill('SIGKILL');
    await h?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows the friendly error card, sends nothing while locked, then reaches every due person once and leaves nothing half-written', async () => {
    const figures = await runStoreOutage({ h, people: 40, answerers: 3, clock, outage });
    recordFigures('storeOutageEmbedded', figures);
  }, 120_000);
});
