import type { Content } from '../content/types';
import type { PollAnswerRecord, Preferences, ReflectionRecord } from '../domain';
import { escapeCardText } from './escape';
import { stripControlCharacters } from './typed-text';
import { formatDate } from './time-format';
import type { HistoryCardData, RatingTrend } from './types';

/**
 * The longest reflection shown in full on the history card: ten of the longest (2,000 characters,
 * more once escaped) would pass Teams' card size limit. The export has every reflection whole.
 */
export const HISTORY_REFLECTION_CHARS = 600;

/**
 * The most a reflection may take in the card's JSON, in UTF-16 code units, once escaped for the
 * card and for JSON (security review L3: cutting by characters let escaping multiply them). Ten at
 * this size stay far under the card limit.
 */
export const HISTORY_REFLECTION_UNITS = 1_500;

const NOTE = '… (shortened: type "export" for the whole text)';

/** The length of the text as it ends up in the card's JSON: escaped for markdown, then for JSON. */
const serialisedUnits = (text: string): number => JSON.stringify(escapeCardText(text)).length - 2;

/**
 * A reflection for the card, escaped: control characters removed, and shortened at a word boundary
 * (with a note that the export has it whole) when longer than HISTORY_REFLECTION_CHARS characters
 * or HISTORY_REFLECTION_UNITS once serialised.
 */
function shownReflection(stored: string): string {
  const text = stripControlCharacters(stored);
  if (text.length <= HISTORY_REFLECTION_CHARS && serialisedUnits(text) <= HISTORY_REFLECTION_UNITS) {
    return escapeCardText(text);
  }
  let n = Math.min(text.length, HISTORY_REFLECTION_CHARS);
  while (n > 0 && serialisedUnits(text.slice(0, n)) > HISTORY_REFLECTION_UNITS) {
    n = Math.floor((n * HISTORY_REFLECTION_UNITS) / serialisedUnits(text.slice(0, n)));
  }
  const cut = text.slice(0, n);
  const space = cut.lastIndexOf(' ');
  return escapeCardText(`${(space > n / 2 ? cut.slice(0, space) : cut).trimEnd()}${NOTE}`);
}

function describeTrend(ratings: number[]): string {
  if (ratings.length < 2) return 'One rating so far';
  const first = ratings[0] ?? 0;
  const last = ratings[ratings.length - 1] ?? 0;
  if (last > first) return 'Rising';
  if (last < first) return 'Falling';
  return 'Steady';
}

/**
 * The history card's data from a person's own records, newest first (at most `limit` of each),
 * dates in their time zone and locale. Reflection text is escaped so it shows exactly as typed.
 */
export function historyCardData(
  records: { reflections: readonly ReflectionRecord[]; answers: readonly PollAnswerRecord[] },
  content: Pick<Content, 'behaviours' | 'nudges' | 'teamNudges'>,
  where: Pick<Preferences, 'timeZone' | 'locale'>,
  limit = 10,
): HistoryCardData {
  const behaviourTitle = (id: string) =>
    content.behaviours.find((b) => b.id === id)?.title ?? 'A behaviour no longer offered';
  const nudge = (id: string) =>
    content.nudges.find((n) => n.id === id) ?? (content.teamNudges ?? []).find((n) => n.id === id);
  const newestFirst = <T>(items: readonly T[], at: (t: T) => string) =>
    [...items].sort((a, b) => at(b).localeCompare(at(a))).slice(0, limit);

  const reflections = newestFirst(records.reflections, (r) => r.savedAt).map((r) => ({
    dateText: formatDate(r.savedAt, where.timeZone, where.locale),
    behaviourTitle: behaviourTitle(r.behaviourId),
    nudgeTitle: nudge(r.nudgeId)?.title ?? 'A nudge no longer offered',
    text: shownReflection(r.text),
  }));
  const answers = newestFirst(records.answers, (a) => a.answeredAt).map((a) => {
    // An answer to a question the nudge no longer asks (before the core poll per behaviour) keeps its own.
    const current = nudge(a.nudgeId)?.poll;
    const poll = current && a.pollId === current.id ? current : undefined;
    return {
      dateText: formatDate(a.answeredAt, where.timeZone, where.locale),
      question: poll?.question ?? 'A poll no longer offered',
      answer: poll?.options.find((o) => o.id === a.optionId)?.label ?? a.optionId,
    };
  });

  const byBehaviour = new Map<string, number[]>();
  for (const a of [...records.answers].sort((x, y) => x.answeredAt.localeCompare(y.answeredAt))) {
    if (a.rating === undefined) continue;
    byBehaviour.set(a.behaviourId, [...(byBehaviour.get(a.behaviourId) ?? []), a.rating]);
  }
  const trends: RatingTrend[] = [...byBehaviour].map(([id, ratings]) => ({
    behaviourTitle: behaviourTitle(id),
    ratings: `${ratings.slice(-6).join(' → ')} (out of 5)`,
    trend: describeTrend(ratings.slice(-6)),
  }));
  return { reflections, answers, trends, timeZone: where.timeZone };
}
