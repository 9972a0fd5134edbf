import type { Content } from '../content/types';
import type { Store } from '../store/port';
import type { Condition } from '../store/port';
import { practiceGroupId, type AggregateRecord, type DeliveryRecord } from '../domain';
import { membersOfPractice } from '../practice/membership';
import type { BehaviourFigures, InsightsFigures, InsightsScope, WindowFigures } from './insights-scope';

const WEEK_MS = 7 * 86_400_000;
/** Upper bound of records read per query; an organisation's 12 weeks are far below it. */
const MAX_READ = 200_000;

/** The poll an aggregate counts (team counts are kept per poll and week: `${pollId}|${period}`). */
function pollOf(content: Pick<Content, 'nudges' | 'teamNudges'>, a: AggregateRecord) {
  const pollId = a.pollId.split('|')[0];
  return (
    content.nudges.find((n) => n.poll.id === pollId)?.poll ??
    (content.teamNudges ?? []).find((n) => n.poll.id === pollId)?.poll
  );
}

const emptyBehaviour = (): BehaviourFigures => ({
  answers: 0,
  people: 0,
  options: {},
  ratingSum: 0,
  ratingCount: 0,
  raters: 0,
});

/**
 * Per behaviour, the sum of the published snapshots (see conversation/running-counts) of the polls
 * published since `fromIso`, and of the ratings published since then. Only whole snapshots are
 * added, each taken at a multiple of the minimum group size, so two windows, or one window on two
 * days, differ by whole snapshots: never by fewer than that many people.
 */
function behaviourFigures(
  aggregates: readonly AggregateRecord[],
  content: Pick<Content, 'nudges' | 'teamNudges'>,
  fromIso: string,
  beforeIso?: string,
): Record<string, BehaviourFigures> {
  const out: Record<string, BehaviourFigures> = {};
  const inWindow = (at: string | undefined) => at !== undefined && at >= fromIso && (!beforeIso || at < beforeIso);
  for (const a of aggregates) {
    const p = a.published;
    if (!p) continue;
    const f = (out[a.behaviourId] ??= emptyBehaviour());
    if (inWindow(p.at)) {
      f.answers += p.people;
      f.people += p.people;
      const poll = pollOf(content, a);
      for (const [optionId, n] of Object.entries(p.counts)) {
        const label = poll?.options.find((o) => o.id === optionId)?.label ?? optionId;
        f.options[label] = (f.options[label] ?? 0) + n;
      }
    }
    if (inWindow(p.ratingsAt)) {
      f.ratingSum += p.ratingSum;
      f.ratingCount += p.raters;
      f.raters += p.raters;
    }
  }
  return out;
}

/**
 * Reads the figures of a scope for each window (weeks back from `now`) with plain filtered queries
 * both store adapters run (no GROUP BY): sent deliveries (a team's, or each practice member's own
 * partition), the published poll snapshots of the scope's group, and (practice scope) a COUNT of
 * each member's reflections. Reads grow with the practice, never with the tenant. Poll figures come only from published
 * snapshots, the same ones the poll cards show, so no two views differ by fewer than the minimum
 * group size of people. Nothing here is fit to show before the view's group-size guard.
 */
export async function readInsightsFigures(
  store: Store,
  content: Pick<Content, 'nudges' | 'teamNudges'>,
  scope: InsightsScope,
  now: Date,
  weeks: readonly number[],
): Promise<InsightsFigures> {
  const longest = Math.max(...weeks);
  const since = (w: number) => new Date(now.getTime() - w * WEEK_MS).toISOString();
  const fromIso = since(longest);
  const deliveryWhere: Condition[] = [
    { field: 'state', op: '=', value: 'sent' },
    { field: 'sentAt', op: '>=', value: fromIso },
  ];
  const members = scope.kind === 'practice' ? await membersOfPractice(store, scope.tenantId, scope.practiceId) : [];
  const ownerPartitions = scope.kind === 'team' ? [scope.teamId] : members;
  const deliveries: DeliveryRecord[] = [];
  for (const owner of ownerPartitions) {
    const sent = (await store.deliveries.query({ partitionKey: owner, where: deliveryWhere, limit: MAX_READ })).filter(
      (d) => d.kind !== 'welcome' && d.kind !== 'reminder' && (scope.kind === 'team' || d.ownerKind === 'user'),
    );
    deliveries.push(...(sent as DeliveryRecord[]));
  }
  // A practice's poll counts are its own group's (answers counted when given, by the practice's
  // members then); the counts kept per tenant before practices existed are never read.
  const aggregates = (await store.aggregates.query({
    partitionKey: scope.kind === 'team' ? scope.teamId : practiceGroupId(scope.practiceId),
    limit: MAX_READ,
  })) as AggregateRecord[];

  const windows: WindowFigures[] = [];
  for (const w of weeks) {
    const from = since(w);
    const sent = deliveries.filter((d) => (d.sentAt ?? '') >= from);
    const behaviours = behaviourFigures(aggregates, content, from);
    const answers = Object.values(behaviours).reduce((n, f) => n + f.answers, 0);
    const figures: WindowFigures = {
      weeks: w,
      delivered: sent.length,
      recipients: new Set(sent.map((d) => d.ownerId)).size,
      answers,
      answerers: answers,
      behaviours,
    };
    if (scope.kind === 'practice') {
      let reflections = 0;
      for (const userId of members) {
        reflections += await store.responses.count({
          partitionKey: userId,
          where: [
            { field: 'kind', op: '=', value: 'reflection' },
            { field: 'savedAt', op: '>=', value: from },
          ],
        });
      }
      figures.reflections = reflections;
    }
    windows.push(figures);
  }
  const earlier = behaviourFigures(aggregates, content, fromIso, since(Math.min(...weeks)));
  const earlierRatings = Object.fromEntries(
    Object.entries(earlier).map(([id, f]) => [id, { sum: f.ratingSum, count: f.ratingCount, raters: f.raters }]),
  );
  return { scope, windows, earlierRatings };
}
