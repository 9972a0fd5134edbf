import type { Store } from '../src/store/port';
import { ROLES, type UserRecord } from '../src/store/types';

/** The one tenant every benchmark person belongs to. */
export const BENCH_TENANT = 'bench-tenant';
/** Every benchmark person's weekly slot, and the tick's "now" (30 s after it). */
export const BENCH_DUE = '2026-03-02T09:00:00.000Z';
export const BENCH_NOW = '2026-03-02T09:00:30.000Z';

/** Benchmark person number `i`, installed, onboarded and due at BENCH_DUE. */
export function buildBenchUser(i: number, serviceUrl: string): UserRecord {
  const id = `bench-${String(i).padStart(7, '0')}`;
  return {
    id,
    userId: id,
    tenantId: BENCH_TENANT,
    conversation: {
      serviceUrl,
      conversationId: `a:${id}`,
      tenantId: BENCH_TENANT,
      channelId: 'msteams',
      conversationType: 'personal',
    },
    prefs: {
      role: ROLES[i % ROLES.length]!,
      timeZone: 'Europe/London',
      day: 'mon',
      time: '09:00',
      frequency: 'weekly',
      focus: [],
    },
    onboarded: true,
    status: 'active',
    nextDueAt: BENCH_DUE,
    history: { seen: [], notUseful: [], sentCount: 0 },
    createdAt: BENCH_DUE,
    updatedAt: BENCH_DUE,
  };
}

/**
 * Creates people 0..n-1 through the store API, `batch` writes in flight at a time, so no more than
 * one batch of records is ever held in memory. Returns the milliseconds it took.
 */
export async function seedBenchUsers(store: Store, n: number, serviceUrl: string, batch = 500): Promise<number> {
  const started = Date.now();
  for (let start = 0; start < n; start += batch) {
    const writes: Promise<unknown>[] = [];
    for (let i = start; i < Math.min(n, start + batch); i++)
      writes.push(store.users.create(buildBenchUser(i, serviceUrl)));
    await Promise.all(writes);
  }
  return Date.now() - started;
}
