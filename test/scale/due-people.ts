import type { Store } from '../../src/store/port';
import { ROLES, type UserRecord } from '../../src/domain';

/** The weekly slot every seeded person is due at, and a tick time 30 s after it. */
export const DUE_AT = '2026-03-02T09:00:00.000Z';
export const TICK_AT = '2026-03-02T09:00:30.000Z';

/** Person `i` of tenant `tenantId`, onboarded, reachable at `serviceUrl`, due at DUE_AT. */
export function duePerson(i: number, serviceUrl: string, tenantId = 'scale-tenant'): UserRecord {
  const id = `scale-${String(i).padStart(5, '0')}`;
  return {
    id,
    userId: id,
    tenantId,
    conversation: {
      serviceUrl,
      conversationId: `a:${id}`,
      tenantId,
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
    nextDueAt: DUE_AT,
    history: { seen: [], notUseful: [], sentCount: 0 },
    createdAt: DUE_AT,
    updatedAt: DUE_AT,
  };
}

/** Creates people 0..n-1, 50 writes in flight at a time. */
export async function seedDuePeople(store: Store, n: number, serviceUrl: string): Promise<void> {
  for (let start = 0; start < n; start += 50) {
    const batch: Promise<unknown>[] = [];
    for (let i = start; i < Math.min(n, start + 50); i++) batch.push(store.users.create(duePerson(i, serviceUrl)));
    await Promise.all(batch);
  }
}
