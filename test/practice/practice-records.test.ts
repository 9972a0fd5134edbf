import { memberKey } from '../../src/conversation/member-key';
import { serverKey } from '../../src/conversation/server-key';
import {
  attachTeamToPractice,
  changeLeads,
  countingGroupsOf,
  forgetPracticePerson,
  isLead,
  leadsOf,
  membersOfPractice,
  noteTeamAddedBy,
  practiceOfTeam,
  practicesLedBy,
  practicesOf,
  recordPracticeMembership,
  setUpPractice,
  validatePracticeSetup,
  withPracticeDefaults,
  PracticeError,
} from '../../src/practice';
import { updatePractice } from '../../src/practice/practice-records';
import type { RosterJobRecord, RosterMember } from '../../src/domain';
import { applyRosterPage, finishRosterRead } from '../../src/team/roster-read';
import type { RosterPlace } from '../../src/team/roster-welcome';
import { addTeam } from '../../src/team/team-records';
import { readPracticeRolloutCounts } from '../../src/team/practice-rollout';
import type { TeamDeps } from '../../src/team/team-deps';
import { loadConfig } from '../../src/config';
import { silentLogger } from '../../src/logger';
import type { Store } from '../../src/store/port';
import { openTestStore, STORE_KINDS, type StoreKind } from '../support/stores';
import { freshDataDir } from '../team/test-stores';

const T = 'tenant-shared';
const NOW = new Date('2026-12-07T09:00:00.000Z');

async function refusal(p: Promise<unknown>): Promise<PracticeError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(PracticeError);
  return e as PracticeError;
}

