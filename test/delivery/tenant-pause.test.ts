import { Writable } from 'node:stream';
import { createLogger } from '../../src/logger';
import { tenantPauseId } from '../../src/delivery/tenant-pause';
import { person, type Person } from '../support/activities';
import { startHarness, type Harness } from '../support/bot-harness';
import { teamsRefusal } from '../support/connector-double';
import { installAndStart } from '../support/started-people';
import { VirtualClock } from '../support/virtual-clock';

const BLOCKED_TENANT = '72f988bf-0000-0000-0000-000000000003';
const MINUTE = 60_000;
const HOUR = 3_600_000;

// On the embedded store only: what the engine does with a pause does not depend on the store, and the
// pause record's write and read on Cosmos (with the due people counted by a query there) is the Cosmos
// case in admin-refusals.test.ts.
describe('a tenant whose admin blocked the app (BotDisabledByAdmin) is paused across ticks (embedded store)', () => {
  let h: Harness;
  const lines: Record<string, unknown>[] = [];
  const staff: Person[] = Array.from({ length: 30 }, (_, i) => person(600 + i, BLOCKED_TENANT));
  const calls = () => h.connector.refused.length + h.connector.activities.length;
  // Teams' rate limit is kept on a virtual clock: the engine's waits for it take no real time.
  const clock = new VirtualClock();
  const tick = (at: Date) => clock.run(h.app.delivery.tick(at));

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const l of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(l) as never);
        done();
      },
    });
    h = await startHarness({
      logger: createLogger({ level: 'info', destination: sink }),
      timing: clock.timing,
    });
    await clock.run(installAndStart(h, staff));
  });
  afterAll(async () => h.close());

  it('skips the tenant every minute for 24 hours without calling Teams or logging again, then tries once more', async () => {
    h.connector.reset();
    h.connector.addFault(teamsRefusal('BotDisabledByAdmin', { times: Infinity }));
    const users = await h.app.store.users.query({ limit: 1000 });
    const at = new Date(Math.max(...users.map((u) => Date.parse(u.nextDueAt ?? ''))) + MINUTE);
    lines.length = 0;
    await tick(at);
    const paused = () => lines.filter((l) => l.event === 'tenant.paused');
    expect(paused()).toHaveLength(1);
    const record = await h.app.store.leases.get(tenantPauseId(BLOCKED_TENANT), tenantPauseId(BLOCKED_TENANT));
    expect(record?.until).toBe(new Date(Date.parse(String(paused()[0]!.until))).toISOString());
    expect(Date.parse(record!.until) - at.getTime()).toBeGreaterThanOrEqual(24 * HOUR - MINUTE);
    expect(record?.ttl).toBeGreaterThan(0);

    // The next ticks (each minute, and hours later) call Teams for nobody in the tenant and log no new pause.
    const before = calls();
    for (const later of [MINUTE, 2 * MINUTE, 5 * HOUR, 23 * HOUR]) {
      const counters = await tick(new Date(at.getTime() + later));
      expect(counters.skipped).toBeGreaterThan(0);
    }
    expect(calls()).toBe(before);
    expect(paused()).toHaveLength(1);

    // The admin allowed the app again: after the pause the tenant's people get their nudges (this
    // week's slot is past its catch-up grace by then, so at next week's).
    h.connector.clearFaults();
    await tick(new Date(at.getTime() + 24 * HOUR + 2 * MINUTE));
    await tick(new Date(at.getTime() + 7 * 24 * HOUR + 2 * MINUTE));
    const reached = staff.filter((p) => h.connector.sentTo(p.conversationId).length > 0).length;
    expect(reached).toBe(staff.length);
    expect(paused()).toHaveLength(1);
  }, 60_000);
});
