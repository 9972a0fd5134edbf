import { TENANT, type ActivityJson, type Person } from '../support/activities';
import { startHarness, type Harness } from '../support/bot-harness';
import { startConnectorDouble, type ConnectorDouble } from '../support/connector-double';
import { serveRoster, type ConnectorRoster, type RosterPerson } from '../support/connector-roster';
import { runRosterJobs } from '../../src/delivery/roster-jobs';
import { runTick, tickContextFor } from '../../src/delivery/run-tick';
import type { RolloutMemberRecord, RosterJobRecord, UserRecord } from '../../src/domain';
import type { Store } from '../../src/store/port';
import {
  botAddedToTeam,
  botRemovedFromTeam,
  channelCardAction,
  teamChannel,
  type TeamChannel,
} from './team-activities';
import { MAX_MEMBERS_LOOKED_UP } from '../../src/bot/team-rollout';
import { openTestStore } from '../support/stores';
import { VirtualClock } from '../support/virtual-clock';
import { freshDataDir, storeFor, type StoreKind } from './test-stores';

const START = new Date('2026-11-26T10:00:00.000Z');
const START_TENANT = TENANT;

/** Member n of a practice's teams: distinct ids for any n (test/support's person() keeps four digits). */
const person = (n: number, tenantId = TENANT): Person => ({
  aadObjectId: `00000000-0000-0000-0001-${String(n).padStart(12, '0')}`,
  teamsId: `29:member-${n}`,
  conversationId: `a:unused-${n}`,
  tenantId,
});

const rosterOf = (ps: Person[], userRole: RosterPerson['userRole'] = 'user'): RosterPerson[] =>
  ps.map((p) => ({ teamsId: p.teamsId, aadObjectId: p.aadObjectId, tenantId: p.tenantId, userRole }));

/** A person (not the bot) joining or leaving a team, as Teams sends it: the member by Teams id only. */
function memberChange(
  serviceUrl: string,
  where: TeamChannel,
  ids: string[],
  change: 'added' | 'removed',
): ActivityJson {
  const a = botAddedToTeam(serviceUrl, where);
  delete a.membersAdded;
  return {
    ...a,
    id: `f:member-${change}-${Math.random()}`,
    ...(change === 'added'
      ? { membersAdded: ids.map((id) => ({ id })) }
      : { membersRemoved: ids.map((id) => ({ id })) }),
    channelData: {
      ...(a.channelData as object),
      eventType: change === 'added' ? 'teamMemberAdded' : 'teamMemberRemoved',
    },
  };
}

/** Every store operation counted since the last reset (both stores count them the same way). */
const opsSince = (store: Store): number => Object.values(store.metrics().ops).reduce((n, o) => n + o.count, 0);

const members = (store: Store, tenantId: string, teamId: string) =>
  store.rollout.query({
    partitionKey: tenantId,
    where: [
      { field: 'kind', op: '=', value: 'member' },
      { field: 'teamId', op: '=', value: teamId },
    ],
  }) as Promise<RolloutMemberRecord[]>;

// 700 members: two pages at Teams' largest page size (500), the second one short. The install turn's
// handful of operations does not depend on the team's size.
describe.each<StoreKind>(['embedded', 'cosmos'])('installing into a 700-member team (%s store)', (kind) => {
  let h: Harness;
  let roster: ConnectorRoster;
  const readsOf = (t: TeamChannel) => roster.pageReads.filter((r) => r.teamId === t.teamId);

  beforeAll(async () => {
    h = await startHarness({ store: storeFor(kind), now: () => START });
    roster = serveRoster(h.connector);
  });
  afterAll(async () => h.close());

  it('answers the install into a 700-member team without reading the roster in the turn; the engine reads it', async () => {
    const big = teamChannel(91);
    const staff = Array.from({ length: 700 }, (_, i) => person(20000 + i));
    roster.setMembers(big.teamId, rosterOf(staff));
    h.app.store.resetMetrics();
    expect((await h.post(botAddedToTeam(h.connector.url, big))).status).toBeLessThan(300);
    expect(readsOf(big)).toHaveLength(0);
    expect(await h.app.store.users.count({})).toBe(0);
    // Saving the team and queuing the job: a handful of operations, not thousands.
    expect(opsSince(h.app.store)).toBeLessThanOrEqual(10);
    const job = (await h.app.store.rollout.get(staff[0]!.tenantId, `roster|${big.teamId}`)) as RosterJobRecord;
    expect(job).toMatchObject({ kind: 'roster', state: 'pending', pagesRead: 0 });
    expect(job.cursor).toBeUndefined();
    if (kind === 'cosmos') return; // reading 700 members is the embedded store's part (the local Cosmos server is slow)
    // The engine's roster job alone (the welcomes it queues would take minutes at Teams' 50/s).
    await runRosterJobs(tickContextFor(h.app.delivery.deps));
    expect(readsOf(big)).toHaveLength(2);
    expect(readsOf(big).filter((r) => !r.continuationToken)).toHaveLength(1);
    expect(await h.app.store.users.count({})).toBe(700);
    const done = (await h.app.store.rollout.get(staff[0]!.tenantId, `roster|${big.teamId}`)) as RosterJobRecord;
    expect(done).toMatchObject({ state: 'done', pagesRead: 2, counts: { members: 700, invited: 700, left: 0 } });
    expect(JSON.stringify(done)).not.toMatch(/Member \d|example\.nhs\.net/);
  });
});

