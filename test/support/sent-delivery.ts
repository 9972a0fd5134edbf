import type { DeliveryRecord } from '../../src/domain';

/**
 * A weekly delivery of `nudge` to a person as the weekly run leaves it once sent (state 'sent'), for
 * tests that answer a nudge without running the engine. `period` makes the id: `${ownerId}|${period}`.
 */
export function sentDelivery(
  to: { aadObjectId: string; tenantId: string },
  nudge: { id: string; behaviour: string },
  period: string,
  at: string,
): DeliveryRecord {
  return {
    id: `${to.aadObjectId}|${period}`,
    ownerId: to.aadObjectId,
    ownerKind: 'user',
    tenantId: to.tenantId,
    period,
    kind: 'scheduled',
    nudgeId: nudge.id,
    behaviourId: nudge.behaviour,
    state: 'sent',
    attempts: 1,
    dueAt: at,
    createdAt: at,
    updatedAt: at,
    sentAt: at,
  };
}
