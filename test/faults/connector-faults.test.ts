import { cardActionActivity, installActivity, person, type Person } from '../support/activities';
import { startHarness, type Harness } from '../support/bot-harness';
import { recordFigures } from '../support/reliability-figures';
import { VirtualClock } from '../support/virtual-clock';
import type { DeliveryRecord } from '../../src/domain';
import { MAX_THROTTLED_RETRIES } from '../../src/delivery/send-delivery';

const PEOPLE = 40;
const BLOCKED = [1, 2, 3]; // 403 MessageWritesBlocked: the person blocked the bot
const BROKEN = [4]; // 502 on every attempt (retryable, so it fails only after the last attempt)
const SLOW = [5]; // the first answer comes after the client's timeout (it may have been delivered)
const SEND_TIMEOUT_MS = 800;
/**
 * The wall clock the app reads: a Wednesday noon, far from everyone's Monday 09:xx slot, moving on with
 * the virtual clock. With the real clock, people installed during their slot's hour were due a week
 * apart, and the run at the latest slot found the others over 12 hours late ('missed').
 */
const START_MS = Date.parse('2026-03-04T12:00:00.000Z');

/** Polls `check` until it holds, failing after `timeoutMs`. */
async function waitUntil(check: () => boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('sending a weekly run while the Bot Connector misbehaves', () => {
  let h: Harness;
  const people: Person[] = [];
  // The engine's waits (tenant limiter, backoff, Retry-After) on virtual time: the outcome and the
  // run's length do not depend on how busy the machine is. The HTTP calls and the client's timeout stay real.
  const clock = new VirtualClock();
  beforeAll(async () => {
    h = await startHarness({
      env: { SEND_TIMEOUT_MS: String(SEND_TIMEOUT_MS), TENANT_RATE_LIMIT: '50' },
      timing: clock.timing,
      now: () => new Date(START_MS + clock.now),
    });
    await clock.run(
      (async () => {
        for (let i = 1; i <= PEOPLE; i++) people.push(person(i));
        // Independent people, so they install and press Start side by side.
        await Promise.all(
          people.map(async (p) => {
            expect((await h.post(installActivity(p, h.connector.url))).status).toBe(200);
            // Start pressed: the run below is of weekly nudges (a welcome is resent after a timeout, a nudge never).
            expect((await h.post(cardActionActivity(p, h.connector.url, 'consent.start', {}))).status).toBe(200);
          }),
        );
        await h.app.followUps.settled();
      })(),
    );
  });
  afterAll(async () => h.close());

  it('reaches everyone reachable exactly once and marks the rest as the delivery rules say', async () => {
    const convOf = (ns: number[]) => new Set(ns.map((n) => person(n).conversationId));
    const blocked = convOf(BLOCKED);
    const broken = convOf(BROKEN);
    const slow = convOf(SLOW);
    h.connector.reset();
    h.connector.addFault({
      match: (c) => blocked.has(c.conversationId),
      status: 403,
      code: 'MessageWritesBlocked',
      times: Infinity,
    });
    h.connector.addFault({ match: (c) => broken.has(c.conversationId), status: 502, times: Infinity });
    // The slow answer is held until the run is over, so it comes after the client's timeout (which
    // the run waited for, recording 'unknown'), then lands: it may have been delivered.
    let runOver = (): void => undefined;
    const ran = new Promise<void>((resolve) => (runOver = resolve));
    h.connector.addFault({ match: (c) => slow.has(c.conversationId), status: 201, until: ran, times: 1 });
    // A 429 storm. After each 429 the whole tenant pauses and one send probes first; on virtual time that
    // is the same delivery every time (the first asleep), so the storm is as long as one delivery's
    // 429 budget: any longer and, by design, that delivery fails.
    h.connector.addFault({ status: 429, retryAfter: 1, times: MAX_THROTTLED_RETRIES });
    h.connector.addFault({ status: 503, probability: 0.2, times: Infinity }); // 20% random 5xx

    const users = await h.app.store.users.query({ limit: 1000 });
    const latest = Math.max(...users.map((u) => Date.parse(u.nextDueAt ?? '')));
    const counters = await clock.run(h.app.delivery.tick(new Date(latest + 60_000)));
    runOver();
    // The slow answer lands at the double after the client gave up on it.
    await waitUntil(() => [...slow].every((c) => h.connector.sentTo(c).length > 0), 30_000);

    const deliveries = (await h.app.store.deliveries.query({ limit: 1000 })) as DeliveryRecord[];
    const byOwner = new Map(deliveries.filter((d) => d.kind !== 'welcome').map((d) => [d.ownerId, d]));
    let duplicates = 0;
    let exhausted = 0;
    for (const p of people) {
      const n = Number(p.teamsId.slice(-4));
      const copies = h.connector.sentTo(p.conversationId).length;
      if (copies > 1) duplicates++;
      const d = byOwner.get(p.aadObjectId);
      const user = await h.app.store.users.get(p.aadObjectId, p.aadObjectId);
      if (BLOCKED.includes(n)) {
        expect([copies, d?.state, user?.status]).toEqual([0, 'inactive', 'inactive']);
      } else if (BROKEN.includes(n)) {
        // five refused attempts (429s they also met are waited out and not counted among the five)
        expect([copies, d?.state]).toEqual([0, 'failed']);
        expect(d?.attempts).toBeGreaterThanOrEqual(5);
      } else if (SLOW.includes(n)) {
        expect(copies).toBe(1); // it did arrive, late; it must not arrive twice
        expect(d?.state).toBe('unknown');
      } else {
        if (d?.state === 'failed') exhausted++;
        expect([copies, d?.state]).toEqual([1, 'sent']);
      }
    }
    expect(duplicates).toBe(0);
    expect(exhausted).toBe(0); // everyone reachable got their nudge
    expect(counters.throttled).toBeGreaterThan(0);
    recordFigures('connectorFaults', {
      people: PEOPLE,
      faultsInjected: h.connector.refused.length + SLOW.length,
      throttled429: h.connector.refused.filter((r) => r.status === 429).length,
      serverErrors5xx: h.connector.refused.filter((r) => r.status >= 500).length,
      blocked403: h.connector.refused.filter((r) => r.status === 403).length,
      slowBeyondTimeout: SLOW.length,
      sent: counters.sent,
      failed: counters.failed,
      inactive: counters.inactive,
      unknown: deliveries.filter((d) => d.state === 'unknown').length,
      reachableButAttemptsExhausted: exhausted,
      duplicates,
    });
  }, 120_000);
});
