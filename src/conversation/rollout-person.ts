import type { Config } from '../config';
import type { Store } from '../store/port';
import type { RolloutMemberRecord, RolloutPersonRecord, RolloutRecord } from '../domain';
import { legacyMemberKey, memberKey } from './member-key';
import { serverKey } from './server-key';

/** The id of a person's roll-out record (no Entra id in it: only the key). */
export const rolloutPersonId = (key: string): string => `person|${key}`;

/**
 * Days an unanswered invitation (a user record with consent pending) and a roll-out record of someone
 * who did not start (invited, or the "No thanks" / deleted-data tombstone) are kept after their last
 * write, whatever RETENTION_DAYS says: README "Privacy". Applied by the store's retention wrapper.
 */
export const INVITATION_DAYS = 90;

type RolloutDeps = { store: Store; now: () => Date; config: Pick<Config, 'retentionDays' | 'linkSigningKey'> };

/** The keyed roll-out key of a person, and the unsalted one older records may still carry. */
export async function rolloutKeysOf(
  deps: Pick<RolloutDeps, 'store' | 'config'>,
  tenantId: string,
  aadObjectId: string,
): Promise<{ key: string; legacy: string }> {
  return {
    key: memberKey(await serverKey(deps), tenantId, aadObjectId),
    legacy: legacyMemberKey(tenantId, aadObjectId),
  };
}

/**
 * What a person said to the roll-out, under their keyed key. A record still under the old unsalted key
 * is moved to the keyed one here (written anew, the old one deleted), so tombstones keep working.
 */
export async function readRolloutPerson(
  deps: RolloutDeps,
  tenantId: string,
  aadObjectId: string,
): Promise<RolloutPersonRecord | undefined> {
  const { key, legacy } = await rolloutKeysOf(deps, tenantId, aadObjectId);
  const found = (await deps.store.rollout.get(tenantId, rolloutPersonId(key))) as RolloutPersonRecord | undefined;
  if (found) return found;
  const old = (await deps.store.rollout.get(tenantId, rolloutPersonId(legacy))) as RolloutPersonRecord | undefined;
  if (!old) return undefined;
  await writeState(deps, tenantId, key, old.state);
  await deps.store.rollout.delete(tenantId, rolloutPersonId(legacy));
  return (await deps.store.rollout.get(tenantId, rolloutPersonId(key))) as RolloutPersonRecord | undefined;
}

async function writeState(
  deps: RolloutDeps,
  tenantId: string,
  key: string,
  state: RolloutPersonRecord['state'],
): Promise<void> {
  await deps.store.rollout.upsert({
    id: rolloutPersonId(key),
    kind: 'person',
    tenantId,
    key,
    state,
    updatedAt: deps.now().toISOString(),
    ttl:
      (state === 'started' ? deps.config.retentionDays : Math.min(INVITATION_DAYS, deps.config.retentionDays)) * 86400,
  });
}

/**
 * Records what a person said to the roll-out (invited, started, declined) under their keyed key, with
 * its TTL (started: the retention period; invited and declined: INVITATION_DAYS). 'declined' is the
 * tombstone a later roster read honours: the person is not invited again while it lasts. Idempotent
 * (an upsert); a record under the old unsalted key is removed; nothing is written without an Entra id.
 */
export async function recordRolloutState(
  deps: RolloutDeps,
  tenantId: string,
  aadObjectId: string | undefined,
  state: RolloutPersonRecord['state'],
): Promise<void> {
  if (!aadObjectId) return;
  const { key, legacy } = await rolloutKeysOf(deps, tenantId, aadObjectId);
  await writeState(deps, tenantId, key, state);
  await deps.store.rollout.delete(tenantId, rolloutPersonId(legacy));
}

/**
 * Deletes the person's team memberships from the roll-out records (under either key), as part of
 * "delete my data": the team's counts stop counting them until a roster read meets them again.
 */
export async function deleteRolloutMemberships(
  deps: Pick<RolloutDeps, 'store' | 'config'>,
  tenantId: string,
  aadObjectId: string,
): Promise<number> {
  const { key, legacy } = await rolloutKeysOf(deps, tenantId, aadObjectId);
  let deleted = 0;
  for (const k of [key, legacy]) {
    const members = (await deps.store.rollout.query({
      partitionKey: tenantId,
      where: [
        { field: 'tenantId', op: '=', value: tenantId },
        { field: 'kind', op: '=', value: 'member' },
        { field: 'key', op: '=', value: k },
      ],
    })) as RolloutMemberRecord[];
    for (const m of members) if (await deps.store.rollout.delete(tenantId, m.id)) deleted++;
  }
  return deleted;
}

/** Every roll-out record kept under a person's key (either key): for their subject access export. */
export async function readRolloutRecordsOf(
  deps: Pick<RolloutDeps, 'store' | 'config'>,
  tenantId: string,
  aadObjectId: string,
): Promise<RolloutRecord[]> {
  const { key, legacy } = await rolloutKeysOf(deps, tenantId, aadObjectId);
  const found: RolloutRecord[] = [];
  for (const k of [key, legacy]) {
    found.push(
      ...((await deps.store.rollout.query({
        partitionKey: tenantId,
        where: [
          { field: 'tenantId', op: '=', value: tenantId },
          { field: 'key', op: '=', value: k },
        ],
      })) as RolloutRecord[]),
    );
  }
  return found;
}
