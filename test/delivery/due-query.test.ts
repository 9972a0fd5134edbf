import { pageDueOwners } from '../../src/delivery/due-query';
import { userOwners } from '../../src/delivery/owners';
import type { Store } from '../../src/store/port';
import { buildUser, openTempStore, seedUsers } from './engine-fixture';

describe('pageDueOwners', () => {
  let store: Store;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ store, cleanup } = await openTempStore()));
  afterEach(async () => cleanup());

  it('yields every due active owner once, oldest first, in pages no bigger than asked, across ties', async () => {
    const times = [
      '2026-03-02T08:00:00.000Z',
      '2026-03-02T09:00:00.000Z',
      '2026-03-02T09:00:00.000Z',
      '2026-03-02T07:30:00.000Z',
    ];
    await seedUsers(store, 25, (i) => buildUser(i, { nextDueAt: times[i % times.length] }));
    await store.users.create(buildUser(100, { nextDueAt: '2026-03-02T10:00:00.000Z' })); // not due
    await store.users.create(buildUser(101, { status: 'inactive' }));
    const seen: string[] = [];
    const dues: string[] = [];
    for await (const page of pageDueOwners(userOwners(store), '2026-03-02T09:00:30.000Z', 4)) {
      expect(page.length).toBeLessThanOrEqual(4);
      for (const u of page) {
        seen.push(u.id);
        dues.push(u.nextDueAt ?? '');
      }
    }
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
    expect([...dues].sort()).toEqual(dues);
  });
});
