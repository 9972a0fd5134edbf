import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { ContainerSpec } from '../containers';
import { StoreError } from '../errors';
import type { OpMetrics } from '../op-metrics';
import type { Collection, Query, Versioned } from '../port';
import { mapSqliteError } from './map-sqlite-error';
import type { SqliteConnection } from './sqlite-connection';
import type { WriteBatch } from './write-batch';
import { fieldExpression, translateQuery } from './translate-query';

/** Rows whose expiry has not passed; the first parameter is "now" in epoch milliseconds. */
const LIVE = '(expires_at IS NULL OR expires_at > ?)';

interface Row {
  doc: string;
  etag: string;
}

export interface SqliteCollectionDeps {
  conn: SqliteConnection;
  metrics: OpMetrics;
  now: () => Date;
  /** Group commit shared by the store's collections; writes resolve once committed. */
  writes: WriteBatch;
}

/** The names and definitions of the indexes one container needs, besides its primary key. */
export function indexesFor(spec: ContainerSpec): { name: string; sql: string }[] {
  const t = spec.name;
  return [
    {
      name: `${t}__expires_at`,
      sql: `CREATE INDEX IF NOT EXISTS "${t}__expires_at" ON "${t}" (expires_at) WHERE expires_at IS NOT NULL`,
    },
    ...spec.indexes.map((fields) => {
      const name = `${t}__${fields.join('__')}`;
      const columns = fields.map((f) => fieldExpression(f, spec)).join(', ');
      return { name, sql: `CREATE INDEX IF NOT EXISTS "${name}" ON "${t}" (${columns})` };
    }),
  ];
}

/**
 * Brings one container's table and indexes up to date: creates what is missing and drops indexes
 * an earlier version made that the container no longer lists (every index costs every write).
 */
