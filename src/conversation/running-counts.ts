import { isConflict, isPreconditionFailed } from '../store/errors';
import type { Store, Versioned } from '../store/port';
import type { AggregateRecord } from '../domain';

/** How many recent operation ids an aggregate remembers, so a retried update is not counted twice. */
const REMEMBERED_OPS = 200;

export interface CountChange {
  groupId: string;
  tenantId: string;
  pollId: string;
  behaviourId: string;
  /** Option to take one away from (the answer's previous choice), if any. */
  from?: string;
  /** Option to add one to. */
  to?: string;
  /** Unique id of this change; applying the same id twice counts once. */
  opId: string;
}

type AggregateDoc = AggregateRecord & { ops?: string[] };

/**
 * Applies one change to a poll's running counts with a conditional write (ETag), retrying when
 * another instance wrote in between. Idempotent by `opId`. Returns the counts after the change.
 */
export async function applyCountChange(store: Store, change: CountChange, nowIso: string): Promise<AggregateRecord> {
  const id = `${change.groupId}|${change.pollId}`;
  for (let attempt = 0; attempt < 20; attempt++) {
    const current = (await store.aggregates.get(change.groupId, id)) as Versioned<AggregateDoc> | undefined;
    if (current?.ops?.includes(change.opId)) return current;
    const counts = { ...(current?.counts ?? {}) };
    if (change.from) counts[change.from] = Math.max(0, (counts[change.from] ?? 0) - 1);
    if (change.to) counts[change.to] = (counts[change.to] ?? 0) + 1;
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    const ops = [...(current?.ops ?? []), change.opId].slice(-REMEMBERED_OPS);
    const doc: AggregateDoc = {
      id,
      groupId: change.groupId,
      tenantId: change.tenantId,
      pollId: change.pollId,
      behaviourId: change.behaviourId,
      counts,
      total,
      ops,
      updatedAt: nowIso,
    };
    try {
      return current ? await store.aggregates.replace(doc, current.etag) : await store.aggregates.create(doc);
    } catch (e) {
      if (isPreconditionFailed(e) || isConflict(e)) continue;
      throw e;
    }
  }
  throw new Error('running counts: too many concurrent writers');
}

/** The current counts of a poll in a group (zeroes when nobody answered yet). */
export async function readCounts(store: Store, groupId: string, pollId: string): Promise<AggregateRecord | undefined> {
  return store.aggregates.get(groupId, `${groupId}|${pollId}`);
}
