import { interactiveReserveFor, TenantLimiter } from '../../src/delivery/tenant-limiter';
import { VirtualClock } from '../support/virtual-clock';

const LIMIT = 50;

/** The most grants in any window of `windowMs`. */
function busiest(times: number[], windowMs = 1000): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i]! - sorted[j]! >= windowMs) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

describe('the tenant limiter (on a virtual clock)', () => {
  it("keeps the weekly run to the limit less the clicks' reserve, and lets a click through at once while it is saturated", async () => {
    const clock = new VirtualClock();
    const limiter = new TenantLimiter(LIMIT, clock.timing, interactiveReserveFor(LIMIT));
    const bulk: number[] = [];
    const clicks: { askedAt: number; grantedAt: number }[] = [];

    const weeklyRun = async (): Promise<void> => {
      // 16 senders, as the engine's pool per tenant, each taking the next send as soon as it may.
      await Promise.all(
        Array.from({ length: 16 }, async () => {
          while (bulk.length < 400) {
            await limiter.acquire('bulk');
            bulk.push(clock.now);
          }
        }),
      );
    };
    const clicksDuringRun = async (): Promise<void> => {
      for (let i = 0; i < 5; i++) {
        await clock.timing.sleep(1500);
        const askedAt = clock.now;
        await limiter.acquire('interactive');
        clicks.push({ askedAt, grantedAt: clock.now });
      }
    };
    await clock.run(Promise.all([weeklyRun(), clicksDuringRun()]));

    expect(bulk.length).toBeGreaterThanOrEqual(400);
    expect(busiest(bulk)).toBeLessThanOrEqual(LIMIT - interactiveReserveFor(LIMIT)); // 40 of 50
    expect(clicks).toHaveLength(5);
    // The weekly run was saturating its share when each click came, yet no click waited for it: at most
    // one even spacing of the full limit (20 ms at 50/s), where a weekly send waits its turn in the queue.
    for (const c of clicks) expect(c.grantedAt - c.askedAt).toBeLessThanOrEqual(1000 / LIMIT);
    expect(busiest([...bulk, ...clicks.map((c) => c.grantedAt)])).toBeLessThanOrEqual(LIMIT);
    // And the run kept at least 90% of its share (the windows carry 40 ms of slack for network jitter).
    expect(Math.max(...bulk) - Math.min(...bulk)).toBeLessThanOrEqual((400 / (0.9 * 40)) * 1000);
  });

  it("pauses the whole tenant for a 429's Retry-After, then comes back at a reduced rate", async () => {
    const clock = new VirtualClock();
    const limiter = new TenantLimiter(LIMIT, clock.timing, 0);
    await clock.run(limiter.acquire());
    limiter.slowDown(3000);
    const askedAt = clock.now;
    await clock.run(limiter.acquire());
    expect(clock.now - askedAt).toBeGreaterThanOrEqual(3000);
    expect(limiter.rateScale).toBeLessThan(1);
  });
});
