import { StoreError } from '../errors';
import { checkLimit, parseFieldPath } from '../field-path';
import type { ContainerSpec } from '../containers';
import type { Condition, Query } from '../port';

/** A WHERE/ORDER BY/LIMIT tail for `SELECT ... FROM <table>` with its positional parameters. */
export interface SqlTail {
  sql: string;
  params: (string | number | null)[];
}

/** The SQL expression for a field: the key columns for id and partition key, json_extract otherwise. */
export function fieldExpression(field: string, spec: ContainerSpec): string {
  if (field === spec.partitionField) return 'pk';
  if (field === 'id') return 'id';
  return `json_extract(doc, '$.${parseFieldPath(field).join('.')}')`;
}

function toSqlValue(value: Condition['value']): string | number | null {
  // JSON true/false come out of json_extract as 1/0.
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}

function translateCondition(c: Condition, spec: ContainerSpec, params: SqlTail['params']): string {
  const expr = fieldExpression(c.field, spec);
  if (c.value === null) {
    // A missing field and an explicit null both read as SQL NULL.
    if (c.op === '=') return `${expr} IS NULL`;
    if (c.op === '!=') return `${expr} IS NOT NULL`;
    throw new StoreError('invalid', `operator ${c.op} cannot compare with null (field ${c.field})`);
  }
  params.push(toSqlValue(c.value));
  return `${expr} ${c.op} ?`;
}

/**
 * Translates the portable Query into SQL. `liveClause` (the TTL filter) is always ANDed in.
 * Ordering on a missing field puts those documents first ascending (SQLite NULLs sort lowest).
 */
export function translateQuery(q: Query, spec: ContainerSpec, liveClause: string, nowMs: number): SqlTail {
  const params: SqlTail['params'] = [nowMs];
  const where = [liveClause];
  if (q.partitionKey !== undefined) {
    where.push('pk = ?');
    params.push(q.partitionKey);
  }
  for (const c of q.where ?? []) where.push(translateCondition(c, spec, params));
  let sql = ` WHERE ${where.join(' AND ')}`;
  if (q.orderBy && q.orderBy.length > 0) {
    const terms = q.orderBy.map((o) => `${fieldExpression(o.field, spec)} ${o.dir === 'desc' ? 'DESC' : 'ASC'}`);
    sql += ` ORDER BY ${terms.join(', ')}`;
  }
  const limit = checkLimit(q.limit);
  if (limit !== undefined) {
    sql += ' LIMIT ?';
    params.push(limit);
  }
  return { sql, params };
}
