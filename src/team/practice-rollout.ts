import { rolloutPersonId } from '../conversation/rollout-person';
import type { Store } from '../store/port';
import type { PracticeMemberRecord, RolloutPersonRecord } from '../domain';
import { teamsOfPractice } from '../practice';
import type { RolloutCounts } from './rollout-status';

/**
 * How a practice's roll-out stands, as counts over its members (the people in its teams' rosters,
 * each once however many of its teams they are in), from the hashed roll-out records: never per
 * tenant, never a name. Shown to the practice's leads with the same suppression as a team's.
 */
export async function readPracticeRolloutCounts(
  store: Store,
  tenantId: string,
  practiceId: string,
): Promise<RolloutCounts> {
  const keys = new Set<string>();
  for (const teamId of await teamsOfPractice(store, tenantId, practiceId)) {
    const rows = (await store.practices.query({
      partitionKey: tenantId,
      where: [
        { field: 'tenantId', op: '=', value: tenantId },
        { field: 'kind', op: '=', value: 'member' },
        { field: 'teamId', op: '=', value: teamId },
      ],
    })) as PracticeMemberRecord[];
    for (const r of rows) keys.add(r.key);
  }
  const counts: RolloutCounts = { members: keys.size, invited: 0, started: 0, declined: 0, pending: 0 };
  for (const key of keys) {
    const person = (await store.rollout.get(tenantId, rolloutPersonId(key))) as RolloutPersonRecord | undefined;
    if (!person) continue;
    counts.invited++;
    if (person.state === 'started') counts.started++;
    else if (person.state === 'declined') counts.declined++;
    else counts.pending++;
  }
  return counts;
}