/**
 * On the Cosmos store only: what is read, when and for whom does not depend on the store (the embedded
 * store's roster reads are below, across a restart). Teams' rate limit is kept on a virtual clock: every
 * turn and tick runs under `run`, and the engine's waits for the limit take no real time.
 */
describe('the team roster, read outside the Teams turn (cosmos store)', () => {
  let h: Harness;
  let roster: ConnectorRoster;
  let clock = START;
  const virtual = new VirtualClock();
  const run = <T>(work: Promise<T>): Promise<T> => virtual.run(work);
  const post = (activity: ActivityJson) => run(h.post(activity));
  const tick = () => run(h.app.delivery.tick());
  const chatOf = (p: Person) => roster.conversationIdOf(p.teamsId);
  const welcomesTo = (p: Person) => h.connector.sentTo(chatOf(p)).filter((a) => a.method === 'POST');
  const readsOf = (t: TeamChannel) => roster.pageReads.filter((r) => r.teamId === t.teamId);

  beforeAll(async () => {
    h = await startHarness({ store: openTestStore('cosmos'), now: () => clock, timing: virtual.timing });
    roster = serveRoster(h.connector);
  });
  afterAll(async () => h.close());

  it('resumes a read that crashed mid-roster from its cursor, and welcomes nobody twice', async () => {
    const team = teamChannel(92);
    const staff = Array.from({ length: 11 }, (_, i) => person(30000 + i)); // four pages of 3
    roster.setMembers(team.teamId, rosterOf(staff), { maxPageSize: 3 });
    await post(botAddedToTeam(h.connector.url, team));
    let pages = 0;
    const rosterFault = (job: RosterJobRecord) => {
      // After the second page is applied, before its cursor is saved: the worst moment to crash.
      if (job.teamId === team.teamId && ++pages === 2) throw new Error('crash after applying a page');
    };
    await run(runTick({ ...h.app.delivery.deps, rosterFault }));
    expect(readsOf(team)).toHaveLength(2);
    const job = (await h.app.store.rollout.get(staff[0]!.tenantId, `roster|${team.teamId}`)) as RosterJobRecord;
    expect(job).toMatchObject({ state: 'pending', pagesRead: 1 });
    expect(job.cursor).toBe(readsOf(team)[1]!.continuationToken);
    // The next tick (any instance: everything it needs is in the store) goes on from the cursor.
    await tick();
    await tick();
    const reads = readsOf(team);
    expect(reads.map((r) => r.continuationToken)).toEqual([
      undefined,
      reads[1]!.continuationToken,
      reads[1]!.continuationToken, // the page being applied at the crash, read again
      reads[3]!.continuationToken,
      reads[4]!.continuationToken,
    ]);
    expect(new Set(reads.slice(3).map((r) => r.continuationToken)).size).toBe(2);
    expect(reads.filter((r) => !r.continuationToken)).toHaveLength(1);
    for (const p of staff) expect(welcomesTo(p)).toHaveLength(1);
    expect(await members(h.app.store, staff[0]!.tenantId, team.teamId)).toHaveLength(11);
  });

  it('lets one instance read a roster when two tick at once (the job is leased)', async () => {
    const team = teamChannel(93);
    const staff = Array.from({ length: 8 }, (_, i) => person(40000 + i)); // three pages of 3
    roster.setMembers(team.teamId, rosterOf(staff), { maxPageSize: 3 });
    await post(botAddedToTeam(h.connector.url, team));
    await post(botAddedToTeam(h.connector.url, team)); // Teams may send the add twice: one job
    const { deps } = h.app.delivery;
    await run(
      Promise.all([runTick({ ...deps, instanceId: 'instance-a' }), runTick({ ...deps, instanceId: 'instance-b' })]),
    );
    await tick();
    expect(readsOf(team)).toHaveLength(3);
    expect(readsOf(team).filter((r) => !r.continuationToken)).toHaveLength(1);
    for (const p of staff) expect(welcomesTo(p)).toHaveLength(1);
  });

  describe('a member joining or leaving', () => {
    const team = teamChannel(94);
    const staff = Array.from({ length: 10 }, (_, i) => person(50000 + i));
    const joiner = person(50999);

    beforeAll(async () => {
      roster.setMembers(team.teamId, rosterOf(staff));
      await post(botAddedToTeam(h.connector.url, team));
      await tick();
    });

    it('adds the one member who joined, with a few store operations and no roster read', async () => {
      roster.setMembers(team.teamId, rosterOf([...staff, joiner]));
      const reads = roster.pageReads.length;
      h.app.store.resetMetrics();
      // Every Bot Connector call counts against the tenant's limit: watch the shared limiter's turns.
      const limiters = h.app.delivery.tenantLimiters;
      const acquire = limiters.acquire.bind(limiters);
      const turns: string[] = [];
      limiters.acquire = (tenantId, priority) => {
        turns.push(tenantId);
        return acquire(tenantId, priority);
      };
      try {
        await post(memberChange(h.connector.url, team, [joiner.teamsId], 'added'));
      } finally {
        limiters.acquire = acquire;
      }
      const ops = opsSince(h.app.store);
      expect(roster.pageReads.length).toBe(reads);
      expect(roster.memberReads.filter((r) => r.userId === joiner.teamsId)).toHaveLength(1);
      expect(turns).toContain(joiner.tenantId); // the look-up waited for its turn under Teams' limit
      // Read the team, look the person up, create them, record their membership: independent of team size.
      expect(ops).toBeLessThanOrEqual(10); // (+ the team's practice and the practice membership)
      expect(await h.app.store.users.get(joiner.aadObjectId, joiner.aadObjectId)).toMatchObject({
        consent: { state: 'pending', via: 'team' },
      });
      expect(await members(h.app.store, joiner.tenantId, team.teamId)).toHaveLength(11);
      await post(memberChange(h.connector.url, team, [joiner.teamsId], 'added')); // Teams may repeat it
      await tick();
      expect(welcomesTo(joiner)).toHaveLength(1);
    });

    it('takes out the one member who left, with a few store operations and no roster read', async () => {
      const leaver = staff[7]!;
      roster.setMembers(team.teamId, rosterOf([...staff.filter((p) => p !== leaver), joiner]));
      const reads = roster.pageReads.length;
      h.app.store.resetMetrics();
      await post(memberChange(h.connector.url, team, [leaver.teamsId], 'removed'));
      expect(opsSince(h.app.store)).toBeLessThanOrEqual(4);
      expect(roster.pageReads.length).toBe(reads);
      const left = await members(h.app.store, leaver.tenantId, team.teamId);
      expect(left).toHaveLength(10);
      expect(JSON.stringify(left)).not.toContain(leaver.aadObjectId);
    });

    it('reads the whole roster instead when many join at once (a bulk add), outside the turn', async () => {
      // More than the turn looks up one by one.
      const crowd = Array.from({ length: MAX_MEMBERS_LOOKED_UP + 1 }, (_, i) => person(51000 + i));
      roster.setMembers(team.teamId, rosterOf([...staff.filter((p) => p !== staff[7]), joiner, ...crowd]));
      const lookups = roster.memberReads.length;
      await post(
        memberChange(
          h.connector.url,
          team,
          crowd.map((p) => p.teamsId),
          'added',
        ),
      );
      expect(roster.memberReads.length).toBe(lookups);
      expect(await h.app.store.users.get(crowd[0]!.aadObjectId, crowd[0]!.aadObjectId)).toBeUndefined();
      await tick();
      for (const p of crowd) expect(welcomesTo(p)).toHaveLength(1);
      // 9 staff (not the one who left), the joiner and the newcomers: what Teams lists.
      expect(await members(h.app.store, joiner.tenantId, team.teamId)).toHaveLength(10 + crowd.length);
    });
  });

  describe('guests', () => {
    const team = teamChannel(95);
    const staff = Array.from({ length: 6 }, (_, i) => person(60000 + i));
    const guest = person(60100); // Teams lists them with userRole 'guest'
    const otherOrg = person(60101, '0b2c3d4e-0000-0000-0000-0000000000aa'); // home tenant is another one
    const lateGuest = person(60102);
    const guestRoster = () => [
      ...rosterOf(staff),
      ...rosterOf([guest], 'guest'),
      { ...rosterOf([otherOrg])[0]!, userRole: 'user' as const },
    ];

    it('sends guests no unsolicited welcome by default, from a roster read or when they join', async () => {
      roster.setMembers(team.teamId, guestRoster());
      await post(botAddedToTeam(h.connector.url, team));
      await tick();
      for (const p of staff) expect(welcomesTo(p)).toHaveLength(1);
      roster.setMembers(team.teamId, [...guestRoster(), ...rosterOf([lateGuest], 'guest')]);
      await post(memberChange(h.connector.url, team, [lateGuest.teamsId], 'added'));
      await tick();
      for (const p of [guest, otherOrg, lateGuest]) {
        expect(roster.created.some((c) => c.userTeamsId === p.teamsId)).toBe(false);
        expect(welcomesTo(p)).toHaveLength(0);
        expect(await h.app.store.users.get(p.aadObjectId, p.aadObjectId)).toBeUndefined();
      }
      const job = (await h.app.store.rollout.get(staff[0]!.tenantId, `roster|${team.teamId}`)) as RosterJobRecord;
      expect(job.counts).toMatchObject({ members: 6, guests: 2 });
    });

    it('invites guests too once someone in the team turns Guests on in the team settings', async () => {
      const res = await post(
        channelCardAction(staff[0]!, h.connector.url, team, 'team.settings.save', {
          enabled: 'true',
          day: 'mon',
          time: '09:00',
          timeZone: 'Europe/London',
          channelId: team.teamId,
          welcomeGuests: 'true',
        }),
      );
      expect(res.status).toBe(200);
      expect((await h.app.store.teams.get(team.teamId, team.teamId))?.settings.welcomeGuests).toBe(true);
      const newGuest = person(60103);
      roster.setMembers(team.teamId, [...guestRoster(), ...rosterOf([lateGuest, newGuest], 'guest')]);
      await post(memberChange(h.connector.url, team, [newGuest.teamsId], 'added'));
      await tick();
      expect(welcomesTo(newGuest)).toHaveLength(1);
      const user = (await h.app.store.users.get(newGuest.aadObjectId, newGuest.aadObjectId)) as UserRecord;
      expect(user.consent).toMatchObject({ via: 'team' });
    });
  });

  describe('when Teams refuses the read', () => {
    const jobOf = async (t: TeamChannel) =>
      (await h.app.store.rollout.get(START_TENANT, `roster|${t.teamId}`)) as RosterJobRecord;

    it('tries a 5xx again after a backoff, from the page that failed, and then finishes', async () => {
      const team = teamChannel(97);
      const staff = Array.from({ length: 5 }, (_, i) => person(80000 + i)); // two pages of 3
      roster.setMembers(team.teamId, rosterOf(staff), { maxPageSize: 3 });
      await post(botAddedToTeam(h.connector.url, team));
      roster.failPages(team.teamId, 503, 'ServiceUnavailable', 1);
      await tick();
      const waiting = await jobOf(team);
      expect(waiting).toMatchObject({ state: 'pending', attempts: 1, pagesRead: 0 });
      expect(waiting.lastError).toMatch(/^http_503/);
      expect(Date.parse(waiting.notBefore!)).toBeGreaterThan(clock.getTime());
      await tick(); // before the backoff ends: not tried
      expect(readsOf(team)).toHaveLength(1);
      clock = new Date(clock.getTime() + 2 * 3_600_000);
      await tick();
      expect(await jobOf(team)).toMatchObject({ state: 'done', pagesRead: 2, attempts: 0 });
      expect(readsOf(team).map((r) => r.continuationToken)).toEqual([
        undefined,
        undefined,
        readsOf(team)[2]!.continuationToken,
      ]);
      for (const p of staff) expect(welcomesTo(p)).toHaveLength(1);
    });

    it('stops on 404 (the team is gone), and reads afresh when the bot is added again', async () => {
      const team = teamChannel(98);
      const staff = Array.from({ length: 4 }, (_, i) => person(81000 + i));
      roster.setMembers(team.teamId, rosterOf(staff));
      await post(botAddedToTeam(h.connector.url, team));
      roster.failPages(team.teamId, 404, 'ConversationNotFound', 1);
      await tick();
      expect(await jobOf(team)).toMatchObject({ state: 'failed' });
      await tick();
      expect(readsOf(team)).toHaveLength(1);
      await post(botAddedToTeam(h.connector.url, team));
      await tick();
      expect(await jobOf(team)).toMatchObject({ state: 'done', counts: { members: 4, invited: 4 } });
      for (const p of staff) expect(welcomesTo(p)).toHaveLength(1);
    });

    it('invites nobody when the bot was taken out of the team before the read ran', async () => {
      const team = teamChannel(99);
      const staff = Array.from({ length: 4 }, (_, i) => person(82000 + i));
      roster.setMembers(team.teamId, rosterOf(staff));
      await post(botAddedToTeam(h.connector.url, team));
      await post(botRemovedFromTeam(h.connector.url, team));
      await tick();
      expect(await jobOf(team)).toMatchObject({ state: 'failed', lastError: 'team_stopped' });
      for (const p of staff) {
        expect(await h.app.store.users.get(p.aadObjectId, p.aadObjectId)).toBeUndefined();
        expect(welcomesTo(p)).toHaveLength(0);
      }
    });
  });
});

