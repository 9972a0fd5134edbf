import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { StoreError } from '../errors';
import { mapSqliteError } from './map-sqlite-error';

/** The one database handle the embedded store's collections share, opened by init and closed by close. */
export interface SqliteConnection {
  /** The open database; throws StoreError('unavailable') before open() or after close(). */
  db(): Database.Database;
  /** Opens (creating the folder and file if absent) in WAL mode. Idempotent. */
  open(): Database.Database;
  close(): void;
  readonly path: string;
}

export interface SqliteConnectionOptions {
  dataDir: string;
  file: string;
  /** How long a write waits for another process's lock before failing as 'unavailable'. */
  busyTimeoutMs: number;
  /** Called with every SQL statement run (parameters filled in): for diagnostics and tests only. */
  onStatement?: (sql: string) => void;
}

/** Sets a file's or folder's mode; one owned by another account is left as it is (chmod would fail). */
function restrictTo(path: string, mode: number): void {
  try {
    chmodSync(path, mode);
  } catch {
    // not ours to change: the folder's owner decides who may read it
  }
}

/** Makes a lazily opened connection to `dataDir/file`. */
export function createSqliteConnection(opts: SqliteConnectionOptions): SqliteConnection {
  const path = join(opts.dataDir, opts.file);
  let handle: Database.Database | undefined;
  let closed = false;
  return {
    path,
    db() {
      if (!handle || closed) throw new StoreError('unavailable', 'embedded store is not open');
      return handle;
    },
    open() {
      if (closed) throw new StoreError('unavailable', 'embedded store was closed');
      if (handle) return handle;
      try {
        // Only the bot's own account may read the folder and its files (they hold reflections).
        mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
        restrictTo(opts.dataDir, 0o700);
        const previousUmask = process.umask(0o077);
        let db: Database.Database;
        try {
          db = new Database(path, opts.onStatement ? { verbose: (sql) => opts.onStatement?.(String(sql)) } : {});
          db.pragma(`busy_timeout = ${Math.max(0, Math.floor(opts.busyTimeoutMs))}`);
          // Deleted content is overwritten with zeros, not left in free space (erasure must erase).
          db.pragma('secure_delete = ON');
          db.pragma('journal_mode = WAL');
        } finally {
          process.umask(previousUmask);
        }
        // SQLite gives the -wal and -shm files the database file's mode; files from older versions are tightened.
        for (const file of [path, `${path}-wal`, `${path}-shm`]) if (existsSync(file)) restrictTo(file, 0o600);
        // NORMAL in WAL mode is durable against process crashes; only a power loss may lose the last commits.
        db.pragma('synchronous = NORMAL');
        // Checkpoints are where NORMAL fsyncs: checkpointing every ~40 MB instead of every 4 MB roughly
        // doubles single-document write throughput; the WAL file is trimmed back to 64 MB afterwards.
        db.pragma('wal_autocheckpoint = 10000');
        db.pragma('journal_size_limit = 67108864');
        handle = db;
        return db;
      } catch (err) {
        const mapped = mapSqliteError(err, 'open');
        if (mapped instanceof StoreError) throw mapped;
        throw new StoreError('unavailable', `cannot open embedded store at ${path}`, err);
      }
    },
    close() {
      closed = true;
      if (handle?.open) handle.close();
    },
  };
}
