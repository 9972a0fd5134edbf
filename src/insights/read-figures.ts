import type { Content } from '../content/types';
import type { Store } from '../store/port';
import type { Condition } from '../store/port';
import type { DeliveryRecord, PollAnswerRecord } from '../domain';
import type { BehaviourFigures, InsightsFigures, InsightsScope, WindowFigures } from './insights-scope';

const WEEK_MS = 7 * 86_400_000;
/** Upper bound of records read per query; an organisation's 12 weeks are far below it. */
const MAX_READ = 200_000;

function optionLabel(content: Pick<Content, 'nudges' | 'teamNudges'>, a: PollAnswerRecord): string {
  const poll =
    content.nudges.find((n) => n.id === a.nudgeId)?.poll ??
    (content.teamNudges ?? []).find((n) => n.id === a.nudgeId)?.poll;
  return poll?.options.find((o) => o.id === a.optionId)?.label ?? a.optionId;
}

function behaviourFigures(answers: readonly PollAnswerRecord[], content: Pick<Content, 'nudges' | 'teamNudges'>) {
  const out: Record<string, BehaviourFigures> = {};
  const people = new Map<string, Set<string>>();
  const raters = new Map<string, Set<string>>();
  for (const a of answers) {
    const f = (out[a.behaviourId] ??= {
      answers: 0,
      people: 0,
      options: {},
      ratingSum: 0,
      ratingCount: 0,
      raters: 0,
    });
    f.answers++;
    const label = optionLabel(content, a);
    f.options[label] = (f.options[label] ?? 0) + 1;
    (people.get(a.behaviourId) ?? people.set(a.behaviourId, new Set()).get(a.behaviourId)!).add(a.userId);
    if (typeof a.rating === 'number') {
      f.ratingSum += a.rating;
      f.ratingCount++;
      (raters.get(a.behaviourId) ?? raters.set(a.behaviourId, new Set()).get(a.behaviourId)!).add(a.userId);
    }
  }
  for (const [id, f] of Object.entries(out)) {
    f.people = people.get(id)?.size ?? 0;
    f.raters = raters.get(id)?.size ?? 0;
  }
  return out;
}

/**
 * Reads the raw figures of a scope for each window (weeks back from `now`) with plain filtered
 * queries that both store adapters run (no GROUP BY): sent deliveries, poll answers counted towards
 * the scope's group, and (organisation scope) a COUNT of reflections. Grouping happens here, in memory,
 * over fields that hold no free text. Nothing here is fit to show before the view's group-size guard.
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
  const deliveries = (
    await store.deliveries.query(
      scope.kind === 'team'
        ? { partitionKey: scope.teamId, where: deliveryWhere, limit: MAX_READ }
        : {
            where: [
              { field: 'tenantId', op: '=', value: scope.tenantId },
              { field: 'ownerKind', op: '=', value: 'user' },
              ...deliveryWhere,
            ],
            limit: MAX_READ,
          },
    )
  ).filter((d) => d.kind !== 'welcome' && d.kind !== 'reminder') as DeliveryRecord[];
  const answers = (await store.responses.query({
    where: [
      { field: 'tenantId', op: '=', value: scope.tenantId },
      { field: 'kind', op: '=', value: 'poll' },
      { field: 'groupId', op: '=', value: scope.kind === 'team' ? scope.teamId : scope.tenantId },
      { field: 'answeredAt', op: '>=', value: fromIso },
    ],
    limit: MAX_READ,
  })) as PollAnswerRecord[];

  const windows: WindowFigures[] = [];
  for (const w of weeks) {
    const from = since(w);
    const sent = deliveries.filter((d) => (d.sentAt ?? '') >= from);
    const answered = answers.filter((a) => a.answeredAt >= from);
    const figures: WindowFigures = {
      weeks: w,
      delivered: sent.length,
      recipients: new Set(sent.map((d) => d.ownerId)).size,
      answers: answered.length,
      answerers: new Set(answered.map((a) => a.userId)).size,
      behaviours: behaviourFigures(answered, content),
    };
    if (scope.kind === 'tenant') {
      figures.reflections = await store.responses.count({
        where: [
          { field: 'tenantId', op: '=', value: scope.tenantId },
          { field: 'kind', op: '=', value: 'reflection' },
          { field: 'savedAt', op: '>=', value: from },
        ],
      });
    }
    windows.push(figures);
  }
  const shortest = Math.min(...weeks);
  const earlier = behaviourFigures(
    answers.filter((a) => a.answeredAt < since(shortest)),
    content,
  );
  const earlierRatings = Object.fromEntries(
    Object.entries(earlier).map(([id, f]) => [id, { sum: f.ratingSum, count: f.ratingCount, raters: f.raters }]),
  );
  return { scope, windows, earlierRatings };
}
