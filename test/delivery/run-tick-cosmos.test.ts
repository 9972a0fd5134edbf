import { runTick } from '../../src/delivery/run-tick';
import { createCosmosStore } from '../../src/store/cosmos/cosmos-store';
import type { Store } from '../../src/store/port';
import { COSMOS_TEST_KEY, sharedCosmosEndpoint } from '../support/cosmos-server';
import { buildDeps, buildUser, FakeSender, seedUsers } from './engine-fixture';

/** Two tenants of 50, read 20 at a time: several pages each, with 8 sends at once per tenant and instance. */
const PEOPLE = 100;

describe('runTick on the Cosmos DB adapter', () => {
  let store: Store;
  beforeAll(async () => {
    store = createCosmosStore({
      endpoint: sharedCosmosEndpoint(),
      key: COSMOS_TEST_KEY,
      database: `delivery-${process.pid}`,
      clientOptions: { connectionPolicy: { enableEndpointDiscovery: false } },
    });
    await store.init();
  });
  afterAll(async () => store.close());

  it('sends exactly one nudge per person when two instances tick at once', async () => {
    await seedUsers(store, PEOPLE, (i) => buildUser(i, { tenantId: `t${i % 2}` }));
    const sender = new FakeSender(1);
    const config = { useSenderLease: false, concurrencyPerTenant: 8, pageSize: 20 };
    const [a, b] = await Promise.all([
      runTick(buildDeps(store, sender, { instanceId: 'a', config })),
      runTick(buildDeps(store, sender, { instanceId: 'b', config })),
    ]);
    expect(a.sent + b.sent).toBe(PEOPLE);
    expect(sender.sends).toHaveLength(PEOPLE);
    expect([...sender.copiesPerConversation().values()].every((n) => n === 1)).toBe(true);
    expect(await store.deliveries.count({ where: [{ field: 'state', op: '=', value: 'sent' }] })).toBe(PEOPLE);
    expect(
      await store.users.count({ where: [{ field: 'nextDueAt', op: '=', value: '2026-03-09T09:00:00.000Z' }] }),
    ).toBe(PEOPLE);
  }, 120_000);
});
