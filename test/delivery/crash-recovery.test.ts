import { runTick } from '../../src/delivery/run-tick';
import type { FaultPoint } from '../../src/delivery/types';
import { FINAL_DELIVERY_STATES, type DeliveryRecord } from '../../src/domain';
import type { Store } from '../../src/store/port';
import { buildDeps, FakeSender, openTempStore, seedUsers } from './engine-fixture';

class Crash extends Error {}
const PEOPLE = 60;
const later = () => new Date('2026-03-02T09:10:00.000Z'); // after the 60 s delivery lease

describe('a run killed midway', () => {
  let store: Store;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ store, cleanup } = await openTempStore()));
  afterEach(async () => cleanup());

  it.each<[FaultPoint, number, string]>([
    ['after-claim', PEOPLE, 'sent'],
    ['after-sending', 0, 'unknown'],
    ['after-send', PEOPLE, 'unknown'],
  ])(
    'never gives anyone two copies when it crashes %s, and ends every delivery final',
    async (point, copies, finalState) => {
      await seedUsers(store, PEOPLE);
      const sender = new FakeSender();
      const crash = (p: FaultPoint) => {
        if (p === point) throw new Crash(p);
      };
      await runTick(
        buildDeps(store, sender, { instanceId: 'crashing', fault: crash, config: { useSenderLease: false } }),
      );
      const rerun = await runTick(buildDeps(store, sender, { instanceId: 'other', now: later }));
      expect(sender.sends).toHaveLength(copies);
      expect([...sender.copiesPerConversation().values()].every((n) => n === 1)).toBe(true);
      const deliveries: DeliveryRecord[] = await store.deliveries.query({ limit: 1000 });
      expect(deliveries).toHaveLength(PEOPLE);
      for (const d of deliveries) {
        expect(FINAL_DELIVERY_STATES).toContain(d.state);
        expect(d.state).toBe(finalState);
      }
      if (finalState === 'unknown') expect(rerun.unknown).toBe(PEOPLE);
      // Everyone moved on to next week.
      expect(
        await store.users.count({ where: [{ field: 'nextDueAt', op: '=', value: '2026-03-09T09:00:00.000Z' }] }),
      ).toBe(PEOPLE);
    },
  );

  it('leaves a live claim alone: a second instance before the lease ends sends nothing', async () => {
    await seedUsers(store, 5);
    const sender = new FakeSender();
    const crash = () => {
      throw new Crash('after-claim');
    };
    await runTick(buildDeps(store, sender, { fault: crash }));
    const early = await runTick(buildDeps(store, sender, { instanceId: 'other' }));
    expect(early).toMatchObject({ sent: 0, busy: 5 });
  });
});
