import { runTick } from '../../src/delivery/run-tick';
import { skipDelivery, snoozeDelivery, snoozeSlot } from '../../src/delivery/snooze';
import type { Store } from '../../src/store/port';
import { buildDeps, FakeSender, openTempStore, seedUsers } from './engine-fixture';

const at = (iso: string) => () => new Date(iso);

describe('snooze and skip', () => {
  let store: Store;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ store, cleanup } = await openTempStore()));
  afterEach(async () => cleanup());

  it('sends the same nudge again tomorrow at the person’s time, once, and keeps the weekly slot', async () => {
    await seedUsers(store, 1);
    const sender = new FakeSender();
    await runTick(buildDeps(store, sender));
    const first = await store.deliveries.get('u00000', 'u00000|2026-W10');
    const result = await snoozeDelivery(store, 'u00000', 'u00000|2026-W10', new Date('2026-03-02T10:00:00Z'));
    expect(result).toEqual({ ok: true, until: '2026-03-03T09:00:00.000Z' });
    expect(await snoozeDelivery(store, 'u00000', 'u00000|2026-W10', new Date('2026-03-02T10:01:00Z'))).toEqual({
      ok: false,
      reason: 'already_snoozed',
    });
    expect((await store.users.get('u00000', 'u00000'))?.nextDueAt).toBe('2026-03-03T09:00:00.000Z');
    const tomorrow = await runTick(buildDeps(store, sender, { now: at('2026-03-03T09:00:20Z') }));
    expect(tomorrow.sent).toBe(1);
    expect(sender.sends.map((s) => s.summary)).toEqual([first?.nudgeId, first?.nudgeId]);
    expect(await store.deliveries.get('u00000', 'u00000|2026-W10|snooze')).toMatchObject({ state: 'sent' });
    const user = await store.users.get('u00000', 'u00000');
    expect(user?.snooze).toBeUndefined();
    expect(user?.nextDueAt).toBe('2026-03-09T09:00:00.000Z');
    expect(user?.history.sentCount).toBe(1);
    await runTick(buildDeps(store, sender, { now: at('2026-03-03T09:05:00Z') }));
    expect(sender.sends).toHaveLength(2);
  });

  it('skips: no replacement this week and the weekly slot unchanged', async () => {
    await seedUsers(store, 1);
    const sender = new FakeSender();
    await runTick(buildDeps(store, sender));
    await snoozeDelivery(store, 'u00000', 'u00000|2026-W10', new Date('2026-03-02T10:00:00Z'));
    expect(await skipDelivery(store, 'u00000', 'u00000|2026-W10', new Date('2026-03-02T10:05:00Z'))).toEqual({
      ok: true,
    });
    const user = await store.users.get('u00000', 'u00000');
    expect(user?.snooze).toBeUndefined();
    expect(user?.nextDueAt).toBe('2026-03-09T09:00:00.000Z');
    expect((await store.deliveries.get('u00000', 'u00000|2026-W10'))?.interaction).toMatchObject({ skipped: true });
    await runTick(buildDeps(store, sender, { now: at('2026-03-03T09:00:20Z') }));
    expect(sender.sends).toHaveLength(1);
  });

  it("never lands on the day of the next weekly nudge: refused with that nudge's time, nothing changed", async () => {
    await seedUsers(store, 1);
    const sender = new FakeSender();
    await runTick(buildDeps(store, sender));
    const weekly = (await store.users.get('u00000', 'u00000'))!.nextDueAt!; // Monday 9 March, 09:00
    // Sunday 8 March: "tomorrow at 09:00" would be the weekly nudge's own slot.
    const result = await snoozeDelivery(store, 'u00000', 'u00000|2026-W10', new Date('2026-03-08T10:00:00Z'));
    expect(result).toEqual({ ok: false, reason: 'next_nudge_first', nextDueAt: weekly });
    const user = await store.users.get('u00000', 'u00000');
    expect(user?.snooze).toBeUndefined();
    expect(user?.nextDueAt).toBe(weekly);
    expect(snoozeSlot(user!, new Date('2026-03-08T10:00:00Z'))).toBeUndefined();
    expect(snoozeSlot(user!, new Date('2026-03-07T10:00:00Z'))?.toISOString()).toBe('2026-03-08T09:00:00.000Z');
  });
});