describe.each<StoreKind>(STORE_KINDS)('practice records (%s store)', (kind) => {
  let store: Store;
  const deps = () => ({ store, now: () => NOW });
  const keyOf = async (userId: string) => memberKey(await serverKey({ store, config: {} }), T, userId);
  const join = async (teamId: string, userId: string) =>
    recordPracticeMembership(
      store,
      { tenantId: T, teamId, key: await keyOf(userId), userId },
      'joined',
      NOW.toISOString(),
    );
  const leave = async (teamId: string, userId: string) =>
    recordPracticeMembership(store, { tenantId: T, teamId, key: await keyOf(userId) }, 'left', NOW.toISOString());

  beforeEach(async () => {
    store = openTestStore(kind);
    await store.init();
  });
  afterEach(async () => {
    await store.close();
  });

  it('lets only the person who added the bot set the team up, once, as the first lead', async () => {
    await noteTeamAddedBy(deps(), T, 'team-a', 'adder');
    const input = validatePracticeSetup({ practiceName: '  Riverside   Surgery ', place: 'wales', odsCode: 'w91001' });
    expect(input).toEqual({ name: 'Riverside Surgery', place: 'wales', odsCode: 'W91001' });
    const someoneElse = await refusal(
      setUpPractice(deps(), { tenantId: T, userId: 'colleague', teamId: 'team-a' }, input),
    );
    expect(someoneElse.userMessage).toMatch(/Only the person who added me/);
    const practice = await setUpPractice(deps(), { tenantId: T, userId: 'adder', teamId: 'team-a' }, input);
    expect(await leadsOf(store, T, practice.practiceId)).toEqual(['adder']);
    expect((await practiceOfTeam(store, T, 'team-a'))?.practiceId).toBe(practice.practiceId);
    const again = await refusal(setUpPractice(deps(), { tenantId: T, userId: 'adder', teamId: 'team-a' }, input));
    expect(again.userMessage).toMatch(/already part of a practice/);
  });

  it('refuses bad setup details with one message per field', async () => {
    const e = await refusal(
      (async () => validatePracticeSetup({ practiceName: 'x', place: 'mars', odsCode: 'A8-1001' }))(),
    );
    expect(e.fieldErrors).toHaveLength(3);
    expect(() => validatePracticeSetup({ practiceName: 'Bad\u0000name', place: 'wales' })).toThrow(PracticeError);
    for (const bad of ['<b>Surgery</b>', 'Surgery ${x}', '[click](https://evil)', 'Surgery\u202E']) {
      expect(() => validatePracticeSetup({ practiceName: bad, place: 'wales' })).toThrow(PracticeError);
    }
    expect(
      validatePracticeSetup({ practiceName: "St Mary's Surgery (North) - Ty'n-y-coed", place: 'wales' }).name,
    ).toBe("St Mary's Surgery (North) - Ty'n-y-coed");
  });

  it("lets only a practice's lead add a further team, whatever practice id the card data names", async () => {
    const a = await setUpPractice(
      deps(),
      { tenantId: T, userId: 'lead-a', teamId: 'team-a' },
      { name: 'A', place: 'england' },
    );
    const b = await setUpPractice(
      deps(),
      { tenantId: T, userId: 'lead-b', teamId: 'team-b' },
      { name: 'B', place: 'england' },
    );
    await refusal(attachTeamToPractice(deps(), { tenantId: T, userId: 'lead-a', teamId: 'team-a2' }, b.practiceId));
    await refusal(
      attachTeamToPractice(deps(), { tenantId: 'other-tenant', userId: 'lead-a', teamId: 'team-x' }, a.practiceId),
    );
    await attachTeamToPractice(deps(), { tenantId: T, userId: 'lead-a', teamId: 'team-a2' }, a.practiceId);
    expect((await practiceOfTeam(store, T, 'team-a2'))?.practiceId).toBe(a.practiceId);
    // a team of B cannot be moved into A
    await refusal(attachTeamToPractice(deps(), { tenantId: T, userId: 'lead-a', teamId: 'team-b' }, a.practiceId));
    expect((await practiceOfTeam(store, T, 'team-b'))?.practiceId).toBe(b.practiceId);
  });

  it('keeps membership current from the rosters: two teams of one practice, a person in two practices, leavers', async () => {
    const a = await setUpPractice(
      deps(),
      { tenantId: T, userId: 'lead-a', teamId: 'team-a' },
      { name: 'A', place: 'england' },
    );
    await attachTeamToPractice(deps(), { tenantId: T, userId: 'lead-a', teamId: 'team-a2' }, a.practiceId);
    const b = await setUpPractice(
      deps(),
      { tenantId: T, userId: 'lead-b', teamId: 'team-b' },
      { name: 'B', place: 'england' },
    );
    await join('team-a', 'p1');
    await join('team-a', 'p1'); // again: idempotent
    await join('team-a2', 'p1');
    await join('team-a', 'both');
    await join('team-b', 'both');
    expect(await membersOfPractice(store, T, a.practiceId)).toEqual(['both', 'p1']);
    expect((await practicesOf(store, T, 'both')).map((p) => p.name)).toEqual(['A', 'B']);
    expect((await countingGroupsOf(store, T, 'both')).map((g) => g.groupId)).toEqual([
      `practice|${a.practiceId}`,
      `practice|${b.practiceId}`,
    ]);
    await leave('team-a', 'p1');
    expect((await practicesOf(store, T, 'p1')).map((p) => p.name)).toEqual(['A']); // still in team-a2
    await leave('team-a2', 'p1');
    expect(await practicesOf(store, T, 'p1')).toEqual([]);
    expect(await countingGroupsOf(store, T, 'nobody')).toEqual([]);
    expect(await practicesOf(store, 'other-tenant', 'both')).toEqual([]);
  });

  it('changes leads only by a lead, only to members, never to none; a removed lead loses the practice at once', async () => {
    const a = await setUpPractice(
      deps(),
      { tenantId: T, userId: 'lead-a', teamId: 'team-a' },
      { name: 'A', place: 'england' },
    );
    await setUpPractice(deps(), { tenantId: T, userId: 'lead-b', teamId: 'team-b' }, { name: 'B', place: 'england' });
    await join('team-a', 'p2');
    await join('team-b', 'b-member');
    await refusal(changeLeads(deps(), { tenantId: T, userId: 'lead-b' }, a.practiceId, ['lead-b']));
    await refusal(changeLeads(deps(), { tenantId: T, userId: 'lead-a' }, a.practiceId, ['lead-a', 'b-member']));
    await refusal(changeLeads(deps(), { tenantId: T, userId: 'lead-a' }, a.practiceId, []));
    expect(await changeLeads(deps(), { tenantId: T, userId: 'lead-a' }, a.practiceId, ['lead-a', 'p2'])).toEqual([
      'lead-a',
      'p2',
    ]);
    await changeLeads(deps(), { tenantId: T, userId: 'p2' }, a.practiceId, ['p2']);
    expect(await isLead(store, T, a.practiceId, 'lead-a')).toBe(false);
    expect(await practicesLedBy(store, T, 'lead-a')).toEqual([]);
    await refusal(changeLeads(deps(), { tenantId: T, userId: 'lead-a' }, a.practiceId, ['lead-a']));
  });

  it("gives new members the practice's place and default slot, and forgets a person's records on erasure", async () => {
    const a = await setUpPractice(
      deps(),
      { tenantId: T, userId: 'lead-a', teamId: 'team-a' },
      { name: 'A', place: 'wales' },
    );
    const updated = await updatePractice(deps(), T, a.practiceId, (p) => ({
      ...p,
      defaultSlot: { day: 'tue', time: '08:30', timeZone: 'Europe/London' },
    }));
    const plain = {
      role: 'other' as const,
      timeZone: 'Europe/Paris',
      day: 'mon' as const,
      time: '09:07',
      frequency: 'weekly' as const,
      focus: [],
    };
    expect(withPracticeDefaults(plain, updated)).toMatchObject({
      place: 'wales',
      day: 'tue',
      time: '08:30',
      timeZone: 'Europe/London',
    });
    expect(withPracticeDefaults(plain, undefined)).toEqual(plain);
    await join('team-a', 'lead-a');
    expect(await forgetPracticePerson(store, T, 'lead-a')).toBe(2); // a membership and a lead record
    expect(await practicesOf(store, T, 'lead-a')).toEqual([]);
    expect(await leadsOf(store, T, a.practiceId)).toEqual([]);
    expect(JSON.stringify(await store.practices.query({ partitionKey: T }))).not.toContain('lead-a');
    expect((await readPracticeRolloutCounts(store, T, a.practiceId)).members).toBe(1); // still in the roster, by key
  });

  it("records roster members through the roster read's hook, and drops those who left", async () => {
    const teamDeps = {
      store,
      now: () => NOW,
      config: loadConfig({ DATA_DIR: freshDataDir() }),
      logger: silentLogger,
    } as unknown as TeamDeps;
    const place: RosterPlace = { teamId: 'team-r', tenantId: T, serviceUrl: 'https://smba.example/', botId: '28:bot' };
    // One whole roster read as the engine's roster job does it: every page applied, then the leavers.
    let runs = 0;
    const syncTeamRoster = async (
      deps: TeamDeps,
      at: RosterPlace,
      read: () => Promise<{ members: RosterMember[] }>,
    ) => {
      const conversation = { serviceUrl: at.serviceUrl, conversationId: at.teamId, tenantId: T, channelId: 'msteams' };
      await addTeam(deps, { teamId: at.teamId, tenantId: T, channelId: at.teamId, conversation });
      const job = { ...at, runId: `run-${++runs}`, startedAt: '9999-12-31T00:00:00.000Z' } as RosterJobRecord;
      await applyRosterPage(deps, job, (await read()).members);
      await finishRosterRead(deps, job);
    };
    const member = (n: number) => ({ teamsUserId: `29:u${n}`, aadObjectId: `aad-${n}`, tenantId: T, userRole: 'user' });
    const a = await setUpPractice(
      deps(),
      { tenantId: T, userId: 'aad-1', teamId: 'team-r' },
      { name: 'R', place: 'scotland' },
    );
    await syncTeamRoster(teamDeps, place, async () => ({ members: [member(1), member(2), member(3)] }));
    expect(await membersOfPractice(store, T, a.practiceId)).toEqual(['aad-1', 'aad-2', 'aad-3']);
    // new members start with the practice's nation (they can change it)
    expect((await store.users.get('aad-2', 'aad-2'))?.prefs.place).toBe('scotland');
    await syncTeamRoster(teamDeps, place, async () => ({ members: [member(1), member(3)] }));
    expect(await membersOfPractice(store, T, a.practiceId)).toEqual(['aad-1', 'aad-3']);
    // a second team of the practice with one of the same people: the practice's roll-out counts them once
    await attachTeamToPractice(deps(), { tenantId: T, userId: 'aad-1', teamId: 'team-r2' }, a.practiceId);
    await syncTeamRoster(teamDeps, { ...place, teamId: 'team-r2' }, async () => ({ members: [member(3), member(4)] }));
    expect(await readPracticeRolloutCounts(store, T, a.practiceId)).toMatchObject({
      members: 3,
      invited: 3,
      pending: 3,
    });
  });
});
