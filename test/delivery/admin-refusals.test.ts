import { ADMIN_BLOCK_STREAK } from '../../src/delivery/admin-refusals';
import { runTick } from '../../src/delivery/run-tick';
import { tenantPauseId } from '../../src/delivery/tenant-pause';
import { person, type Person } from '../support/activities';
import { startHarness, type Harness } from '../support/bot-harness';
import { teamsRefusal } from '../support/connector-double';
import { serveRoster, type ConnectorRoster } from '../support/connector-roster';
import { installAndStart } from '../support/started-people';
import { openTestStore } from '../support/stores';
import { VirtualClock } from '../support/virtual-clock';
import { botAddedToTeam, teamChannel } from '../team/team-activities';
import type { Store } from '../../src/store/port';
import type { StoreKind } from '../support/stores';
import { buildDeps, FakeSender, openTempStore, seedUsers, sendError } from './engine-fixture';

const MINUTE = 60_000;
const DAY = 86_400_000;
const BLOCKED_BY_ADMIN = () => sendError(403, 'BotDisabledByAdmin');

/**
 * Teams documents BotDisabledByAdmin as one person's app policy ("allow the app for the user"): in a
 * shared tenant such as NHSmail it says nothing about colleagues.
 *
 * On the Cosmos store only: which people are held back does not depend on the store. Twelve people and
 * a team of ten show it as well as more would (one refusal is far from ADMIN_BLOCK_STREAK).
 */
describe("one person's BotDisabledByAdmin (cosmos store)", () => {
  let h: Harness;
  let roster: ConnectorRoster;
  const staff: Person[] = Array.from({ length: 12 }, (_, i) => person(700 + i));
  const blocked = staff[7]!;
  const team = teamChannel(41);
  const members: Person[] = Array.from({ length: 10 }, (_, i) => person(800 + i));
  const blockedMember = members[3]!;
  // Teams' rate limit is kept on a virtual clock: the engine's waits for it take no real time.
  const clock = new VirtualClock();
  const tick = (at: Date) => clock.run(h.app.delivery.tick(at));

  beforeAll(async () => {
    h = await startHarness({ store: openTestStore('cosmos'), timing: clock.timing });
    roster = serveRoster(h.connector);
    // Start is written back over the welcome: installAndStart lets those PUTs land first.
    await clock.run(installAndStart(h, staff));
  });
  afterAll(async () => h.close());

  it('holds back no one else: 11 of 12 get their nudge in the same run, and the blocked person is tried again a week later', async () => {
    h.connector.reset();
    h.connector.addFault(
      teamsRefusal('BotDisabledByAdmin', {
        times: Infinity,
        match: (c) => c.conversationId === blocked.conversationId,
      }),
    );
    const users = await h.app.store.users.query({ limit: 1000 });
    const at = new Date(Math.max(...users.map((u) => Date.parse(u.nextDueAt ?? ''))) + MINUTE);
    const dueBefore = (await h.app.store.users.get(blocked.aadObjectId, blocked.aadObjectId))!.nextDueAt!;
    await tick(at);

    for (const p of staff) {
      expect({ p: p.aadObjectId, n: h.connector.sentTo(p.conversationId).length }).toEqual({
        p: p.aadObjectId,
        n: p === blocked ? 0 : 1,
      });
    }
    expect(h.connector.refused.filter((r) => r.conversationId === blocked.conversationId)).toHaveLength(1);
    const tenantId = blocked.tenantId;
    expect(await h.app.store.leases.get(tenantPauseId(tenantId), tenantPauseId(tenantId))).toBeUndefined();
    // Settled for that person alone: still active, due again at next week's slot.
    const after = await h.app.store.users.get(blocked.aadObjectId, blocked.aadObjectId);
    expect(after?.status).toBe('active');
    expect(Date.parse(after!.nextDueAt!) - Date.parse(dueBefore)).toBe(7 * DAY);

    // The admin allows the app for them: next week they get their nudge.
    h.connector.clearFaults();
    await tick(new Date(at.getTime() + 7 * DAY));
    expect(h.connector.sentTo(blocked.conversationId)).toHaveLength(1);
  }, 120_000);

  it("welcomes a whole team when one member's chat is refused, and tries that member again a week later", async () => {
    roster.setMembers(
      team.teamId,
      members.map((p) => ({ teamsId: p.teamsId, aadObjectId: p.aadObjectId, tenantId: p.tenantId })),
    );
    h.connector.reset();
    h.connector.addFault(
      teamsRefusal('BotDisabledByAdmin', {
        times: Infinity,
        on: ['create'],
        match: (c) => c.member === blockedMember.teamsId,
      }),
    );
    expect((await clock.run(h.post(botAddedToTeam(h.connector.url, team)))).status).toBe(200);
    const now = new Date(h.now().getTime() + MINUTE);
    await tick(now);
    const welcomesTo = (p: Person) =>
      h.connector.sentTo(roster.conversationIdOf(p.teamsId)).filter((a) => a.method === 'POST').length;
    for (const p of members)
      expect({ p: p.teamsId, n: welcomesTo(p) }).toEqual({ p: p.teamsId, n: p === blockedMember ? 0 : 1 });
    const waiting = await h.app.store.users.get(blockedMember.aadObjectId, blockedMember.aadObjectId);
    expect(waiting?.consent?.state).toBe('pending');
    expect(Date.parse(waiting!.nextDueAt!) - now.getTime()).toBeGreaterThanOrEqual(7 * DAY - MINUTE);

    h.connector.clearFaults();
    await tick(new Date(now.getTime() + 7 * DAY + MINUTE));
    expect(welcomesTo(blockedMember)).toBe(1);
    // Everyone has had their one welcome (the others their reminder too, a week on).
    for (const p of members) {
      const u = await h.app.store.users.get(p.aadObjectId, p.aadObjectId);
      expect({ p: p.teamsId, welcomed: u?.consent?.welcomedAt !== undefined }).toEqual({
        p: p.teamsId,
        welcomed: true,
      });
    }
  }, 120_000);
});

