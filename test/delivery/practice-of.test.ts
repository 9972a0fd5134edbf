import { runTick } from '../../src/delivery/run-tick';
import type { Store } from '../../src/store/port';
import type { ComposeNudge } from '../../src/delivery/types';
import { buildDeps, FakeSender, openTempStore, seedUsers } from './engine-fixture';

/** The practice each composed card was given, by owner. */
const composing = () => {
  const given = new Map<string, string | undefined>();
  return {
    given,
    composeNudge: ((to, nudge, d, practiceId) => {
      given.set(to.id, practiceId);
      return { card: { type: 'AdaptiveCard', nudgeId: nudge.id, deliveryId: d.id }, summary: nudge.id };
    }) satisfies ComposeNudge,
  };
};

describe("the person's practice for their weekly card's course links", () => {
  let store: Store;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ store, cleanup } = await openTempStore()));
  afterEach(async () => cleanup());

  it("reads each person's practice as their card is composed", async () => {
    await seedUsers(store, 3);
    const { given, composeNudge } = composing();
    const asked: string[] = [];
    const practiceOf = (tenantId: string, userId: string) => {
      asked.push(`${tenantId}/${userId}`);
      return Promise.resolve(userId === 'u00001' ? undefined : `practice-of-${userId}`);
    };
    const counters = await runTick(buildDeps(store, new FakeSender(), { composeNudge, practiceOf }));
    expect(counters).toMatchObject({ sent: 3, failed: 0 });
    expect(asked.sort()).toEqual(['t1/u00000', 't1/u00001', 't1/u00002']);
    expect(Object.fromEntries(given)).toEqual({
      u00000: 'practice-of-u00000',
      u00001: undefined, // in no practice: tenant-only links, counting nothing
      u00002: 'practice-of-u00002',
    });
  });

  it('still sends the nudge when the practice cannot be read (its links then count nothing)', async () => {
    await seedUsers(store, 2);
    const { given, composeNudge } = composing();
    const practiceOf = (_tenantId: string, userId: string) =>
      userId === 'u00000' ? Promise.reject(new Error('store unavailable')) : Promise.resolve('p1');
    const sender = new FakeSender();
    const counters = await runTick(buildDeps(store, sender, { composeNudge, practiceOf }));
    expect(counters).toMatchObject({ sent: 2, failed: 0 });
    expect(given.get('u00000')).toBeUndefined();
    expect(given.get('u00001')).toBe('p1');
    expect(await store.deliveries.get('u00000', 'u00000|2026-W10')).toMatchObject({ state: 'sent' });
  });
});
