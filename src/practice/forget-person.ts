import type { Store } from '../store/port';
import type { PracticeLeadRecord, PracticeMemberRecord } from '../domain';

/**
 * Removes what the practice records keep about a person whose data is being deleted: the person id
 * on their roster memberships (kept by hashed key only, as for someone who said no) and their lead records (a practice left with no lead gets one back through another lead
 * or `nudges practice add-lead`). A later roster read records them again only if they are still in the
 * team and have not said no (the roll-out's tombstone stops it). Returns how many records went.
 */
export async function forgetPracticePerson(store: Store, tenantId: string, userId: string): Promise<number> {
  let n = 0;
  for (const kind of ['member', 'lead'] as const) {
    const rows = (await store.practices.query({
      partitionKey: tenantId,
      where: [
        { field: 'tenantId', op: '=', value: tenantId },
        { field: 'kind', op: '=', value: kind },
        { field: 'userId', op: '=', value: userId },
      ],
    })) as (PracticeMemberRecord | PracticeLeadRecord)[];
    for (const r of rows) {
      if (r.kind === 'member') {
        // Still in the roster: kept by hashed key only, as the roster read keeps someone who said no.
        const { userId: _gone, ...keyOnly } = r as PracticeMemberRecord & { etag?: string };
        delete (keyOnly as { etag?: string }).etag;
        await store.practices.upsert(keyOnly);
        n++;
      } else if (await store.practices.delete(tenantId, r.id)) n++;
    }
  }
  return n;
}
