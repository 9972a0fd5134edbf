import type { Condition } from '../store/port';
import type { Versioned } from '../store/port';
import type { OwnerSource } from './owners';

type Dated = { id: string; nextDueAt?: string };

/** Narrows the due owners: one tenant's only, and/or those due at or after a time (a resumed read). */
export interface DueScope {
  tenantId?: string;
  fromDueAt?: string;
}

/**
 * Pages of owners (status 'active', nextDueAt <= now), oldest due first, `pageSize` at a time,
 * never loading everyone. Keyset paging on (nextDueAt, id) with AND-only conditions and one
 * ORDER BY field per query, so both adapters run it without composite indexes: pages ordered by
 * nextDueAt; when a full page ends inside a group of equal nextDueAt, that group is read on its
 * own ordered by id. Owners whose nextDueAt moves past `now` meanwhile drop out of later pages.
 */
export async function* pageDueOwners<R extends Dated>(
  source: OwnerSource<R>,
  nowIso: string,
  pageSize: number,
  scope: DueScope = {},
): AsyncGenerator<Versioned<R>[]> {
  const due: Condition[] = [
    { field: 'status', op: '=', value: 'active' },
    { field: 'nextDueAt', op: '<=', value: nowIso },
    ...(scope.tenantId === undefined ? [] : [{ field: 'tenantId', op: '=', value: scope.tenantId } as Condition]),
    ...(scope.fromDueAt === undefined ? [] : [{ field: 'nextDueAt', op: '>=', value: scope.fromDueAt } as Condition]),
  ];
  let after: string | undefined; // every owner with nextDueAt <= after has been yielded
  for (;;) {
    const page = await source.collection.query({
      where: after === undefined ? due : [...due, { field: 'nextDueAt', op: '>', value: after }],
      orderBy: [{ field: 'nextDueAt' }],
      limit: pageSize,
    });
    if (page.length < pageSize) {
      if (page.length > 0) yield page;
      return;
    }
    const edge = page[page.length - 1]?.nextDueAt ?? '';
    const before = page.filter((o) => (o.nextDueAt ?? '') < edge);
    if (before.length > 0) yield before;
    // The group at `edge` may go on past this page: read it whole, by id.
    let lastId = '';
    for (;;) {
      const group = await source.collection.query({
        where: [...due, { field: 'nextDueAt', op: '=', value: edge }, { field: 'id', op: '>', value: lastId }],
        orderBy: [{ field: 'id' }],
        limit: pageSize,
      });
      if (group.length > 0) yield group;
      if (group.length < pageSize) break;
      lastId = group[group.length - 1]?.id ?? '';
    }
    after = edge;
  }
}
