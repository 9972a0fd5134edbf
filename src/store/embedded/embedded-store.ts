import { CONTAINERS, type ContainerName } from '../containers';
import { StoreError } from '../errors';
import { createOpMetrics } from '../op-metrics';
import { makeCollections } from '../collections';
import type { Store } from '../port';
import { mapSqliteError } from './map-sqlite-error';
import { createSqliteCollection, migrateSchema } from './sqlite-collection';
import { createSqliteConnection } from './sqlite-connection';
import { createWriteBatch } from './write-batch';
import { createWalEraser } from './wal-erasure';

export interface EmbeddedStoreOptions {
  /** Folder holding the database file; created if absent. */
  dataDir: string;
  /** File name inside dataDir. Default 'nudges.sqlite'. */
  file?: string;
  /** Clock used for TTL expiry. Default: the system clock. */
  now?: () => Date;
  /** How long a write waits for another process's lock. Default 5000 ms. */
  busyTimeoutMs?: number;
  /** How often expired rows are deleted (they are already invisible to reads). Default 10 minutes; 0 = never. */
  purgeIntervalMs?: number;
  /**
   * Called with every SQL statement run, parameters filled in (so it may hold personal data: never
   * log it). For diagnostics and tests only.
   */
  onStatement?: (sql: string) => void;
  /** How often an erasure's checkpoint blocked by a reader is retried (ms). Default 15 s. */
  forgetRetryMs?: number;
  /**
   * How an erasure waits between its first few checkpoint attempts (about 1.5 s in all) before it
   * answers. Default: real time. For tests, which need not wait for a reader they hold themselves.
   */
  forgetRetrySleep?: (ms: number) => Promise<void>;
}

const PURGE_INTERVAL_MS = 10 * 60 * 1000;
/**
 * How often written WAL pages are copied back into the database file. Done on a timer in small
 * steps, so the automatic checkpoint (a ~40 MB copy and fsync inside whichever write crosses the
 * threshold) stays a rare backstop instead of a latency spike on a request.
 */
const CHECKPOINT_INTERVAL_MS = 1000;

/**
 * The default store: one SQLite file in `dataDir` (WAL mode), one table per container, kept
 * across restarts. Call init() before use; after close() every call fails with 'unavailable'.
 * Expired items (per their `ttl`) are hidden from reads at once and deleted at init and on a
 * timer that does not keep the process alive.
 */
export function createEmbeddedStore(opts: EmbeddedStoreOptions): Store {
  const now = opts.now ?? (() => new Date());
  const conn = createSqliteConnection({
    dataDir: opts.dataDir,
    file: opts.file ?? 'nudges.sqlite',
    busyTimeoutMs: opts.busyTimeoutMs ?? 5000,
    onStatement: opts.onStatement,
  });
  let purgeTimer: NodeJS.Timeout | undefined;
  let checkpointTimer: NodeJS.Timeout | undefined;
  let writesSinceCheckpoint = 0;
  const writes = createWriteBatch(
    () => conn.db(),
    () => writesSinceCheckpoint++,
  );

  const eraser = createWalEraser(() => conn.db(), {
    backgroundRetryMs: opts.forgetRetryMs,
    sleep: opts.forgetRetrySleep,
  });
  const metrics = createOpMetrics();
  const purgeable: { purgeExpired(): number }[] = [];
  const collections = makeCollections(<T extends { id: string }>(name: ContainerName) => {
    const collection = createSqliteCollection<T>(CONTAINERS[name], { conn, metrics, now, writes });
    purgeable.push(collection);
    return collection;
  });
  const purgeExpired = (): void => {
    for (const c of purgeable) c.purgeExpired();
  };

  return {
    kind: 'embedded',
    ...collections,

    async init() {
      try {
        const db = conn.open();
        db.exec('CREATE TABLE IF NOT EXISTS _health (k TEXT PRIMARY KEY, v TEXT NOT NULL)');
        db.transaction(() => {
          for (const spec of Object.values(CONTAINERS)) migrateSchema(db, spec);
        }).immediate();
        purgeExpired();
      } catch (err) {
        throw mapSqliteError(err, 'init');
      }
      const every = opts.purgeIntervalMs ?? PURGE_INTERVAL_MS;
      if (every > 0 && !purgeTimer) {
        purgeTimer = setInterval(() => {
          try {
            purgeExpired();
          } catch {
            // A busy or closed file: the next run tries again; reads already hide expired rows.
          }
        }, every);
        purgeTimer.unref();
      }
      if (!checkpointTimer) {
        checkpointTimer = setInterval(() => {
          if (writesSinceCheckpoint === 0) return;
          writesSinceCheckpoint = 0;
          try {
            conn.db().pragma('wal_checkpoint(PASSIVE)'); // never waits for readers or writers
          } catch {
            // busy or closed: the next run (or SQLite's own autocheckpoint) does it
          }
        }, CHECKPOINT_INTERVAL_MS);
        checkpointTimer.unref();
      }
    },

    async forgetDeleted() {
      try {
        writes.flush();
      } catch (err) {
        throw mapSqliteError(err, 'forgetDeleted');
      }
      // Deleted cells are already zeroed in their pages (secure_delete); the WAL still holds earlier
      // copies of those pages until they are copied back and the file is cut to zero bytes.
      return eraser.forget();
    },

    async ping() {
      try {
        const db = conn.db();
        db.prepare('SELECT 1').get();
        // Take the write lock and give it back, writing nothing: a read-only or locked file reports
        // unavailable rather than ready, and a probe every few seconds adds no pages to the WAL.
        db.exec('BEGIN IMMEDIATE');
        db.exec('ROLLBACK');
      } catch (err) {
        const mapped = mapSqliteError(err, 'ping');
        throw mapped instanceof StoreError ? mapped : new StoreError('unavailable', 'embedded store ping failed', err);
      }
    },

    metrics: () => metrics.snapshot(),
    resetMetrics: () => metrics.reset(),

    async close() {
      eraser.stop();
      if (purgeTimer) clearInterval(purgeTimer);
      purgeTimer = undefined;
      if (checkpointTimer) clearInterval(checkpointTimer);
      checkpointTimer = undefined;
      writes.flush();
      conn.close();
    },
  };
}
