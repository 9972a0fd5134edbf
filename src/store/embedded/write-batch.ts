import type Database from 'better-sqlite3';
import { StoreError } from '../errors';
import { mapSqliteError } from './map-sqlite-error';

/** Group commit for one SQLite connection: writes issued in the same event-loop turn share one transaction. */
export interface WriteBatch {
  /**
   * Runs `body` (synchronous SQLite work) in the next shared transaction and resolves with its result
   * only once that transaction has committed, so a resolved write is as durable as an autocommitted
   * one. `body` throwing fails only its own write; the others in the batch still commit.
   */
  run<R>(body: () => R): Promise<R>;
  /** Commits what is queued now (before close, for example). */
  flush(): void;
}

interface Pending {
  body: () => unknown;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

/**
 * Makes the group-commit queue for `db()`. A commit per write costs more than the write itself (WAL
 * frames for the table and every index page, and the WAL index update); sharing one commit among the
 * writes of one event-loop turn costs a fraction of that per write. The transaction is BEGIN
 * IMMEDIATE, so it waits for another process's write lock (busy_timeout) up front rather than failing
 * on an upgrade from read to write.
 */
export function createWriteBatch(db: () => Database.Database, onCommit: () => void = () => {}): WriteBatch {
  let queue: Pending[] = [];
  let scheduled = false;
  // Prepared once per handle: preparing BEGIN and COMMIT for every batch was a measurable part of a write.
  let statementsOf: { handle: Database.Database; begin: Database.Statement; commit: Database.Statement } | undefined;
  const statements = (handle: Database.Database) => {
    if (statementsOf?.handle !== handle) {
      statementsOf = { handle, begin: handle.prepare('BEGIN IMMEDIATE'), commit: handle.prepare('COMMIT') };
    }
    return statementsOf;
  };

  const flush = (): void => {
    scheduled = false;
    const batch = queue;
    queue = [];
    if (batch.length === 0) return;
    const outcomes: { ok: boolean; value: unknown }[] = [];
    let handle: Database.Database;
    try {
      handle = db();
      statements(handle).begin.run();
    } catch (err) {
      const mapped = mapSqliteError(err, 'write');
      for (const p of batch) p.reject(mapped);
      return;
    }
    let lost: unknown;
    for (const p of batch) {
      try {
        outcomes.push({ ok: true, value: p.body() });
      } catch (err) {
        outcomes.push({ ok: false, value: err });
        // An I/O or full-disk failure may roll the whole transaction back: then nothing in it stands.
        if (!handle.inTransaction) {
          lost = err;
          break;
        }
      }
    }
    if (lost === undefined) {
      try {
        statements(handle).commit.run();
      } catch (err) {
        lost = err;
        if (handle.inTransaction) handle.prepare('ROLLBACK').run();
      }
    }
    if (lost !== undefined) {
      const mapped = mapSqliteError(lost, 'write');
      const failure =
        mapped instanceof StoreError ? mapped : new StoreError('unavailable', 'write not committed', lost);
      for (const p of batch) p.reject(failure);
      return;
    }
    onCommit();
    batch.forEach((p, i) => {
      const o = outcomes[i]!;
      if (o.ok) p.resolve(o.value);
      else p.reject(o.value);
    });
  };

  return {
    run<R>(body: () => R): Promise<R> {
      return new Promise<R>((resolve, reject) => {
        queue.push({ body, resolve: resolve as (v: unknown) => void, reject });
        if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      });
    },
    flush,
  };
}
