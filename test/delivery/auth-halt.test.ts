import { Writable } from 'node:stream';
import { haltId, HALT_RETRY_MS } from '../../src/delivery/halt-run';
import { runTick } from '../../src/delivery/run-tick';
import { TOKEN_FAILURE_CODE } from '../../src/delivery/sender';
import { createLogger } from '../../src/logger';
import { cardActionActivity, installActivity, person, type Person } from '../support/activities';
import { startHarness, type Harness } from '../support/bot-harness';
import { deniedAuthorization } from '../support/connector-double';
import { serveRoster, type ConnectorRoster } from '../support/connector-roster';
import { botAddedToTeam, teamChannel } from '../team/team-activities';
import { storeFor, type StoreKind } from '../team/test-stores';
import { buildDeps, buildUser, FakeSender, openTempStore, seedUsers, sendError } from './engine-fixture';

const MINUTE = 60_000;

/**
 * A spell of 401s (Teams rejecting the bot's token: wrong app id or secret, an identity still
 * propagating, or not allowed in the tenant) is the bot's fault, not anyone's: nothing is settled,
 * and once tokens work every due nudge and welcome goes out.
 */
describe.each<StoreKind>(['embedded', 'cosmos'])('a spell of 401s from the Bot Connector (%s store)', (kind) => {
  let h: Harness;
  let roster: ConnectorRoster;
  const lines: Record<string, unknown>[] = [];
  const staff: Person[] = Array.from({ length: 20 }, (_, i) => person(300 + i));
  const members: Person[] = Array.from({ length: 12 }, (_, i) => person(400 + i));
  const installedDuringSpell: Person[] = Array.from({ length: 5 }, (_, i) => person(500 + i));
  const team = teamChannel(31);
  // One clock for the whole bot: the welcomes refused during the spell and the weekly runs read the same
  // time, as they do in production. It starts on a Tuesday, so every weekly slot (Mondays from 09:00,
  // spread over the hour) is next week's, whatever the real day and hour.
  let nowMs = Date.parse('2026-12-01T10:00:00Z');

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const l of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(l) as never);
        done();
      },
    });
    h = await startHarness({
      store: storeFor(kind),
      now: () => new Date(nowMs),
      logger: createLogger({ level: 'info', destination: sink }),
    });
    roster = serveRoster(h.connector);
    roster.setMembers(
      team.teamId,
      members.map((p) => ({ teamsId: p.teamsId, aadObjectId: p.aadObjectId, tenantId: p.tenantId })),
    );
    await Promise.all(
      staff.map(async (p) => {
        expect((await h.post(installActivity(p, h.connector.url))).status).toBe(200);
        expect((await h.post(cardActionActivity(p, h.connector.url, 'consent.start', {}))).status).toBe(200);
      }),
    );
    await h.app.followUps.settled(); // Start is written back over the welcome: let those PUTs land first
  });
  afterAll(async () => h.close());

  it('settles no one, alerts once with the likely causes, and delivers every due nudge and welcome once tokens work', async () => {
    const users = await h.app.store.users.query({ limit: 1000 });
    const at = new Date(Math.max(...users.map((u) => Date.parse(u.nextDueAt ?? ''))) + MINUTE);
    h.connector.reset();
    lines.length = 0;
    nowMs = at.getTime();
    // The bot is added to a team of twelve (its roster read, their welcomes queued for the next run)...
    expect((await h.post(botAddedToTeam(h.connector.url, team))).status).toBe(200);
    // ...and then every call is refused 401; meanwhile five people install the app.
    h.connector.addFault(deniedAuthorization());
    for (const p of installedDuringSpell) expect((await h.post(installActivity(p, h.connector.url))).status).toBe(200);
    await h.app.followUps.settled();
    const dueBefore = new Map((await h.app.store.users.query({ limit: 1000 })).map((u) => [u.id, u.nextDueAt]));
    const first = await h.app.delivery.tick(at);
    expect(first.sent).toBe(0);
    expect(first.failed + first.inactive + first.unknown).toBe(0);

    // Nobody was settled: every due time is as it was, every delivery is given back unsent.
    for (const u of await h.app.store.users.query({ limit: 1000 })) {
      expect({ id: u.id, due: u.nextDueAt, status: u.status }).toEqual({
        id: u.id,
        due: dueBefore.get(u.id),
        status: 'active',
      });
    }
    const deliveries = await h.app.store.deliveries.query({ limit: 1000 });
    expect(deliveries.filter((d) => !['claimed', 'sent'].includes(d.state))).toEqual([]);

    // One alert naming the likely causes (not one per person, not "BotNotRegistered").
    const halted = lines.filter((l) => l.event === 'delivery.halted');
    expect(halted.length).toBeGreaterThanOrEqual(1);
    const alerts = halted.filter((l) => l.level === 60);
    expect(alerts).toHaveLength(1);
    expect(String(alerts[0]!.msg)).toMatch(/MicrosoftAppId/);
    expect(String(alerts[0]!.msg)).toMatch(/MicrosoftAppTenantId/);
    expect(String(alerts[0]!.msg)).toMatch(/not allowed in this tenant/);
    expect(lines.filter((l) => l.event === 'delivery.bot_not_registered')).toEqual([]);

    // A minute later Teams is left alone (the halt lasts a few minutes), and no one is settled.
    const calls = h.connector.refused.length + h.connector.accepted.length;
    nowMs = at.getTime() + MINUTE;
    const quiet = await h.app.delivery.tick(new Date(nowMs));
    expect(h.connector.refused.length + h.connector.accepted.length).toBe(calls);
    expect(quiet.failed + quiet.sent).toBe(0);

    // Tokens work again: the next run after the halt delivers everything that was due, once.
    h.connector.clearFaults();
    nowMs = at.getTime() + HALT_RETRY_MS + MINUTE;
    await h.app.delivery.tick(new Date(nowMs));
    for (const p of staff)
      expect({ p: p.aadObjectId, n: h.connector.sentTo(p.conversationId).length }).toEqual({ p: p.aadObjectId, n: 1 });
    for (const p of installedDuringSpell) {
      expect({ p: p.aadObjectId, n: h.connector.sentTo(p.conversationId).length }).toEqual({ p: p.aadObjectId, n: 1 });
    }
    for (const p of members) {
      const welcomes = h.connector.sentTo(roster.conversationIdOf(p.teamsId)).filter((a) => a.method === 'POST');
      expect({ p: p.aadObjectId, n: welcomes.length }).toEqual({ p: p.aadObjectId, n: 1 });
    }
    // Only one alert for the whole spell.
    expect(lines.filter((l) => l.event === 'delivery.halted' && l.level === 60)).toHaveLength(1);
  }, 120_000);
});

