import { ConversationLimiter } from '../../src/delivery/conversation-limiter';
import type { Timing } from '../../src/delivery/tenant-limiter';

/** A clock that only moves when the limiter sleeps. */
function fakeTiming(): Timing & { slept: number[] } {
  let now = 0;
  const slept: number[] = [];
  return {
    slept,
    monotonicMs: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
  };
}

describe('per-conversation limits', () => {
  it('lets the eighth request in two seconds to one conversation wait for its window (Teams: 7/1 s, 8/2 s)', async () => {
    const timing = fakeTiming();
    const limiter = new ConversationLimiter(timing);
    const starts: number[] = [];
    for (let i = 0; i < 9; i++) {
      await limiter.acquire('a:one');
      starts.push(timing.monotonicMs());
    }
    expect(starts.slice(0, 7)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(starts[7]).toBe(1000); // 7 per second
    expect(starts[8]).toBe(2000); // 8 per 2 seconds
  });

  it('never makes a first request to a conversation wait, and forgets conversations idle for an hour', async () => {
    const timing = fakeTiming();
    const limiter = new ConversationLimiter(timing);
    for (let i = 0; i < 5000; i++) await limiter.acquire(`a:${i}`);
    expect(timing.slept).toEqual([]);
    expect(limiter.size).toBe(5000);
    await timing.sleep(3_600_001);
    for (let i = 0; i < 5000; i++) await limiter.acquire(`b:${i}`);
    expect(limiter.size).toBeLessThan(10_000);
  });
});
