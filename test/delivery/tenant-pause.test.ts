import { Writable } from 'node:stream';
import { createLogger } from '../../src/logger';
import { tenantPauseId } from '../../src/delivery/tenant-pause';
import { cardActionActivity, installActivity, person, type Person } from '../support/activities';
import { startHarness, type Harness } from '../support/bot-harness';
import { teamsRefusal } from '../support/connector-double';
import { storeFor, type StoreKind } from '../team/test-stores';

const BLOCKED_TENANT = '72f988bf-0000-0000-0000-000000000003';
const MINUTE = 60_000;
const HOUR = 3_600_000;

describe.each<StoreKind>(['embedded', 'cosmos'])(
  'a tenant whose admin blocked the app (BotDisabledByAdmin) is paused across ticks (%s store)',
  (kind) => {
    let h: Harness;
    const lines: Record<string, unknown>[] = [];
    const staff: Person[] = Array.from({ length: 30 }, (_, i) => person(600 + i, BLOCKED_TENANT));
    const calls = () => h.connector.refused.length + h.connector.activities.length;

    beforeAll(async () => {
      const sink = new Writable({
        write(chunk: Buffer, _enc, done) {
          for (const l of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(l) as never);
          done();
        },
      });
      h = await startHarness({ store: storeFor(kind), logger: createLogger({ level: 'info', destination: sink }) });
      for (const p of staff) {
        expect((await h.post(installActivity(p, h.connector.url))).status).toBe(200);
        expect((await h.post(cardActionActivity(p, h.connector.url, 'consent.start', {}))).status).toBe(200);
      }
    });
    afterAll(async () => h.close());

    it('skips the tenant every minute for 24 hours without calling Teams or logging again, then tries once more', async () => {
      h.connector.reset();
      h.connector.addFault(teamsRefusal('BotDisabledByAdmin', { times: Infinity }));
      const users = await h.app.store.users.query({ limit: 1000 });
      const at = new Date(Math.max(...users.map((u) => Date.parse(u.nextDueAt ?? ''))) + MINUTE);
      lines.length = 0;
      await h.app.delivery.tick(at);
      const paused = () => lines.filter((l) => l.event === 'tenant.paused');
      expect(paused()).toHaveLength(1);
      const record = await h.app.store.leases.get(tenantPauseId(BLOCKED_TENANT), tenantPauseId(BLOCKED_TENANT));
      expect(record?.until).toBe(new Date(Date.parse(String(paused()[0]!.until))).toISOString());
      expect(Date.parse(record!.until) - at.getTime()).toBeGreaterThanOrEqual(24 * HOUR - MINUTE);
      expect(record?.ttl).toBeGreaterThan(0);

      // The next ticks (each minute, and hours later) call Teams for nobody in the tenant and log no new pause.
      const before = calls();
      for (const later of [MINUTE, 2 * MINUTE, 5 * HOUR, 23 * HOUR]) {
        const counters = await h.app.delivery.tick(new Date(at.getTime() + later));
        expect(counters.skipped).toBeGreaterThan(0);
      }
      expect(calls()).toBe(before);
      expect(paused()).toHaveLength(1);

      // The admin allowed the app again: after the pause the tenant's people get their nudges (this
      // week's slot is past its catch-up grace by then, so at next week's).
      h.connector.clearFaults();
      await h.app.delivery.tick(new Date(at.getTime() + 24 * HOUR + 2 * MINUTE));
      await h.app.delivery.tick(new Date(at.getTime() + 7 * 24 * HOUR + 2 * MINUTE));
      const reached = staff.filter((p) => h.connector.sentTo(p.conversationId).length > 0).length;
      expect(reached).toBe(staff.length);
      expect(paused()).toHaveLength(1);
    }, 60_000);
  },
);