describe('when BotDisabledByAdmin means the whole tenant', () => {
  let store: Store;
  let cleanup: () => Promise<void>;
  const openStore = async (kind: StoreKind): Promise<void> => {
    if (kind === 'embedded') ({ store, cleanup } = await openTempStore());
    else {
      const cosmos = openTestStore('cosmos');
      await cosmos.init();
      store = cosmos;
      cleanup = () => cosmos.close();
    }
  };
  afterEach(async () => cleanup());

  // Also on Cosmos: the pause record written and read back there, and the due people counted by a query.
  it.each<StoreKind>(['embedded', 'cosmos'])(
    `pauses the tenant after ${ADMIN_BLOCK_STREAK} different people in a row, leaving the rest due (%s store)`,
    async (kind) => {
      await openStore(kind);
      await seedUsers(store, 40);
      const sender = new FakeSender();
      sender.failAlways(BLOCKED_BY_ADMIN);
      const counters = await runTick(buildDeps(store, sender, { config: { concurrencyPerTenant: 1 } }));
      expect(sender.attempts).toHaveLength(ADMIN_BLOCK_STREAK);
      expect(counters.failed).toBe(ADMIN_BLOCK_STREAK);
      expect(await store.leases.get(tenantPauseId('t1'), tenantPauseId('t1'))).toBeDefined();
      // The other 30 were never called and are still due at this week's slot.
      expect(
        await store.users.count({ where: [{ field: 'nextDueAt', op: '=', value: '2026-03-02T09:00:00.000Z' }] }),
      ).toBe(30);
    },
  );

  it('does not pause when refusals are interleaved with successes, however many', async () => {
    await openStore('embedded');
    await seedUsers(store, 40);
    const sender = new FakeSender();
    // Every other person is blocked: 20 refusals, never more than one in a row.
    sender.failAlways((to) => (Number(to.conversationId.slice(-1)) % 2 === 0 ? BLOCKED_BY_ADMIN() : undefined));
    const counters = await runTick(buildDeps(store, sender, { config: { concurrencyPerTenant: 1 } }));
    expect(counters).toMatchObject({ sent: 20, failed: 20 });
    expect(await store.leases.get(tenantPauseId('t1'), tenantPauseId('t1'))).toBeUndefined();
  });
});
