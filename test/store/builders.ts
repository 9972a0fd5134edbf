import type { DeliveryRecord, UserRecord } from '../../src/domain';

/** A valid user record with overrides, for store tests. */
export function buildUser(overrides: Partial<UserRecord> = {}): UserRecord {
  const userId = overrides.userId ?? overrides.id ?? 'user-1';
  return {
    id: userId,
    userId,
    tenantId: 'tenant-a',
    conversation: {
      serviceUrl: 'https://smba.trafficmanager.net/uk/',
      conversationId: `a:conv-${userId}`,
      tenantId: 'tenant-a',
      channelId: 'msteams',
    },
    prefs: { role: 'gp', timeZone: 'Europe/London', day: 'mon', time: '09:00', frequency: 'weekly', focus: [] },
    onboarded: true,
    status: 'active',
    history: { seen: [], notUseful: [], sentCount: 0 },
    createdAt: '2026-01-05T09:00:00.000Z',
    updatedAt: '2026-01-05T09:00:00.000Z',
    ...overrides,
  };
}

/** A valid delivery record with overrides, for store tests. */
export function buildDelivery(overrides: Partial<DeliveryRecord> = {}): DeliveryRecord {
  const ownerId = overrides.ownerId ?? 'user-1';
  const period = overrides.period ?? '2026-W02';
  return {
    id: `${ownerId}|${period}`,
    ownerId,
    ownerKind: 'user',
    tenantId: 'tenant-a',
    period,
    kind: 'scheduled',
    nudgeId: 'n-1',
    behaviourId: 'b-1',
    state: 'claimed',
    attempts: 0,
    dueAt: '2026-01-05T09:00:00.000Z',
    createdAt: '2026-01-05T09:00:00.000Z',
    updatedAt: '2026-01-05T09:00:00.000Z',
    ...overrides,
  };
}
