import { DateTime } from 'luxon';
import type { LearningTimeRecord, PollAnswerRecord, Preferences, ReflectionRecord } from '../domain';
import { formatDate } from '../cards/time-format';
import type { EntryFacts } from '../portfolio';
import type { ConversationDeps } from './deps';
import { readLearningLog } from './learning-log';

/** Which reflections go into a portfolio: a behaviour or any, a local date range, the latest N. */
export interface PortfolioSelection {
  behaviour: string; // 'any' or a behaviour id
  /** Local dates (yyyy-mm-dd) in the person's zone, inclusive; absent = open. */
  from?: string;
  to?: string;
  count: number;
}

/**
 * The most reflections one document holds: two entries at their longest (text of quotes and line
 * breaks, which double when serialised) keep the editing card within Teams' size limit; for more,
 * make another document.
 */
export const MAX_PORTFOLIO_ENTRIES = 2;

/** A person's reflections, newest first (their own partition). */
export async function readReflections(
  deps: Pick<ConversationDeps, 'store'>,
  userId: string,
): Promise<ReflectionRecord[]> {
  return (await deps.store.responses.query({
    partitionKey: userId,
    where: [{ field: 'kind', op: '=', value: 'reflection' }],
    orderBy: [{ field: 'savedAt', dir: 'desc' }],
  })) as ReflectionRecord[];
}

/** The reflections a selection picks, newest first. */
export function selectReflections(
  reflections: readonly ReflectionRecord[],
  selection: PortfolioSelection,
  timeZone: string,
): ReflectionRecord[] {
  const startOf = (d: string) => DateTime.fromISO(d, { zone: timeZone }).startOf('day').toUTC().toISO();
  const endOf = (d: string) => DateTime.fromISO(d, { zone: timeZone }).endOf('day').toUTC().toISO();
  const from = selection.from ? startOf(selection.from) : undefined;
  const to = selection.to ? endOf(selection.to) : undefined;
  return [...reflections]
    .sort((a, b) => b.savedAt.localeCompare(a.savedAt))
    .filter((r) => selection.behaviour === 'any' || r.behaviourId === selection.behaviour)
    .filter((r) => (!from || r.savedAt >= from) && (!to || r.savedAt <= to))
    .slice(0, Math.min(selection.count, MAX_PORTFOLIO_ENTRIES));
}

function describeTrend(ratings: number[]): string {
  if (ratings.length === 0) return '';
  const shown = ratings.slice(-6);
  const first = shown[0] ?? 0;
  const last = shown[shown.length - 1] ?? 0;
  const trend = shown.length < 2 ? 'one rating so far' : last > first ? 'rising' : last < first ? 'falling' : 'steady';
  return `${shown.join(' \u2192 ')} (out of 5), ${trend}`;
}

/**
 * What the person did with each chosen reflection's nudge: the nudge, their poll answer, their
 * self-rating trend for the behaviour, courses and minutes they logged. Read from their own records.
 */
export async function gatherFacts(
  deps: Pick<ConversationDeps, 'store' | 'content'>,
  userId: string,
  reflections: readonly ReflectionRecord[],
  where: Pick<Preferences, 'timeZone' | 'locale'>,
): Promise<EntryFacts[]> {
  const [answers, learning] = await Promise.all([
    deps.store.responses.query({
      partitionKey: userId,
      where: [{ field: 'kind', op: '=', value: 'poll' }],
      orderBy: [{ field: 'answeredAt', dir: 'asc' }],
    }) as Promise<PollAnswerRecord[]>,
    readLearningLog(deps, userId),
  ]);
  return reflections.map((r) => factsFor(deps.content, r, answers, learning, where));
}

function factsFor(
  content: ConversationDeps['content'],
  r: ReflectionRecord,
  answers: readonly PollAnswerRecord[],
  learning: readonly LearningTimeRecord[],
  where: Pick<Preferences, 'timeZone' | 'locale'>,
): EntryFacts {
  const nudge = content.nudges.find((n) => n.id === r.nudgeId);
  const behaviour = content.behaviours.find((b) => b.id === r.behaviourId);
  const answer = answers.find((a) => a.deliveryId === r.deliveryId);
  const ratings = answers
    .filter((a) => a.behaviourId === r.behaviourId && a.rating !== undefined && a.answeredAt <= r.savedAt)
    .map((a) => a.rating as number);
  const courses = learning
    .filter((l) => l.subject === 'course' && l.courseId)
    .map((l) => content.courses.find((c) => c.id === l.courseId))
    .filter((c): c is NonNullable<typeof c> => !!c && c.behaviours.includes(r.behaviourId as never))
    .map((c) => `${c.title} (${c.provider})`);
  return {
    reflectionId: r.id,
    deliveryId: r.deliveryId,
    nudgeId: r.nudgeId,
    behaviourId: r.behaviourId,
    dateText: formatDate(r.savedAt, where.timeZone, where.locale),
    behaviourTitle: behaviour?.title ?? 'a behaviour no longer offered',
    nudgeTitle: nudge?.title ?? 'a nudge no longer offered',
    action: nudge?.action ?? '',
    reflectionPrompt: nudge?.reflection ?? '',
    reflectionText: r.text,
    pollQuestion: answer && nudge ? nudge.poll.question : '',
    pollAnswer: answer && nudge ? (nudge.poll.options.find((o) => o.id === answer.optionId)?.label ?? '') : '',
    ratingTrend: describeTrend(ratings),
    courses,
    minutes: learning.find((l) => l.subject === 'nudge' && l.deliveryId === r.deliveryId)?.minutes ?? 0,
  };
}
