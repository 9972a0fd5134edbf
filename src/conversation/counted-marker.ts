import { createHmac } from 'node:crypto';
import type { Config } from '../config';
import { isConflict } from '../store/errors';
import type { Store } from '../store/port';
import type { AggregateRecord } from '../domain';
import { serverKey } from './server-key';

/** Where a group's "already counted" markers live: beside its counts, never read by any view. */
export const countedMarkerGroup = (groupId: string): string => `counted|${groupId}`;

/**
 * The marker's id: HMAC-SHA256 (the server's key) of group, poll and person, so it names no one, links
 * no two polls of the same person, and cannot be recomputed from the store and a directory without the key.
 */
export function countedMarkerId(key: string, groupId: string, pollId: string, userId: string): string {
  return createHmac('sha256', key)
    .update(`counted\n${groupId}\n${pollId}\n${userId.toLowerCase()}`)
    .digest()
    .subarray(0, 16)
    .toString('base64url');
}

/** One person's first count in one poll and group: which count change made it (a random id). */
interface CountedMarker {
  groupId: string;
  tenantId: string;
  pollId: string;
  behaviourId: string;
  userId: string;
  /** The operation id of the count change that counts this person (their vote's pendingOp). */
  opId: string;
}

type MarkerDoc = AggregateRecord & { ops?: string[] };

/**
 * Claims a person's one place in a poll's group count before their vote is first counted. The marker
 * is kept beside the count (aggregates, partition `counted|group`), not in the person's partition, so
 * "delete my data" does not remove it: someone who answers, erases and answers again is not counted
 * twice (security review N2). It carries no id, no option and no rating, and expires with the count it
 * guards (`ttlSeconds`, the retention period). Returns true when `opId` may count the person (the marker
 * is new, or an earlier attempt of this same change wrote it), false when they were counted before.
 */
export async function claimFirstCount(
  deps: { store: Store; config: Pick<Config, 'linkSigningKey'>; now: () => Date },
  marker: CountedMarker,
  ttlSeconds: number,
): Promise<boolean> {
  const key = await serverKey(deps);
  const groupId = countedMarkerGroup(marker.groupId);
  const id = countedMarkerId(key, marker.groupId, marker.pollId, marker.userId);
  // Shaped as an empty count (no figures) so every reader of the container keeps one record type.
  const doc: MarkerDoc = {
    id,
    groupId,
    tenantId: marker.tenantId,
    pollId: 'counted',
    behaviourId: marker.behaviourId,
    counts: {},
    total: 0,
    ops: [marker.opId],
    updatedAt: deps.now().toISOString(),
    ttl: ttlSeconds,
  };
  try {
    await deps.store.aggregates.create(doc);
    return true;
  } catch (e) {
    if (!isConflict(e)) throw e;
  }
  const existing = (await deps.store.aggregates.get(groupId, id)) as MarkerDoc | undefined;
  return existing?.ops?.includes(marker.opId) ?? false;
}
