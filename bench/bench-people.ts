import type { Store } from '../src/store/port';
import type { UserRecord } from '../src/domain';
import { TICK_AT, duePerson } from '../test/scale/due-people';

/** The one tenant every benchmark person belongs to. */
export const BENCH_TENANT = 'bench-tenant';
/** The tick's "now": 30 s after every benchmark person's weekly slot (the same as the scale tests'). */
export const BENCH_NOW = TICK_AT;

/** Benchmark person number `i`, installed, onboarded and due at the scale tests' DUE_AT. */
export const buildBenchUser = (i: number, serviceUrl: string): UserRecord => duePerson(i, serviceUrl, BENCH_TENANT);

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
