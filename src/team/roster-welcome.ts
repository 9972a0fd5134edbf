import { defaultPreferences } from '../conversation/users';
import { memberKey } from '../conversation/member-key';
import { rolloutPersonId } from '../conversation/rollout-person';
import { hasStarted } from '../conversation/consent';
import { isConflict } from '../store/errors';
import type { PracticeDoc, RolloutMemberRecord, RolloutPersonRecord, UserRecord } from '../domain';
import type { TeamDeps } from './team-deps';
import { recordPracticeMembership } from '../practice/membership';
import { withPracticeDefaults } from '../practice/practice-defaults';
import { practiceOfTeam } from '../practice/practice-records';

/** One member of a team as Teams' paged-members API lists them; only ids are kept. */
export interface RosterMember {
  /** Teams user id (29:...). */
  teamsUserId: string;
  aadObjectId?: string;
  tenantId?: string;
  /** 'user', 'guest' or 'anonymous'. */
  userRole?: string;
}

/** One page of a team's roster and the token for the next (absent on the last page). */
export interface RosterPage {
  members: RosterMember[];
  continuationToken?: string;
}

/** Reads one page of the team's roster (the bot edge implements it with Teams' paged members). */
export type ReadRosterPage = (continuationToken?: string) => Promise<RosterPage>;

/** Where the bot meets the team's members: the team, its tenant, and how to reach Teams for them. */
export interface RosterPlace {
  teamId: string;
  tenantId: string;
  serviceUrl: string;
  /** The bot's Teams id (28:...), for opening 1:1 chats. */
  botId: string;
}

/** What one roster read did, as counts (never names). */
export interface RosterSyncResult {
  members: number;
  /** People met for the first time: a welcome is now queued for each. */
  invited: number;
  /** Already known to the bot (from this or another team, or their own install). */
  known: number;
  /** Said "No thanks" or deleted their data: not invited again. */
  declined: number;
  /** No longer in the team: they stop counting for it. */
  left: number;
}

/** The id of a team-membership record. */
export const rolloutMemberId = (teamId: string, key: string): string => `member|${teamId}|${key}`;

/** Largest number of pages read in one roster read (500 a page: 50,000 members). */
const MAX_PAGES = 100;
/** Members handled at once (store calls in flight). */
const CONCURRENCY = 8;

async function readWholeRoster(readPage: ReadRosterPage): Promise<RosterMember[]> {
  const members: RosterMember[] = [];
  let token: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await readPage(token);
    members.push(...result.members);
    token = result.continuationToken || undefined;
    if (!token) break;
  }
  return members;
}

/** People the bot can invite: members with an Entra id, not bots (28:...) or anonymous guests. */
const isInvitable = (m: RosterMember, botId: string): m is RosterMember & { aadObjectId: string } =>
  !!m.aadObjectId && !m.teamsUserId.startsWith('28:') && m.teamsUserId !== botId && m.userRole !== 'anonymous';

/**
 * Reads the team's whole roster and introduces the bot to every member it does not know yet: each
 * gets a user record with consent pending and due now, so the delivery engine sends them the welcome
 * (within the tenant's limit, claimed once as `welcome|tenant|user`). Idempotent: creating the record
 * is the claim, so re-adding the bot, a second team, a restart mid-way or two instances never invite
 * anyone twice; a tombstone ("No thanks", deleted data) is honoured. Members who left stop counting
 * for the team. Stores ids only: the Entra and Teams ids on the user record (needed to reach them),
 * hashed keys in the roll-out records.
 */
