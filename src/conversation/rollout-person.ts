import type { Store } from '../store/port';
import type { RolloutPersonRecord } from '../domain';
import { memberKey } from './member-key';

/** The id of a person's roll-out record (no Entra id in it: only the key). */
export const rolloutPersonId = (key: string): string => `person|${key}`;

/**
 * Records what a person said to the roll-out (invited, started, declined) under their hashed key,
 * with the retention period as its TTL. 'declined' is the tombstone a later roster read honours:
 * the person is never invited again. Idempotent (an upsert); nothing is written without an Entra id.
 */
export async function recordRolloutState(
  deps: { store: Store; now: () => Date; config: { retentionDays: number } },
  tenantId: string,
  aadObjectId: string | undefined,
  state: RolloutPersonRecord['state'],
): Promise<void> {
  if (!aadObjectId) return;
  const key = memberKey(tenantId, aadObjectId);
  await deps.store.rollout.upsert({
    id: rolloutPersonId(key),
    kind: 'person',
    tenantId,
    key,
    state,
    updatedAt: deps.now().toISOString(),
    ttl: deps.config.retentionDays * 86400,
  });
}
