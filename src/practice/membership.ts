import { isConflict } from '../store/errors';
import type { Store } from '../store/port';
import {
  practiceMemberId,
  practiceTeamId,
  type PracticeDoc,
  type PracticeMemberRecord,
  type PracticeTeamRecord,
} from '../domain';
import { readPractice, teamsOfPractice } from './practice-records';

/** One roster change of a team: who (hashed roll-out key and person id) joined or left. */
export interface RosterChange {
  tenantId: string;
  teamId: string;
  /** The roll-out's hashed member key (src/conversation/member-key.ts). */
  key: string;
  /**
   * The person's id (user record id), when they join. Absent for someone who said no or erased
   * their data: they are recorded by hashed key only (a member for roll-out counts, in no group).
   */
  userId?: string;
}

/**
 * The one hook between a team's roster and practice membership: called wherever a roster member is
 * recorded (joined) or found gone (left). Idempotent both ways. A person belongs to the practices of
 * the teams they are recorded in, so a team tied to a practice later needs no second roster read.
 */
export async function recordPracticeMembership(
  store: Store,
  change: RosterChange,
  event: 'joined' | 'left',
  nowIso: string,
): Promise<void> {
  const id = practiceMemberId(change.teamId, change.key);
  if (event === 'left') {
    await store.practices.delete(change.tenantId, id);
    return;
  }
  const record: PracticeMemberRecord = {
    id,
    kind: 'member',
    tenantId: change.tenantId,
    teamId: change.teamId,
    key: change.key,
    ...(change.userId ? { userId: change.userId } : {}),
    updatedAt: nowIso,
  };
  try {
    await store.practices.create(record);
  } catch (e) {
    if (!isConflict(e)) throw e;
    // Someone who said no and is recorded again (or the other way round): the record follows.
    const existing = (await store.practices.get(change.tenantId, id)) as PracticeMemberRecord | undefined;
    if (existing && existing.userId !== change.userId) await store.practices.upsert(record);
  }
}

/** The teams a person is recorded in (from the rosters the bot read). */
async function teamsOfPerson(store: Store, tenantId: string, userId: string): Promise<string[]> {
  const rows = (await store.practices.query({
    partitionKey: tenantId,
    where: [
      { field: 'tenantId', op: '=', value: tenantId },
      { field: 'kind', op: '=', value: 'member' },
      { field: 'userId', op: '=', value: userId },
    ],
  })) as PracticeMemberRecord[];
  return [...new Set(rows.map((r) => r.teamId))];
}

/**
 * The active practices a person belongs to: those of the teams whose rosters they are in, by name.
 * A person in the teams of two practices belongs to both (and counts, as one person, in each).
 */
export async function practicesOf(store: Store, tenantId: string, userId: string): Promise<PracticeDoc[]> {
  const teams = await teamsOfPerson(store, tenantId, userId);
  const links = await Promise.all(
    teams.map((t) => store.practices.get(tenantId, practiceTeamId(t)) as Promise<PracticeTeamRecord | undefined>),
  );
  const ids = [...new Set(links.flatMap((l) => (l?.kind === 'team' ? [l.practiceId] : [])))];
  const practices = await Promise.all(ids.map((id) => readPractice(store, tenantId, id)));
  return practices
    .filter((p): p is NonNullable<typeof p> => p?.status === 'active')
    .sort((a, b) => a.name.localeCompare(b.name) || a.practiceId.localeCompare(b.practiceId));
}

/** The distinct people (person ids) in the rosters of a practice's teams. */
export async function membersOfPractice(store: Store, tenantId: string, practiceId: string): Promise<string[]> {
  const teams = await teamsOfPractice(store, tenantId, practiceId);
  const people = new Set<string>();
  for (const teamId of teams) {
    const rows = (await store.practices.query({
      partitionKey: tenantId,
      where: [
        { field: 'tenantId', op: '=', value: tenantId },
        { field: 'kind', op: '=', value: 'member' },
        { field: 'teamId', op: '=', value: teamId },
      ],
    })) as PracticeMemberRecord[];
    for (const r of rows) if (r.userId) people.add(r.userId);
  }
  return [...people].sort();
}

/** Whether a person is in the roster of one of the practice's teams. */
export async function isPracticeMember(
  store: Store,
  tenantId: string,
  practiceId: string,
  userId: string,
): Promise<boolean> {
  const practices = await practicesOf(store, tenantId, userId);
  return practices.some((p) => p.practiceId === practiceId);
}
