import type { Versioned } from '../store/port';
import type { OwnerSource } from './owners';

/**
 * Pages of owners (status 'active', nextDueAt <= now), oldest due first, `pageSize` at a time,
 * never loading everyone. Keyset paging on (nextDueAt, id) written with AND-only conditions so
 * both adapters run it: first the rest of the current nextDueAt (id > last id), then later ones.
 * Owners whose nextDueAt moves past `now` while the caller works simply drop out of later pages.
 */
export async function* pageDueOwners<R extends { id: string }>(
  source: OwnerSource<R>,
  nowIso: string,
  pageSize: number,
): AsyncGenerator<Versioned<R>[]> {
  const due = [
    { field: 'status', op: '=' as const, value: 'active' },
    { field: 'nextDueAt', op: '<=' as const, value: nowIso },
  ];
  let last: { nextDueAt: string; id: string } | undefined;
  for (;;) {
    let page: Versioned<R>[] = [];
    if (last) {
      page = await source.collection.query({
        where: [
          ...due,
          { field: 'nextDueAt', op: '=', value: last.nextDueAt },
          { field: 'id', op: '>', value: last.id },
        ],
        orderBy: [{ field: 'id' }],
        limit: pageSize,
      });
    }
    if (page.length < pageSize) {
      const after = last ? [{ field: 'nextDueAt', op: '>' as const, value: last.nextDueAt }] : [];
      const more = await source.collection.query({
        where: [...due, ...after],
        orderBy: [{ field: 'nextDueAt' }, { field: 'id' }],
        limit: pageSize - page.length,
      });
      page = page.concat(more);
    }
    if (page.length === 0) return;
    const tail = page[page.length - 1] as Versioned<R> & { nextDueAt?: string };
    last = { nextDueAt: tail.nextDueAt ?? '', id: tail.id };
    yield page;
    if (page.length < pageSize) return;
  }
}
