import { createTeamsSender } from '../../src/bot/teams-sender';
import { InstanceShare } from '../../src/delivery/instance-share';
import { runTick } from '../../src/delivery/run-tick';
import { TenantLimiters } from '../../src/delivery/tenant-limiters';
import type { ConversationRef } from '../../src/domain';
import { clockConnector, type ClockedConnector } from '../support/clocked-connector';
import { startConnectorDouble, type ConnectorDouble } from '../support/connector-double';
import { VirtualClock } from '../support/virtual-clock';
import { buildDeps, buildUser, openTempStore, seedUsers } from './engine-fixture';

const LIMIT = 30; // the tenant's limit in this test, requests per second
const unsigned = { signRequest: async () => undefined };

/**
 * Teams' limit is per app and tenant, whatever the number of instances: three instances on one
 * store, one sending the weekly run and two answering clicks for the same tenant at full speed,
 * never put more than the limit into any second at the connector. The instances' limiters wait on one
 * virtual clock, and the double's calls are counted per second on that clock (clockConnector): seconds
 * at the limit take none, and a busy machine cannot bunch the calls counted.
 */
describe('one tenant limit shared by three instances', () => {
  let connector: ConnectorDouble;
  let calls: ClockedConnector;
  const clock = new VirtualClock();
  const timing = clock.timing;
  beforeAll(async () => {
    connector = await startConnectorDouble();
    calls = clockConnector(clock, connector);
  });
  afterAll(async () => {
    calls.dispose();
    await connector.close();
  });

  it('keeps the sum of three instances within the tenant limit in every second', async () => {
    const { store: realStore, cleanup } = await openTempStore();
    const store = clock.watch(realStore);
    try {
      const limiters = [1, 2, 3].map(() => new TenantLimiters(LIMIT, timing));
      const shares = limiters.map((l, i) => new InstanceShare(store, `i${i + 1}`, l, () => new Date()));
      for (const s of shares) await s.beat();
      expect(await Promise.all(shares.map((s) => s.beat()))).toEqual([3, 3, 3]);

      await seedUsers(store, 45, (i) =>
        buildUser(i, {
          conversation: {
            serviceUrl: connector.url,
            conversationId: `a:conv-u${i}`,
            tenantId: 't1',
            channelId: 'msteams',
            conversationType: 'personal',
          },
        }),
      );
      const sender = createTeamsSender({ microsoftAppId: undefined } as never, { signer: unsigned });
      const weeklyRun = runTick(
        buildDeps(store, sender, {
          instanceId: 'i1',
          tenantLimiters: limiters[0],
          monotonicMs: timing.monotonicMs,
          sleep: timing.sleep,
          config: { tenantRateLimit: LIMIT },
        }),
      );
      // Instances 2 and 3: card updates after clicks, as fast as their limiter lets them.
      const clicks = (n: 2 | 3) =>
        Promise.all(
          Array.from({ length: 4 }, async () => {
            const to: ConversationRef = {
              serviceUrl: connector.url,
              conversationId: `a:clicks-${n}`,
              tenantId: 't1',
              channelId: 'msteams',
              conversationType: 'personal',
            };
            for (let k = 0; k < 9; k++) {
              await limiters[n - 1]!.acquire('t1');
              await sender.update(to, 'act-1', { card: { type: 'AdaptiveCard' }, summary: 'update' });
            }
          }),
        );
      const [counters] = await clock.run(Promise.all([weeklyRun, clicks(2), clicks(3)]));
      expect(counters.sent).toBe(45);
      expect(connector.accepted.filter((a) => a.conversationId === 'a:clicks-2')).toHaveLength(36);
      expect(connector.accepted.filter((a) => a.conversationId === 'a:clicks-3')).toHaveLength(36);
      const accepted = calls.accepted; // the same calls, at their times on the virtual clock
      expect(accepted).toHaveLength(connector.accepted.length);
      // All three were sending at once (their calls overlap in time), and no second held more than the limit.
      const span = (id: (c: string) => boolean) => {
        const at = accepted.filter((a) => id(a.conversationId)).map((a) => a.at);
        return [Math.min(...at), Math.max(...at)] as const;
      };
      const [weeklyFrom, weeklyTo] = span((c) => c.startsWith('a:conv-'));
      for (const n of [2, 3]) {
        const [from, to] = span((c) => c === `a:clicks-${n}`);
        expect(from < weeklyTo && to > weeklyFrom).toBe(true);
      }
      expect(connector.refused).toHaveLength(0);
      expect(calls.maxPerSecond()).toBeLessThanOrEqual(LIMIT);

      // An instance that stops gives its share back to the others at their next heartbeat.
      await shares[2]!.stop();
      expect(await shares[0]!.beat()).toBe(2);
      expect(limiters[0]!.instances).toBe(2);
    } finally {
      await cleanup();
    }
  }, 60_000);
});
