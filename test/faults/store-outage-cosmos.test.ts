import { createCosmosStore } from '../../src/store/cosmos/cosmos-store';
import { startHarness, type Harness } from '../support/bot-harness';
import { COSMOS_TEST_KEY, startCosmosServer, type CosmosTestServer } from '../support/cosmos-server';
import { recordFigures } from '../support/reliability-figures';
import { runStoreOutage } from './store-outage';

/** The outage: the store unreachable for a full minute. */
const OUTAGE_MS = 60_000;

describe('Cosmos DB unreachable for 60 s during a weekly run and during user actions', () => {
  let server: CosmosTestServer;
  let h: Harness;

  beforeAll(async () => {
    // Its own server (not the shared one): the test stops it.
    server = await startCosmosServer();
    const store = createCosmosStore({
      endpoint: server.endpoint,
      key: COSMOS_TEST_KEY,
      database: `outage-${process.pid}`,
      clientOptions: { connectionPolicy: { enableEndpointDiscovery: false } },
    });
    // A slow tenant limit so the store goes away in the middle of the run.
    h = await startHarness({ store, env: { TENANT_RATE_LIMIT: '5' } });
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
      outage: { begin: () => server.stop(), end: () => server.restart(), ms: OUTAGE_MS },
    });
    recordFigures('storeOutageCosmos', figures);
  }, 180_000);
});
