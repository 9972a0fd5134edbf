import { memberKey } from '../conversation/member-key';
import { serverKey } from '../conversation/server-key';
import type { RolloutMemberRecord, RosterMember } from '../domain';
import { recordPracticeMembership } from '../practice/membership';
import { practiceOfTeam } from '../practice/practice-records';
import { meetMember, type MeetOutcome, type RosterDeps, type RosterPlace } from './roster-welcome';

/** The id of a team-membership record. */
export const rolloutMemberId = (teamId: string, key: string): string => `member|${teamId}|${key}`;

/**
 * The keyed hash of a Teams user id a membership record is found by when Teams says only "29:... left"
 * (keyed with the server key like every roll-out key, so it cannot be tested against a directory).
 */
export const rosterTeamsKey = (secret: string, tenantId: string, teamsUserId: string): string =>
  memberKey(secret, tenantId, teamsUserId);

/** What adding one roster member came to; `guest` and `skipped` members are neither invited nor recorded. */
export type JoinOutcome = MeetOutcome | 'guest' | 'skipped';

/** Members the bot can invite at all: an Entra id, not a bot (28:...) or an anonymous meeting guest. */
export const isInvitable = (m: RosterMember, botId: string): m is RosterMember & { aadObjectId: string } =>
  !!m.aadObjectId && !m.teamsUserId.startsWith('28:') && m.teamsUserId !== botId && m.userRole !== 'anonymous';

/**
 * A guest of the team: Teams says so (`userRole: 'guest'`), or their home tenant is another one. In
 * NHSmail guests come from other organisations; they are not sent an unsolicited welcome unless the
 * team's lead turned `welcomeGuests` on in the team settings.
 */
export const isGuest = (m: RosterMember, tenantId: string): boolean =>
  m.userRole === 'guest' || (!!m.tenantId && m.tenantId.toLowerCase() !== tenantId.toLowerCase());

export interface JoinOptions {
  /** The roster read (RosterJobRecord.runId) that saw the member, or 'event' for a join event. */
  run: string;
  /** The team's choice to invite guests too (team settings; off by default). */
  welcomeGuests: boolean;
}

/**
 * THE place a member is added to a team the bot is in, whether a roster read lists them or Teams
 * says they joined: meets them (queues their welcome unless they are known or said no) and records
 * their membership of the team by hashed keys. Idempotent. Membership is written last, so a crash
 * in between leaves a member who is met again by the next read. At most 5 store operations.
 */
export async function applyRosterJoin(
  deps: RosterDeps,
  place: RosterPlace,
  m: RosterMember,
  options: JoinOptions,
): Promise<JoinOutcome> {
  if (!isInvitable(m, place.botId)) return 'skipped';
  if (isGuest(m, place.tenantId) && !options.welcomeGuests) return 'guest';
  const secret = await serverKey(deps);
  const key = memberKey(secret, place.tenantId, m.aadObjectId);
  // A new member starts with the team's practice's defaults (nation or region, weekly slot).
  const practice = await practiceOfTeam(deps.store, place.tenantId, place.teamId);
  const outcome = await meetMember(deps, place, m, key, practice);
  const membership: RolloutMemberRecord = {
    id: rolloutMemberId(place.teamId, key),
    kind: 'member',
    tenantId: place.tenantId,
    teamId: place.teamId,
    key,
    teamsKey: rosterTeamsKey(secret, place.tenantId, m.teamsUserId),
    rosterRun: options.run,
    updatedAt: deps.now().toISOString(),
    ttl: deps.config.retentionDays * 86400,
  };
  await deps.store.rollout.upsert(membership);
  return outcome;
}

/**
 * THE place a member is taken out of a team: they stop counting for its roll-out. Their own chat with
 * the bot, if they started, is theirs and carries on. True when a record was removed.
 */
export async function applyRosterLeave(deps: RosterDeps, membership: RolloutMemberRecord): Promise<boolean> {
  const removed = await deps.store.rollout.delete(membership.tenantId, membership.id);
  // They stop belonging to the team's practice through this team (other teams of it may still hold them).
  await recordPracticeMembership(
    deps.store,
    { tenantId: membership.tenantId, teamId: membership.teamId, key: membership.key },
    'left',
    deps.now().toISOString(),
  );
  return removed;
}

/** The membership records of a member Teams names by Teams user id (one query in the tenant's partition). */
export async function findRosterMember(
  deps: RosterDeps,
  tenantId: string,
  teamId: string,
  teamsUserId: string,
): Promise<RolloutMemberRecord[]> {
  const teamsKey = rosterTeamsKey(await serverKey(deps), tenantId, teamsUserId);
  return (await deps.store.rollout.query({
    partitionKey: tenantId,
    where: [
      { field: 'tenantId', op: '=', value: tenantId },
      { field: 'kind', op: '=', value: 'member' },
      { field: 'teamId', op: '=', value: teamId },
      { field: 'teamsKey', op: '=', value: teamsKey },
    ],
  })) as RolloutMemberRecord[];
}