describe('no token for the bot (the identity endpoint refuses)', () => {
  it('stops the whole run at the first failure, across tenants, and sends everything once a token comes', async () => {
    const { store, cleanup } = await openTempStore();
    try {
      await seedUsers(store, 40, (i) => buildUser(i, { tenantId: i % 2 ? 't-a' : 't-b' }));
      const sender = new FakeSender();
      sender.failAlways(() => sendError(0, TOKEN_FAILURE_CODE));
      const deps = buildDeps(store, sender, { config: { concurrencyPerTenant: 1 } });
      const c1 = await runTick(deps);
      // One call per tenant at most (each tenant's worker may have been under way), never one per person.
      expect(sender.attempts.length).toBeLessThanOrEqual(2);
      expect(c1).toMatchObject({ sent: 0, failed: 0, unknown: 0, inactive: 0 });
      expect(await store.leases.get(haltId('*'), haltId('*'))).toBeDefined();
      expect(
        await store.users.count({ where: [{ field: 'nextDueAt', op: '=', value: '2026-03-02T09:00:00.000Z' }] }),
      ).toBe(40);

      sender.failAlways(() => undefined);
      const later = new Date(Date.parse('2026-03-02T09:00:30.000Z') + HALT_RETRY_MS + MINUTE);
      const c2 = await runTick(buildDeps(store, sender, { now: () => later }));
      expect(c2.sent).toBe(40);
      expect([...sender.copiesPerConversation().values()].every((n) => n === 1)).toBe(true);
    } finally {
      await cleanup();
    }
  });
});
