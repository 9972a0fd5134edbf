import { isConflict, isPreconditionFailed } from '../store/errors';
import type { Store, Versioned } from '../store/port';
import type { AggregateRecord, PublishedResult } from '../domain';

/** How many recent operation ids an aggregate remembers, so a retried update is not counted twice. */
const REMEMBERED_OPS = 200;

/** One side of a vote: the option chosen and the optional self-rating given with it. */
export interface VoteSide {
  optionId: string;
  rating?: number;
}

export interface CountChange {
  groupId: string;
  tenantId: string;
  pollId: string;
  behaviourId: string;
  /** The vote to take away (the person's previous one), if any. */
  from?: VoteSide;
  /** The vote to add. */
  to?: VoteSide;
  /** Unique id of this change; applying the same id twice counts once. */
  opId: string;
}

export interface CountOptions {
  /**
   * Publish a snapshot each time this many more people (raters) are counted than at the last one;
   * undefined = never publish (course opens). Never below 5 (the caller passes the group minimum).
   */
  publishStep?: number;
  /** Seconds the aggregate is kept after its last change (the retention period). */
  ttlSeconds?: number;
}

type AggregateDoc = AggregateRecord & { ops?: string[] };

/**
 * The snapshot a group may see after a change: unchanged until the live count of people reaches the
 * last snapshot's plus `step` (then the whole state is published), and likewise for ratings by raters.
 * So any two snapshots differ by at least `step` people and no one answer can be worked out.
 */
export function nextPublished(
  live: Pick<AggregateRecord, 'counts' | 'total' | 'ratingSum' | 'raters'>,
  previous: PublishedResult | undefined,
  step: number,
  nowIso: string,
): PublishedResult | undefined {
  let out = previous;
  if (live.total >= (previous?.people ?? 0) + step) {
    out = {
      raters: previous?.raters ?? 0,
      ratingSum: previous?.ratingSum ?? 0,
      ...(previous?.ratingsAt ? { ratingsAt: previous.ratingsAt } : {}),
      people: live.total,
      counts: { ...live.counts },
      at: nowIso,
    };
  }
  const raters = live.raters ?? 0;
  if (out && raters >= (previous?.raters ?? 0) + step) {
    out = { ...out, raters, ratingSum: live.ratingSum ?? 0, ratingsAt: nowIso };
  }
  return out;
}

/**
 * Applies one change to a poll's running counts with a conditional write (ETag), retrying when
 * another instance wrote in between, and publishes a new snapshot when enough new people are
 * counted. Idempotent by `opId`. Returns the aggregate after the change.
 */
export async function applyCountChange(
  store: Store,
  change: CountChange,
  nowIso: string,
  options: CountOptions = {},
): Promise<AggregateRecord> {
  const id = `${change.groupId}|${change.pollId}`;
  for (let attempt = 0; attempt < 20; attempt++) {
    const current = (await store.aggregates.get(change.groupId, id)) as Versioned<AggregateDoc> | undefined;
    if (current?.ops?.includes(change.opId)) return current;
    const counts = { ...(current?.counts ?? {}) };
    let ratingSum = current?.ratingSum ?? 0;
    let raters = current?.raters ?? 0;
    if (change.from) {
      counts[change.from.optionId] = Math.max(0, (counts[change.from.optionId] ?? 0) - 1);
      if (change.from.rating !== undefined) {
        ratingSum -= change.from.rating;
        raters = Math.max(0, raters - 1);
      }
    }
    if (change.to) {
      counts[change.to.optionId] = (counts[change.to.optionId] ?? 0) + 1;
      if (change.to.rating !== undefined) {
        ratingSum += change.to.rating;
        raters += 1;
      }
    }
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    const ops = [...(current?.ops ?? []), change.opId].slice(-REMEMBERED_OPS);
    const live = { counts, total, ratingSum, raters };
    const published =
      options.publishStep === undefined
        ? current?.published
        : nextPublished(live, current?.published, Math.max(5, options.publishStep), nowIso);
    const doc: AggregateDoc = {
      id,
      groupId: change.groupId,
      tenantId: change.tenantId,
      pollId: change.pollId,
      behaviourId: change.behaviourId,
      ...live,
      ...(published ? { published } : {}),
      ops,
      updatedAt: nowIso,
      ...(options.ttlSeconds !== undefined ? { ttl: options.ttlSeconds } : {}),
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

/** A poll's running counts in a group, or undefined when nobody answered yet. Show only `published`. */
export async function readCounts(store: Store, groupId: string, pollId: string): Promise<AggregateRecord | undefined> {
  return store.aggregates.get(groupId, `${groupId}|${pollId}`);
}
