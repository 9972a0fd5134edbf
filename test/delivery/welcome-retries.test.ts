import { CONSENT_RETRY_MS } from '../../src/delivery/release-delivery';
import { runTick } from '../../src/delivery/run-tick';
import type { FaultPoint } from '../../src/delivery/types';
import { person, type Person } from '../support/activities';
import { startHarness, type Harness } from '../support/bot-harness';
import { throttledCreate } from '../support/connector-double';
import { serveRoster, type ConnectorRoster } from '../support/connector-roster';
import { VirtualClock } from '../support/virtual-clock';
import { botAddedToTeam, teamChannel } from '../team/team-activities';
import { buildDeps, buildUser, FakeSender, openTempStore, seedUsers, sendError } from './engine-fixture';

const MINUTE = 60_000;

/** Nothing lost on the way to a welcome: throttling, 5xx and crashes delay an invitation, never lose it. */
describe('welcomes to a team roster against a refusing create-conversation', () => {
  let h: Harness;
  let roster: ConnectorRoster;
  // The engine's waits (Retry-After, backoff between attempts, the tenant limiter) pass on a virtual clock:
  // the same waits in the same order, without the seconds of real time. Everything that may wait runs in clock.run.
  const clock = new VirtualClock();
  beforeAll(async () => {
    h = await startHarness({ timing: clock.timing });
    roster = serveRoster(h.connector);
  });
  afterAll(async () => h.close());

  const meet = async (n: number, size: number): Promise<Person[]> => {
    const team = teamChannel(n);
    const members = Array.from({ length: size }, (_, i) => person(n * 100 + i));
    roster.setMembers(
      team.teamId,
      members.map((p) => ({ teamsId: p.teamsId, aadObjectId: p.aadObjectId, tenantId: p.tenantId })),
    );
    expect((await clock.run(h.post(botAddedToTeam(h.connector.url, team)))).status).toBe(200);
    return members;
  };
  const welcomesTo = (p: Person) =>
    h.connector.sentTo(roster.conversationIdOf(p.teamsId)).filter((a) => a.method === 'POST').length;

  it('still welcomes a member whose create-conversation is answered 429 five times (Retry-After honoured)', async () => {
    h.connector.reset();
    const members = await meet(51, 10);
    const target = members[4]!;
    h.connector.addFault(throttledCreate(5, { member: target.teamsId, retryAfter: 1 }));
    const tickStarted = clock.now;
    await clock.run(h.app.delivery.tick(new Date(h.now().getTime() + MINUTE)));
    expect(h.connector.refused.filter((r) => r.kind === 'create' && r.member === target.teamsId)).toHaveLength(5);
    // Each 429's Retry-After (1 s) was waited out before the next try: on the virtual clock, not the machine's.
    expect(clock.now - tickStarted).toBeGreaterThanOrEqual(5 * 1000);
    for (const p of members) expect({ p: p.teamsId, n: welcomesTo(p) }).toEqual({ p: p.teamsId, n: 1 });
  }, 60_000);

  it('tries a welcome again later when create-conversation keeps failing with 5xx, and welcomes then', async () => {
    h.connector.reset();
    const members = await meet(52, 4);
    const target = members[1]!;
    h.connector.addFault({
      on: ['create'],
      times: Infinity,
      status: 503,
      body: { error: { code: 'ServiceUnavailable', message: 'Service unavailable' } },
      match: (c) => c.member === target.teamsId,
    });
    const now = new Date(h.now().getTime() + MINUTE);
    await clock.run(h.app.delivery.tick(now));
    expect(welcomesTo(target)).toBe(0);
    const waiting = await h.app.store.users.get(target.aadObjectId, target.aadObjectId);
    expect(waiting?.consent).toMatchObject({ state: 'pending' });
    expect(waiting?.consent?.welcomedAt).toBeUndefined();
    expect(Date.parse(waiting!.nextDueAt!)).toBeGreaterThan(now.getTime());

    h.connector.clearFaults();
    await clock.run(h.app.delivery.tick(new Date(now.getTime() + CONSENT_RETRY_MS + MINUTE)));
    for (const p of members) expect({ p: p.teamsId, n: welcomesTo(p) }).toEqual({ p: p.teamsId, n: 1 });
  }, 60_000);
});

describe('a welcome caught by a crash', () => {
  let store: Awaited<ReturnType<typeof openTempStore>>['store'];
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ store, cleanup } = await openTempStore()));
  afterEach(async () => cleanup());
  const PEOPLE = 30;
  const later = () => new Date('2026-03-02T09:10:00.000Z'); // after the 60 s delivery lease
  const pending = (i: number) => buildUser(i, { consent: { state: 'pending', via: 'install' }, onboarded: false });
  const withWelcome = { composeConsent: () => ({ card: { type: 'AdaptiveCard' }, summary: 'welcome' }) };

  it.each<[FaultPoint, number]>([
    ['after-sending', 1],
    ['after-send', 2],
  ])('is sent again after a crash %s: nobody is lost (at most one duplicate each)', async (point, copies) => {
    await seedUsers(store, PEOPLE, pending);
    const sender = new FakeSender();
    const crash = (p: FaultPoint) => {
      if (p === point) throw new Error(`crash ${p}`);
    };
    await runTick(buildDeps(store, sender, { ...withWelcome, instanceId: 'crashing', fault: crash }));
    await runTick(buildDeps(store, sender, { ...withWelcome, instanceId: 'other', now: later }));
    const copiesOf = sender.copiesPerConversation();
    expect(copiesOf.size).toBe(PEOPLE);
    expect([...copiesOf.values()].every((n) => n === copies)).toBe(true);
    const deliveries = await store.deliveries.query({ limit: 1000 });
    expect(deliveries.map((d) => d.state).every((s) => s === 'sent')).toBe(true);
    const users = await store.users.query({ limit: 1000 });
    expect(users.every((u) => u.consent?.welcomedAt !== undefined)).toBe(true);
  });

  it('is tried again later, not dropped, when its send fails with something that is not the person', async () => {
    await seedUsers(store, 3, pending);
    const sender = new FakeSender();
    sender.failNext('a:conv-u00001', sendError(500, 'InternalServerError'));
    const c1 = await runTick(buildDeps(store, sender, withWelcome));
    expect(c1).toMatchObject({ sent: 2, failed: 0, released: 1 });
    const u = await store.users.get('u00001', 'u00001');
    expect(u?.consent?.welcomedAt).toBeUndefined();
    const retryAt = new Date(Date.parse(u!.nextDueAt!) + MINUTE);
    const c2 = await runTick(buildDeps(store, sender, { ...withWelcome, now: () => retryAt }));
    expect(c2.sent).toBe(1);
    expect(sender.copiesPerConversation().get('a:conv-u00001')).toBe(1);
  });
});
