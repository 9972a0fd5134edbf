import { rolloutPersonId } from '../conversation/rollout-person';
import type { Store } from '../store/port';
import type { RolloutMemberRecord, RolloutPersonRecord } from '../domain';

/** How a team's roll-out stands, as counts only: never a name, never who said what. */
export interface RolloutCounts {
  /** Members of the team now (people who left no longer count). */
  members: number;
  /** Members the bot has asked (welcome queued or sent), or who met it on their own. */
  invited: number;
  started: number;
  declined: number;
  /** Asked, no answer yet. */
  pending: number;
}

const CONCURRENCY = 16;

/**
 * Counts a team's members by what they said to the roll-out, from the hashed roll-out records alone
 * (one query for the team's members, one point read per member).
 */
export async function readRolloutCounts(store: Store, tenantId: string, teamId: string): Promise<RolloutCounts> {
  const members = (await store.rollout.query({
    partitionKey: tenantId,
    where: [
      { field: 'tenantId', op: '=', value: tenantId },
      { field: 'kind', op: '=', value: 'member' },
      { field: 'teamId', op: '=', value: teamId },
    ],
  })) as RolloutMemberRecord[];
  const counts: RolloutCounts = { members: members.length, invited: 0, started: 0, declined: 0, pending: 0 };
  const queue = [...members];
  const worker = async (): Promise<void> => {
    for (let m = queue.shift(); m; m = queue.shift()) {
      const person = (await store.rollout.get(tenantId, rolloutPersonId(m.key))) as RolloutPersonRecord | undefined;
      if (!person) continue;
      counts.invited++;
      if (person.state === 'started') counts.started++;
      else if (person.state === 'declined') counts.declined++;
      else counts.pending++;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return counts;
}

/** The counts in one line, as the team's `status` and the operator's `nudges rollout` show them. */
export function rolloutLine(c: RolloutCounts): string {
  return `${c.members} members: ${c.invited} invited, ${c.started} started, ${c.declined} declined, ${c.pending} not answered yet.`;
}
