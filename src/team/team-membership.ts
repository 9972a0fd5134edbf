import { rolloutKeysOf } from '../conversation/rollout-person';
import type { TeamDeps } from './team-deps';
import { rolloutMemberId } from './roster-membership';

/**
 * Whether a person is in the team's member list as the bot last read it (the roll-out's membership
 * records, one per member, kept up to date by roster reads on every join and leave): true or false, or
 * undefined when the bot holds no member list for the team (its roster could not be read yet), when
 * nothing can be said. The one place that answers "is this person in the team", so a change to how
 * membership is recorded touches only this function.
 */
export async function isInTeamRoster(
  deps: Pick<TeamDeps, 'store' | 'config'>,
  tenantId: string,
  teamId: string,
  aadObjectId: string | undefined,
): Promise<boolean | undefined> {
  if (aadObjectId) {
    const { key, legacy } = await rolloutKeysOf(deps, tenantId, aadObjectId);
    for (const k of [key, legacy]) if (await deps.store.rollout.get(tenantId, rolloutMemberId(teamId, k))) return true;
  }
  const anyMember = await deps.store.rollout.query({
    partitionKey: tenantId,
    where: [
      { field: 'tenantId', op: '=', value: tenantId },
      { field: 'kind', op: '=', value: 'member' },
      { field: 'teamId', op: '=', value: teamId },
    ],
    limit: 1,
  });
  return anyMember.length > 0 ? false : undefined;
}