describe('a roster read after a restart (embedded store, a new process on the same data)', () => {
  let connector: ConnectorDouble;
  let roster: ConnectorRoster;
  const dataDir = freshDataDir();
  const team = teamChannel(96);
  const staff = Array.from({ length: 8 }, (_, i) => person(70000 + i)); // three pages of 3
  let clock = START;
  // Both processes' waits for Teams' rate limit on a virtual clock (their ticks run under it).
  const virtual = new VirtualClock();

  beforeAll(async () => {
    connector = await startConnectorDouble();
    roster = serveRoster(connector);
    roster.setMembers(team.teamId, rosterOf(staff), { maxPageSize: 3 });
  });
  afterAll(async () => connector.close());

  it('goes on from the saved cursor in the new process, and the old lease does not block it for long', async () => {
    const first = await startHarness({ dataDir, connector, now: () => clock, timing: virtual.timing });
    await first.post(botAddedToTeam(connector.url, team));
    let pages = 0;
    const crash = () => {
      if (++pages === 2) throw new Error('process killed');
    };
    // The lease is not released by a killed process: keep it, as the crash would.
    const deps = first.app.delivery.deps;
    const store = deps.store;
    const keepLeases: Store = { ...store, leases: { ...store.leases, delete: async () => false } };
    await virtual.run(runTick({ ...deps, store: keepLeases, rosterFault: crash }));
    await first.close();
    expect(roster.pageReads).toHaveLength(2);

    const second = await startHarness({ dataDir, connector, now: () => clock, timing: virtual.timing });
    await virtual.run(second.app.delivery.tick());
    expect(roster.pageReads).toHaveLength(2); // the lease is still the killed process's
    clock = new Date(START.getTime() + 10 * 60_000); // after the lease ran out
    await virtual.run(second.app.delivery.tick());
    const tokens = roster.pageReads.map((r) => r.continuationToken);
    expect(tokens).toHaveLength(4);
    expect(tokens.slice(0, 3)).toEqual([undefined, tokens[1], tokens[1]]);
    expect(tokens[3]).toBeDefined();
    const welcomed = (await second.app.store.deliveries.query({})).filter((d) => d.kind === 'welcome');
    expect(new Set(welcomed.map((d) => d.ownerId)).size).toBe(8);
    expect(welcomed).toHaveLength(8);
    for (const p of staff) {
      expect(connector.sentTo(roster.conversationIdOf(p.teamsId)).filter((a) => a.method === 'POST')).toHaveLength(1);
    }
    await second.close();
  });
});
