import type { SqlParameter, SqlQuerySpec } from '@azure/cosmos';
import { StoreError } from '../errors';
import { checkLimit, parseFieldPath } from '../field-path';
import type { Condition, Query } from '../port';

/** `c["a"]["b"]` for 'a.b': bracket form so field names that are SQL keywords (value, order...) still work. */
export function fieldReference(field: string): string {
  return `c${parseFieldPath(field)
    .map((s) => `["${s}"]`)
    .join('')}`;
}

function translateCondition(c: Condition, parameters: SqlParameter[]): string {
  const ref = fieldReference(c.field);
  if (c.value === null) {
    // Cosmos DB tells a missing field (undefined) from null; the port treats both as "no value".
    if (c.op === '=') return `(NOT IS_DEFINED(${ref}) OR IS_NULL(${ref}))`;
    if (c.op === '!=') return `(IS_DEFINED(${ref}) AND NOT IS_NULL(${ref}))`;
    throw new StoreError('invalid', `operator ${c.op} cannot compare with null (field ${c.field})`);
  }
  const name = `@p${parameters.length}`;
  parameters.push({ name, value: c.value });
  return `${ref} ${c.op} ${name}`;
}

function whereClause(q: Pick<Query, 'where'>, parameters: SqlParameter[]): string {
  const terms = (q.where ?? []).map((c) => translateCondition(c, parameters));
  return terms.length > 0 ? ` WHERE ${terms.join(' AND ')}` : '';
}

/**
 * Translates the portable Query into parameterised Cosmos DB SQL (`SELECT TOP n * FROM c WHERE ...
 * ORDER BY ...`). The partition key is passed as a request option (and as a filter, see the collection).
 *
 * Ordering, as checked against @vercel/cosmosdb-server and Cosmos DB's documented behaviour:
 * - Single-field ORDER BY works on both without extra indexing.
 * - ORDER BY on two or more fields needs a composite index in the container's indexing policy;
 *   without one both the local server and Cosmos DB reject the query (StoreError 'invalid').
 * - Items missing the ordered field: the local server leaves them out, Cosmos DB includes them
 *   (undefined sorts first), SQLite includes them (NULL sorts first). Portable callers filter on
 *   the ordered field (e.g. `nextDueAt <= now` or `!= null`) so every matched item has it.
 */
export function translateQuery(q: Query): SqlQuerySpec {
  const parameters: SqlParameter[] = [];
  const limit = checkLimit(q.limit);
  let query = `SELECT ${limit !== undefined ? `TOP ${limit} ` : ''}* FROM c${whereClause(q, parameters)}`;
  if (q.orderBy && q.orderBy.length > 0) {
    query += ` ORDER BY ${q.orderBy.map((o) => `${fieldReference(o.field)} ${o.dir === 'desc' ? 'DESC' : 'ASC'}`).join(', ')}`;
  }
  return { query, parameters };
}

/** `SELECT VALUE COUNT(1) FROM c WHERE ...` for the same conditions. */
export function translateCount(q: Pick<Query, 'where'>): SqlQuerySpec {
  const parameters: SqlParameter[] = [];
  return { query: `SELECT VALUE COUNT(1) FROM c${whereClause(q, parameters)}`, parameters };
}

/** `SELECT VALUE c.id FROM c WHERE ...`: just the ids, for deleting a partition item by item. */
export function translateIds(q: Pick<Query, 'where'>): SqlQuerySpec {
  const parameters: SqlParameter[] = [];
  return { query: `SELECT VALUE c.id FROM c${whereClause(q, parameters)}`, parameters };
}
