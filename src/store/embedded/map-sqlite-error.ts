import { StoreError } from '../errors';

/** SQLite result codes that mean "the file cannot be used right now", not "your request is wrong". */
const UNAVAILABLE_CODES = [
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_READONLY',
  'SQLITE_CANTOPEN',
  'SQLITE_IOERR',
  'SQLITE_FULL',
  'SQLITE_CORRUPT',
  'SQLITE_NOTADB',
  'SQLITE_PERM',
];

/**
 * Turns a better-sqlite3 failure into a StoreError so callers never see SQLite errors.
 * Busy, read-only, unopenable, I/O and closed-connection failures become 'unavailable'; anything
 * else is returned unchanged (a bug in our SQL should surface as itself).
 */
export function mapSqliteError(err: unknown, operation: string): unknown {
  if (err instanceof StoreError) return err;
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && UNAVAILABLE_CODES.some((c) => code.startsWith(c))) {
    return new StoreError('unavailable', `embedded store unavailable during ${operation} (${code})`, err);
  }
  // better-sqlite3 throws a TypeError for statements run on a closed connection.
  if (err instanceof TypeError && /database connection is not open/i.test(err.message)) {
    return new StoreError('unavailable', `embedded store is closed (${operation})`, err);
  }
  return err;
}