export function migrateSchema(db: Database.Database, spec: ContainerSpec): void {
  const t = spec.name;
  db.exec(
    `CREATE TABLE IF NOT EXISTS "${t}" (pk TEXT NOT NULL, id TEXT NOT NULL, doc TEXT NOT NULL, etag TEXT NOT NULL, expires_at INTEGER, PRIMARY KEY (pk, id))`,
  );
  const wanted = indexesFor(spec);
  const names = new Set(wanted.map((i) => i.name));
  const existing = db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL`)
    .pluck()
    .all(t) as string[];
  for (const name of existing) {
    if (name.startsWith(`${t}__`) && !names.has(name)) db.exec(`DROP INDEX IF EXISTS "${name}"`);
  }
  for (const index of wanted) db.exec(index.sql);
}

/**
 * A Collection stored in one SQLite table. Writes are single statements, so each is atomic; the
 * etag is a fresh random UUID per write. TTL follows Cosmos DB: when the container has a
 * defaultTtl, an item's `ttl` (seconds after its last write, -1 = never) sets `expires_at`;
 * expired rows are invisible to every read and are purged by `purgeExpired`.
 */
export function createSqliteCollection<T extends { id: string }>(
  spec: ContainerSpec,
  deps: SqliteCollectionDeps,
): Collection<T> & { purgeExpired(): number } {
  const t = `"${spec.name}"`;
  const statements = new Map<string, Database.Statement>();
  const prepare = (sql: string): Database.Statement => {
    let stmt = statements.get(sql);
    if (!stmt) {
      if (statements.size > 500) statements.clear(); // bound the cache of generated query SQL
      stmt = deps.conn.db().prepare(sql);
      statements.set(sql, stmt);
    }
    return stmt;
  };
  const nowMs = (): number => deps.now().getTime();

  const run = async <R>(op: string, body: () => R): Promise<R> => {
    deps.metrics.record(`${spec.name}.${op}`, 0);
    try {
      return body();
    } catch (err) {
      throw mapSqliteError(err, `${spec.name}.${op}`);
    }
  };

  const runWrite = <R>(op: string, body: () => R): Promise<R> => {
    deps.metrics.record(`${spec.name}.${op}`, 0);
    return deps.writes.run(() => {
      try {
        return body();
      } catch (err) {
        throw mapSqliteError(err, `${spec.name}.${op}`);
      }
    });
  };

  const partitionOf = (doc: T): string => {
    const pk = (doc as Record<string, unknown>)[spec.partitionField];
    if (typeof pk !== 'string' || pk === '') {
      throw new StoreError('invalid', `${spec.name} document needs a string ${spec.partitionField}`);
    }
    return pk;
  };

  const expiryOf = (doc: T, at: number): number | null => {
    if (spec.defaultTtl === undefined) return null; // TTL off for the container, as on Cosmos DB
    const ttl = (doc as { ttl?: unknown }).ttl;
    const seconds = typeof ttl === 'number' ? ttl : spec.defaultTtl;
    return seconds > 0 ? at + seconds * 1000 : null;
  };

  const serialise = (doc: T): string => {
    const { etag: _etag, ...rest } = doc as T & { etag?: unknown };
    return JSON.stringify(rest);
  };

  const toVersioned = (row: Row): Versioned<T> => ({ ...(JSON.parse(row.doc) as T), etag: row.etag });

  // The SQL of the per-document operations, built once (the statement cache is keyed by it).
  const READ_SQL = `SELECT doc, etag FROM ${t} WHERE pk = ? AND id = ? AND ${LIVE}`;
  const CREATE_SQL = `INSERT INTO ${t} (doc, etag, expires_at, pk, id) VALUES (@doc, @etag, @expiresAt, @pk, @id)
           ON CONFLICT (pk, id) DO UPDATE SET doc = excluded.doc, etag = excluded.etag, expires_at = excluded.expires_at
           WHERE ${t}.expires_at IS NOT NULL AND ${t}.expires_at <= @now`;
  const UPSERT_SQL = `INSERT INTO ${t} (doc, etag, expires_at, pk, id) VALUES (@doc, @etag, @expiresAt, @pk, @id)
           ON CONFLICT (pk, id) DO UPDATE SET doc = excluded.doc, etag = excluded.etag, expires_at = excluded.expires_at`;
  const REPLACE_SQL = `UPDATE ${t} SET doc = @doc, etag = @etag, expires_at = @expiresAt
           WHERE pk = @pk AND id = @id AND etag = @ifMatch AND (expires_at IS NULL OR expires_at > @now)`;

  const readRow = (pk: string, id: string, at: number): Row | undefined =>
    prepare(READ_SQL).get(pk, id, at) as Row | undefined;

  /** Runs a write bound by name (@doc, @etag, @expiresAt, @pk, @id, @now, @ifMatch); 0 rows changed calls onNoChange. */
  const write = (doc: T, sql: string, ifMatch: string | null, onNoChange: () => never): Versioned<T> => {
    const at = nowMs();
    const json = serialise(doc);
    const etag = randomUUID();
    const params = {
      doc: json,
      etag,
      expiresAt: expiryOf(doc, at),
      pk: partitionOf(doc),
      id: doc.id,
      now: at,
      ifMatch,
    };
    if (prepare(sql).run(params).changes === 0) onNoChange();
    return { ...(JSON.parse(json) as T), etag };
  };

  return {
    get: (pk, id) =>
      run('get', () => {
        const row = readRow(pk, id, nowMs());
        return row ? toVersioned(row) : undefined;
      }),

    create: (doc) =>
      runWrite('create', () =>
        // An expired row with the same key counts as absent: the insert overwrites it.
        write(doc, CREATE_SQL, null, () => {
          throw new StoreError('conflict', `${spec.name} ${doc.id} already exists`);
        }),
      ),

    upsert: (doc) =>
      runWrite('upsert', () =>
        write(doc, UPSERT_SQL, null, () => {
          throw new StoreError('unavailable', `${spec.name} upsert wrote nothing`);
        }),
      ),

    replace: (doc, etag) =>
      runWrite('replace', () =>
        write(doc, REPLACE_SQL, etag, () => {
          if (readRow(partitionOf(doc), doc.id, nowMs())) {
            throw new StoreError('precondition_failed', `${spec.name} ${doc.id} changed since it was read`);
          }
          throw new StoreError('not_found', `${spec.name} ${doc.id} does not exist`);
        }),
      ),

    delete: (pk, id, etag) =>
      runWrite('delete', () => {
        const at = nowMs();
        if (etag === undefined) {
          return prepare(`DELETE FROM ${t} WHERE pk = ? AND id = ? AND ${LIVE}`).run(pk, id, at).changes > 0;
        }
        const changes = prepare(`DELETE FROM ${t} WHERE pk = ? AND id = ? AND etag = ? AND ${LIVE}`).run(
          pk,
          id,
          etag,
          at,
        ).changes;
        if (changes > 0) return true;
        if (readRow(pk, id, at)) {
          throw new StoreError('precondition_failed', `${spec.name} ${id} changed since it was read`);
        }
        return false;
      }),

    query: (q: Query) =>
      run('query', () => {
        const tail = translateQuery(q, spec, LIVE, nowMs());
        const rows = prepare(`SELECT doc, etag FROM ${t}${tail.sql}`).all(...tail.params) as Row[];
        return rows.map(toVersioned);
      }),

    count: (q) =>
      run('count', () => {
        const tail = translateQuery({ where: q.where, partitionKey: q.partitionKey }, spec, LIVE, nowMs());
        const row = prepare(`SELECT COUNT(*) AS n FROM ${t}${tail.sql}`).get(...tail.params) as { n: number };
        return row.n;
      }),

    deletePartition: (pk) =>
      runWrite('deletePartition', () => {
        const db = deps.conn.db();
        const at = nowMs();
        return db.transaction(() => {
          const live = prepare(`DELETE FROM ${t} WHERE pk = ? AND ${LIVE}`).run(pk, at).changes;
          prepare(`DELETE FROM ${t} WHERE pk = ?`).run(pk);
          return live;
        })();
      }),

    purgeExpired: () =>
      prepare(`DELETE FROM ${t} WHERE expires_at IS NOT NULL AND expires_at <= ?`).run(nowMs()).changes,
  };
}