export async function syncTeamRoster(
  deps: TeamDeps,
  place: RosterPlace,
  readPage: ReadRosterPage,
): Promise<RosterSyncResult> {
  const roster = (await readWholeRoster(readPage)).filter((m) => isInvitable(m, place.botId));
  // New members start with the team's practice's defaults (nation or region, weekly slot).
  const practice = await practiceOfTeam(deps.store, place.tenantId, place.teamId);
  const result: RosterSyncResult = { members: roster.length, invited: 0, known: 0, declined: 0, left: 0 };
  const present = new Set<string>();
  const queue = [...roster];
  const worker = async (): Promise<void> => {
    for (let m = queue.shift(); m; m = queue.shift()) {
      const key = memberKey(place.tenantId, m.aadObjectId);
      present.add(key);
      const outcome = await meetMember(deps, place, m, key, practice);
      result[outcome]++;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const recorded = (await deps.store.rollout.query({
    partitionKey: place.tenantId,
    where: [
      { field: 'tenantId', op: '=', value: place.tenantId },
      { field: 'kind', op: '=', value: 'member' },
      { field: 'teamId', op: '=', value: place.teamId },
    ],
  })) as RolloutMemberRecord[];
  for (const r of recorded) {
    if (present.has(r.key)) continue;
    if (await deps.store.rollout.delete(place.tenantId, r.id)) result.left++;
    await recordPracticeMembership(
      deps.store,
      { tenantId: place.tenantId, teamId: place.teamId, key: r.key },
      'left',
      deps.now().toISOString(),
    );
  }
  deps.logger.info({ event: 'team.roster', teamId: place.teamId, ...result }, 'team roster read');
  return result;
}

async function meetMember(
  deps: TeamDeps,
  place: RosterPlace,
  m: RosterMember & { aadObjectId: string },
  key: string,
  practice: PracticeDoc | undefined,
): Promise<'invited' | 'known' | 'declined'> {
  const nowIso = deps.now().toISOString();
  const ttl = deps.config.retentionDays * 86400;
  const membership: RolloutMemberRecord = {
    id: rolloutMemberId(place.teamId, key),
    kind: 'member',
    tenantId: place.tenantId,
    teamId: place.teamId,
    key,
    updatedAt: nowIso,
    ttl,
  };
  await createIfAbsent(() => deps.store.rollout.create(membership));
  const person = (await deps.store.rollout.get(place.tenantId, rolloutPersonId(key))) as
    RolloutPersonRecord | undefined;
  // Practice membership keeps the person id, except for someone who said no or erased their data
  // (kept by hashed key only: a member for the practice's roll-out counts, in no group).
  const declined = person?.state === 'declined';
  const rosterChange = {
    tenantId: place.tenantId,
    teamId: place.teamId,
    key,
    userId: declined ? undefined : m.aadObjectId,
  };
  await recordPracticeMembership(deps.store, rosterChange, 'joined', nowIso);
  if (declined) return 'declined';
  const existing = await deps.store.users.get(m.aadObjectId, m.aadObjectId);
  let outcome: 'invited' | 'known' = 'known';
  let state: RolloutPersonRecord['state'] = 'invited';
  if (existing) state = hasStarted(existing) ? 'started' : 'invited';
  else {
    const created = await createIfAbsent(() => deps.store.users.create(invitee(deps, place, m, nowIso, practice)));
    if (created) outcome = 'invited';
  }
  if (!person) {
    const record: RolloutPersonRecord = {
      id: rolloutPersonId(key),
      kind: 'person',
      tenantId: place.tenantId,
      key,
      state,
      updatedAt: nowIso,
      ttl,
    };
    await createIfAbsent(() => deps.store.rollout.create(record));
  }
  return outcome;
}

/** A person met in a roster: no chat with the bot yet (the engine opens one), consent pending, welcome due now. */
function invitee(
  deps: TeamDeps,
  place: RosterPlace,
  m: RosterMember & { aadObjectId: string },
  nowIso: string,
  practice: PracticeDoc | undefined,
): UserRecord {
  return {
    id: m.aadObjectId,
    userId: m.aadObjectId,
    tenantId: place.tenantId,
    aadObjectId: m.aadObjectId,
    conversation: {
      serviceUrl: place.serviceUrl,
      conversationId: '',
      tenantId: place.tenantId,
      channelId: 'msteams',
      botId: place.botId,
      userTeamsId: m.teamsUserId,
      conversationType: 'personal',
    },
    prefs: withPracticeDefaults(defaultPreferences(deps, undefined, m.aadObjectId), practice),
    onboarded: false,
    status: 'active',
    history: { seen: [], notUseful: [], sentCount: 0 },
    consent: { state: 'pending', via: 'team' },
    nextDueAt: nowIso,
    createdAt: nowIso,
    updatedAt: nowIso,
  };
}

/** Runs a create; true when it made the record, false when it was already there. */
async function createIfAbsent(create: () => Promise<unknown>): Promise<boolean> {
  try {
    await create();
    return true;
  } catch (err) {
    if (isConflict(err)) return false;
    throw err;
  }
}
