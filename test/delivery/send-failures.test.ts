import { runTick } from '../../src/delivery/run-tick';
import type { Store } from '../../src/store/port';
import { buildDeps, FakeSender, openTempStore, seedUsers, sendError } from './engine-fixture';

describe('sending within Teams limits', () => {
  let store: Store;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ store, cleanup } = await openTempStore()));
  afterEach(async () => cleanup());

  it('waits for Retry-After after a 429 and slows the whole tenant, then sends', async () => {
    await seedUsers(store, 4);
    const sender = new FakeSender();
    sender.failNext('a:conv-u00000', sendError(429, 'Throttled', 300));
    const counters = await runTick(buildDeps(store, sender, { config: { concurrencyPerTenant: 1 } }));
    expect(counters).toMatchObject({ sent: 4, retried: 1, throttled: 1, failed: 0 });
    const throttledAt = sender.attempts[0]!.at;
    // Every later send, to any conversation of the tenant, waited out the Retry-After.
    for (const s of sender.attempts.slice(1)) expect(s.at - throttledAt).toBeGreaterThanOrEqual(295);
    expect(await store.deliveries.get('u00000', 'u00000|2026-W10')).toMatchObject({ state: 'sent', attempts: 2 });
  });

  it('retries 5xx and network errors with backoff, then marks the delivery failed', async () => {
    await seedUsers(store, 2);
    const sender = new FakeSender();
    sender.failNext('a:conv-u00001', sendError(502), sendError(0));
    sender.failAlways((to) => (to.conversationId === 'a:conv-u00000' ? sendError(503) : undefined));
    const counters = await runTick(buildDeps(store, sender, { config: { maxAttempts: 3 } }));
    expect(counters).toMatchObject({ sent: 1, failed: 1, retried: 4 });
    expect(await store.deliveries.get('u00000', 'u00000|2026-W10')).toMatchObject({
      state: 'failed',
      attempts: 3,
      outcome: 'http_503',
    });
    expect(await store.deliveries.get('u00001', 'u00001|2026-W10')).toMatchObject({ state: 'sent', attempts: 3 });
    // A failed week is not retried by later ticks; the person moves to next week.
    expect((await store.users.get('u00000', 'u00000'))?.nextDueAt).toBe('2026-03-09T09:00:00.000Z');
  });

  it.each([
    [403, 'MessageWritesBlocked'],
    [404, 'ConversationNotFound'],
  ])('marks the person inactive on %i %s and stops sending to them', async (status, code) => {
    await seedUsers(store, 2);
    const sender = new FakeSender();
    sender.failNext('a:conv-u00000', sendError(status, code));
    const counters = await runTick(buildDeps(store, sender));
    expect(counters).toMatchObject({ sent: 1, inactive: 1, retried: 0 });
    expect(await store.deliveries.get('u00000', 'u00000|2026-W10')).toMatchObject({ state: 'inactive', attempts: 1 });
    expect((await store.users.get('u00000', 'u00000'))?.status).toBe('inactive');
    const nextWeek = await runTick(buildDeps(store, sender, { now: () => new Date('2026-03-09T09:00:30.000Z') }));
    expect(nextWeek.due).toBe(1);
    expect(sender.attempts.filter((a) => a.conversationId === 'a:conv-u00000')).toHaveLength(1);
  });

  it('keeps every one-second window within the tenant limit', async () => {
    await seedUsers(store, 45);
    const sender = new FakeSender();
    const started = performance.now();
    await runTick(buildDeps(store, sender, { config: { tenantRateLimit: 20, concurrencyPerTenant: 8 } }));
    expect(sender.sends).toHaveLength(45);
    const times = sender.sends.map((s) => s.at).sort((a, b) => a - b);
    for (let i = 0; i < times.length; i++) {
      const inWindow = times.filter((t) => t >= times[i]! && t < times[i]! + 1000).length;
      expect(inWindow).toBeLessThanOrEqual(20);
    }
    expect(performance.now() - started).toBeGreaterThan(2000);
  });
});
