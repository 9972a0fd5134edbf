import { loadConfig } from '../../src/config';
import { createStore } from '../../src/store/create-store';
import type { Store } from '../../src/store/port';
import { startConnectorDouble, type ConnectorDouble } from '../support/connector-double';
import { COSMOS_TEST_KEY, sharedCosmosEndpoint } from '../support/cosmos-server';
import { countersOf, startSendDue } from './bot-process';
import { seedDuePeople, TICK_AT } from './due-people';

const { buildIfNeeded } = require('../../scripts/build-if-needed') as {
  buildIfNeeded(options?: { quiet?: boolean }): void;
};

// Sending takes PEOPLE / (LIMIT less the fifth kept for clicks) = 1.5 s, longer than the gap between the three
// processes' starts: the ticks overlap and the sender lease keeps two of them off the tenant.
const PEOPLE = 60;
const LIMIT = 50;

describe('three bot processes on one Cosmos DB', () => {
  let connector: ConnectorDouble;
  let store: Store;
  let env: Record<string, string>;

  beforeAll(async () => {
    try {
      buildIfNeeded({ quiet: true });
    } catch {
      // tsc emits despite a type error elsewhere (npm test's own type-check reports those): use dist.
    }
    env = {
      STORE: 'cosmos',
      COSMOS_ENDPOINT: sharedCosmosEndpoint(),
      COSMOS_KEY: COSMOS_TEST_KEY,
      COSMOS_DATABASE: `scale-${process.pid}`,
      TENANT_RATE_LIMIT: String(LIMIT),
    };
    store = createStore(loadConfig(env));
    await store.init();
    connector = await startConnectorDouble();
    connector.setRateLimit({ perSecond: LIMIT, retryAfterSeconds: 1 });
    await seedDuePeople(store, PEOPLE, connector.url);
  }, 60_000);

  afterAll(async () => {
    await connector?.close();
    await store?.close();
  });

  it('sends each person exactly one nudge and keeps the tenant within its limit when three instances tick at once', async () => {
    const runs = await Promise.all([0, 1, 2].map(() => startSendDue(TICK_AT, env).done));

    for (const run of runs) expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    const counters = runs.map(countersOf);
    expect(counters.reduce((n, c) => n + (c?.sent ?? 0), 0)).toBe(PEOPLE);
    // The per-tenant sender lease: exactly one process sent, the others left the tenant to it.
    expect(counters.filter((c) => (c?.sent ?? 0) > 0)).toHaveLength(1);

    const posts = connector.activities.filter((a) => a.method === 'POST');
    expect(posts).toHaveLength(PEOPLE);
    expect(new Set(posts.map((a) => a.conversationId)).size).toBe(PEOPLE);
    expect(connector.maxPerSecond()).toBeLessThanOrEqual(LIMIT);
    // A rare 429 can still happen (requests spaced 50 ms apart at the sender arrive bunched by event-loop
    // jitter); it is refused, not counted above, and the delivery is retried after Retry-After.
    expect(await store.deliveries.count({})).toBe(PEOPLE);
    expect(await store.deliveries.count({ where: [{ field: 'state', op: '=', value: 'sent' }] })).toBe(PEOPLE);
  }, 90_000);
});
