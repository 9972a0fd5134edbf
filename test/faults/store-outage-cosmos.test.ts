import { createCosmosStore } from '../../src/store/cosmos/cosmos-store';
import { startHarness, type Harness } from '../support/bot-harness';
import { COSMOS_TEST_KEY, startCosmosServer, type CosmosTestServer } from '../support/cosmos-server';
import { recordFigures } from '../support/reliability-figures';
import { VirtualClock } from '../support/virtual-clock';
import { OUTAGE_START_MS, runStoreOutage } from './store-outage';

/**
 * How long the store stays away at least. Nothing the test asserts grows with the outage: the scheduler
 * is off, so the actions, /readyz and the tick meet the unreachable store however long it stays away,
 * and the one periodic job, the instance heartbeat, is run once during it instead of waiting for its
 * 10 s timer.
 */
const OUTAGE_MS = 1_000;

describe('Cosmos DB unreachable during a weekly run and during user actions', () => {
  let server: CosmosTestServer;
  let h: Harness;
  const clock = new VirtualClock();

  beforeAll(async () => {
    // Its own server (not the shared one): the test stops it.
    server = await startCosmosServer();
    const store = createCosmosStore({
      endpoint: server.endpoint,
      key: COSMOS_TEST_KEY,
      database: `outage-${process.pid}`,
      clientOptions: { connectionPolicy: { enableEndpointDiscovery: false } },
    });
    // A slow tenant limit (on the virtual clock) so the store goes away in the middle of the run.
    h = await startHarness({
      store: clock.watch(store),
      env: { TENANT_RATE_LIMIT: '5' },
      timing: clock.timing,
      now: () => new Date(OUTAGE_START_MS + clock.now),
    });
  }, 60_000);

  afterAll(async () => {
    await server?.restart();
    await h?.close();
    await server?.stop();
  });

  it('shows the friendly error card, sends nothing while down, then reaches every due person once and leaves nothing half-written', async () => {
    const figures = await runStoreOutage({
      h,
      people: 40,
      answerers: 3,
      clock,
      outage: { begin: () => server.stop(), end: () => server.restart(), ms: OUTAGE_MS },
    });
    recordFigures('storeOutageCosmos', figures);
  }, 180_000);
});
