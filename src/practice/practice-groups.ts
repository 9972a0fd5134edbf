import type { Store } from '../store/port';
import { practiceGroupId } from '../domain';
import { practicesOf } from './membership';

/** One group a person's answers are counted in: a practice, by its group key and name. */
export interface CountingGroup {
  groupId: string;
  practiceId: string;
  name: string;
}

/**
 * The groups a person's poll answers count in: every practice they belong to, each on its own
 * (a person in two practices is one of the distinct people of each). Empty for someone in no
 * practice team: their answers are kept for them and counted in no group.
 */
export async function countingGroupsOf(store: Store, tenantId: string, userId: string): Promise<CountingGroup[]> {
  const practices = await practicesOf(store, tenantId, userId);
  return practices.map((p) => ({ groupId: practiceGroupId(p.practiceId), practiceId: p.practiceId, name: p.name }));
}
