import { runTick } from '../../src/delivery/run-tick';
import type { Store } from '../../src/store/port';
import type { DeliveryRecord } from '../../src/domain';
import { Writable } from 'node:stream';
import { createLogger } from '../../src/logger';
import { loadContent } from '../../src/content/load';
import { buildDeps, buildUser, FakeSender, openTempStore, recordingMetrics, seedUsers } from './engine-fixture';

const NOW = new Date('2026-03-02T09:00:30.000Z'); // Monday, 30 s after the 09:00 London slot
const at = (iso: string) => () => new Date(iso);

async function allDeliveries(store: Store): Promise<DeliveryRecord[]> {
  return store.deliveries.query({ orderBy: [{ field: 'id' }], limit: 10_000 });
}

describe('runTick', () => {
  let store: Store;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ store, cleanup } = await openTempStore()));
  afterEach(async () => cleanup());

  it('sends each due person one nudge, records it sent and moves them to next week', async () => {
    await seedUsers(store, 5);
    await store.users.create(buildUser(99, { nextDueAt: '2026-03-09T09:00:00.000Z' })); // not due yet
    const sender = new FakeSender();
    const metrics = recordingMetrics();
    const counters = await runTick(buildDeps(store, sender, { metrics }));
    expect(counters).toMatchObject({ due: 5, claimed: 5, sent: 5, failed: 0, unknown: 0 });
    expect(sender.sends).toHaveLength(5);
    const deliveries = await allDeliveries(store);
    expect(deliveries.map((d) => d.id)).toContain('u00000|2026-W10');
    for (const d of deliveries) {
      expect(d).toMatchObject({ state: 'sent', attempts: 1, kind: 'scheduled', outcome: 'ok' });
      expect(d.activityId).toMatch(/^act-/);
    }
    const user = await store.users.get('u00000', 'u00000');
    expect(user?.nextDueAt).toBe('2026-03-09T09:00:00.000Z');
    expect(user?.history.sentCount).toBe(1);
    expect(user?.history.seen).toEqual([deliveries[0]?.nudgeId]);
    expect(user?.anchorDate).toBe('2026-03-02');
    expect(metrics.totals.get('delivery.sent')).toBe(5);
  });

  it('logs a tick with nothing due only at debug and records no zero counters; a tick that sent logs at info', async () => {
    const lines: { level: number; msg: string; time: unknown; due?: number }[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const l of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(l) as never);
        done();
      },
    });
    const logger = createLogger({ level: 'info', destination: sink });
    const idleMetrics = recordingMetrics();
    await runTick(buildDeps(store, new FakeSender(), { metrics: idleMetrics, logger }));
    expect(lines.filter((l) => l.msg === 'delivery tick')).toEqual([]);
    expect([...idleMetrics.totals.keys()]).toEqual(['delivery.durationMs']);

    await seedUsers(store, 2);
    const metrics = recordingMetrics();
    await runTick(buildDeps(store, new FakeSender(), { metrics, logger }));
    const ticks = lines.filter((l) => l.msg === 'delivery tick');
    expect(ticks).toEqual([expect.objectContaining({ level: 30, due: 2 })]);
    expect(ticks[0]!.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/); // ISO 8601 UTC, not epoch ms
    expect(metrics.totals.get('delivery.sent')).toBe(2);
    expect(metrics.totals.has('delivery.failed')).toBe(false);
  });

  it('sends someone who has not chosen a role (role "other" by default) only nudges written for everyone, week after week', async () => {
    const shipped = loadContent().nudges;
    const people = Array.from({ length: 30 }, (_, i) =>
      buildUser(i, { prefs: { ...buildUser(i).prefs, role: 'other' }, onboarded: false }),
    );
    for (const p of people) await store.users.create(p);
    await store.users.create(buildUser(99, { prefs: { ...buildUser(99).prefs, role: 'other' } })); // chose "other"
    const sender = new FakeSender();
    for (let week = 0; week < 6; week++) {
      const now = new Date(Date.parse('2026-03-02T09:00:30.000Z') + week * 7 * 86_400_000);
      await runTick(buildDeps(store, sender, { nudges: shipped, now: () => now }));
    }
    const sent = (await allDeliveries(store)).filter((d) => d.state === 'sent');
    const roles = (id: string) => shipped.find((n) => n.id === id)!.roles;
    const notChosen = sent.filter((d) => d.ownerId !== 'u00099');
    expect(notChosen).toHaveLength(30 * 6);
    expect(notChosen.filter((d) => roles(d.nudgeId).length !== 5)).toEqual([]);
    // The person who chose "other" gets nudges written for them among the six.
    expect(sent.filter((d) => d.ownerId === 'u00099').map((d) => roles(d.nudgeId).length)).toContain(1);
  });

  it('keeps a change the person makes while their nudge is being sent, and still moves them on once', async () => {
    await seedUsers(store, 1);
    // The person changes their role while the send is in flight: the engine's copy of their record
    // is now stale, so settling must re-read it rather than overwrite the change.
    const sender: FakeSender = Object.assign(new FakeSender(), {
      async send(this: FakeSender, ...args: Parameters<FakeSender['send']>) {
        const u = (await store.users.get('u00000', 'u00000'))!;
        await store.users.replace({ ...u, prefs: { ...u.prefs, role: 'clinician' } }, u.etag);
        return FakeSender.prototype.send.apply(this, args);
      },
    });
    const counters = await runTick(buildDeps(store, sender));
    expect(counters).toMatchObject({ sent: 1, failed: 0 });
    const user = await store.users.get('u00000', 'u00000');
    expect(user?.prefs.role).toBe('clinician');
    expect(user?.nextDueAt).toBe('2026-03-09T09:00:00.000Z');
    expect(user?.history.sentCount).toBe(1);
  });

  it('sends nothing more when run again for the same period', async () => {
    await seedUsers(store, 3);
    const sender = new FakeSender();
    await runTick(buildDeps(store, sender));
    const again = await runTick(buildDeps(store, sender, { instanceId: 'i2' }));
    expect(again.due).toBe(0);
    expect(sender.sends).toHaveLength(3);
  });

  it.each([
    ['with the per-tenant sender lease', true],
    ['with claims alone (sender lease off)', false],
  ])('sends exactly one nudge per person when two instances tick at once (%s)', async (_name, useSenderLease) => {
    await seedUsers(store, 1000, (i) => buildUser(i, { tenantId: `t${i % 3}` }));
    const sender = new FakeSender(1);
    const config = { useSenderLease, concurrencyPerTenant: 8 };
    const [a, b] = await Promise.all([
      runTick(buildDeps(store, sender, { instanceId: 'a', config })),
      runTick(buildDeps(store, sender, { instanceId: 'b', config })),
    ]);
    expect(a.sent + b.sent).toBe(1000);
    expect(sender.sends).toHaveLength(1000);
    expect([...sender.copiesPerConversation().values()].every((n) => n === 1)).toBe(true);
    expect(await store.deliveries.count({})).toBe(1000);
    expect(await store.deliveries.count({ where: [{ field: 'state', op: '=', value: 'sent' }] })).toBe(1000);
  });

  describe('catch-up after downtime', () => {
    it('sends a slot missed by less than the grace period once, as a catch-up', async () => {
      await seedUsers(store, 2);
      const sender = new FakeSender();
      const later = at('2026-03-02T17:00:00.000Z'); // 8 h late, grace 12 h
      const first = await runTick(buildDeps(store, sender, { now: later }));
      expect(first.sent).toBe(2);
      const again = await runTick(buildDeps(store, sender, { now: at('2026-03-02T18:00:00.000Z'), instanceId: 'i2' }));
      expect(again.sent).toBe(0);
      expect(sender.sends).toHaveLength(2);
      const d = await store.deliveries.get('u00000', 'u00000|2026-W10');
      expect(d).toMatchObject({ state: 'sent', kind: 'catchup' });
      expect((await store.users.get('u00000', 'u00000'))?.nextDueAt).toBe('2026-03-09T09:00:00.000Z');
    });

    it('records an older miss as missed and moves to the next slot without sending', async () => {
      await seedUsers(store, 1);
      const sender = new FakeSender();
      const counters = await runTick(buildDeps(store, sender, { now: at('2026-03-03T10:00:00.000Z') }));
      expect(counters).toMatchObject({ missed: 1, sent: 0 });
      expect(sender.sends).toHaveLength(0);
      expect(await store.deliveries.get('u00000', 'u00000|2026-W10')).toMatchObject({ state: 'missed' });
      expect((await store.users.get('u00000', 'u00000'))?.nextDueAt).toBe('2026-03-09T09:00:00.000Z');
    });

    it('after weeks down, records one miss and sends the latest slot still within grace, once', async () => {
      await seedUsers(store, 1);
      const sender = new FakeSender();
      const now = at('2026-03-23T12:00:00.000Z'); // three weeks later, 3 h after that Monday's slot
      const counters = await runTick(buildDeps(store, sender, { now }));
      expect(counters).toMatchObject({ missed: 1, sent: 1 });
      await runTick(buildDeps(store, sender, { now, instanceId: 'i2' }));
      expect(sender.sends).toHaveLength(1);
      expect(await store.deliveries.get('u00000', 'u00000|2026-W13')).toMatchObject({ state: 'sent', kind: 'catchup' });
      expect((await store.users.get('u00000', 'u00000'))?.nextDueAt).toBe('2026-03-30T08:00:00.000Z');
    });
  });

  it('sends fortnightly people every other week from their first nudge', async () => {
    await seedUsers(store, 1, (i) => buildUser(i, { prefs: { ...buildUser(i).prefs, frequency: 'fortnightly' } }));
    const sender = new FakeSender();
    await runTick(buildDeps(store, sender));
    const user = await store.users.get('u00000', 'u00000');
    expect(user?.anchorDate).toBe('2026-03-02');
    expect(user?.nextDueAt).toBe('2026-03-16T09:00:00.000Z');
  });

  it('sends nothing to a paused person and schedules them after the pause', async () => {
    await seedUsers(store, 1, (i) => buildUser(i, { pausedUntil: '2026-03-20T00:00:00.000Z' }));
    const sender = new FakeSender();
    const counters = await runTick(buildDeps(store, sender));
    expect(counters).toMatchObject({ sent: 0, skipped: 1 });
    expect((await store.users.get('u00000', 'u00000'))?.nextDueAt).toBe('2026-03-23T09:00:00.000Z');
  });

  it('leaves a tenant to the instance holding its sender lease', async () => {
    await seedUsers(store, 3);
    await store.leases.create({
      id: 'sender|t1',
      owner: 'other',
      until: '2026-03-02T09:05:00.000Z',
      updatedAt: NOW.toISOString(),
    });
    const sender = new FakeSender();
    const counters = await runTick(buildDeps(store, sender));
    expect(counters).toMatchObject({ due: 3, sent: 0, busy: 3 });
    const afterExpiry = await runTick(buildDeps(store, sender, { now: at('2026-03-02T09:06:00.000Z') }));
    expect(afterExpiry.sent).toBe(3);
    expect(await store.leases.get('sender|t1', 'sender|t1')).toBeUndefined(); // released at the end
  });

  it('sends team nudges through the same machinery', async () => {
    await store.teams.create({
      id: 'team1',
      teamId: 'team1',
      tenantId: 't1',
      conversation: {
        serviceUrl: 'http://127.0.0.1:1/',
        conversationId: '19:chan',
        tenantId: 't1',
        channelId: 'msteams',
        conversationType: 'channel',
      },
      settings: { enabled: true, day: 'mon', time: '09:00', timeZone: 'Europe/London', channelId: '19:chan' },
      status: 'active',
      nextDueAt: '2026-03-02T09:00:00.000Z',
      history: { seen: [], notUseful: [], sentCount: 0 },
      createdAt: NOW.toISOString(),
      updatedAt: NOW.toISOString(),
    });
    const sender = new FakeSender();
    const counters = await runTick(buildDeps(store, sender));
    expect(counters.sent).toBe(1);
    expect(await store.deliveries.get('team1', 'team1|2026-W10')).toMatchObject({ state: 'sent', ownerKind: 'team' });
  });
});
