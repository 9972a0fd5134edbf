import type { Store } from '../store/port';
import type { PollAnswerRecord } from '../domain';

/**
 * Average self-rating (1..5) per behaviour from one person's poll answers since `since`: one
 * single-partition query, bounded to the latest `limit` answers.
 */
export async function readRecentRatings(
  store: Store,
  userId: string,
  since: Date,
  limit = 20,
): Promise<Map<string, number>> {
  const answers = (await store.responses.query({
    partitionKey: userId,
    where: [
      { field: 'kind', op: '=', value: 'poll' },
      { field: 'answeredAt', op: '>=', value: since.toISOString() },
    ],
    limit,
  })) as PollAnswerRecord[];
  const sums = new Map<string, { total: number; n: number }>();
  for (const a of answers) {
    if (typeof a.rating !== 'number') continue;
    const s = sums.get(a.behaviourId) ?? { total: 0, n: 0 };
    s.total += a.rating;
    s.n += 1;
    sums.set(a.behaviourId, s);
  }
  return new Map([...sums].map(([b, s]) => [b, s.total / s.n]));
}
